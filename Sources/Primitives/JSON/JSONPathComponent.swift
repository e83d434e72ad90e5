/// One step from a JSON document's root towards a value inside it: a member of an object,
/// or an element of an array.
public enum JSONPathComponent: Sendable, Equatable {
    /// The member of this name.
    case member(String)
    /// The element at this index (from 0).
    case index(Int)

    /// The components written after a root such as `body`: `body.orders[2].price`.
    public static func path(_ components: [JSONPathComponent], from root: String) -> String {
        var path = root
        for component in components {
            switch component {
            case .member(let name): path += path.isEmpty ? name : "." + name
            case .index(let index): path += "[\(index)]"
            }
        }
        return path
    }
}
