/// Where a parameter travels.
public enum ParameterLocation: String, Sendable, Equatable {
    case path, query, header
}
