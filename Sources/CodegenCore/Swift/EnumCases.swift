/// Case names for an enumeration's values, unique within it.
struct EnumCases {
    private var names: [String: String] = [:]

    /// Names every value, adding a suffix where two values would get the same name.
    init(_ values: [String]) {
        var used: Set<String> = []
        for value in values {
            let name = Naming.unique(SwiftNames.identifier(value), in: used)
            used.insert(name)
            names[value] = name
        }
    }

    /// The case name of `value`.
    func name(of value: String) -> String { names[value] ?? SwiftNames.identifier(value) }
}
