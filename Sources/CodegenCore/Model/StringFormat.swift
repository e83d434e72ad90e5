/// The string formats the emitters treat specially.
public enum StringFormat: Sendable, Equatable {
    case plain
    case dateTime
    case date
    case uuid
    /// An exact decimal number carried as a string ("65432.10").
    case decimal
    case other(String)

    init(_ name: String?) {
        switch name {
        case nil: self = .plain
        case "date-time": self = .dateTime
        case "date": self = .date
        case "uuid": self = .uuid
        case "decimal": self = .decimal
        case let other?: self = .other(other)
        }
    }
}
