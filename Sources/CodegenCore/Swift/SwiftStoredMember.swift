/// A stored property of an emitted struct that a generated decoder fills: a model's property
/// or an operation input's parameter or body. Both kinds get the same memberwise initialiser
/// and are rebuilt from decoded locals the same way.
protocol SwiftStoredMember {
    /// The Swift name, also the name of the decoder's local.
    var name: String { get }
    /// The Swift type, without `?`.
    var type: String { get }
    /// True when the property may be nil.
    var optional: Bool { get }
    /// The value a missing member takes, as a Swift literal.
    var defaultLiteral: String? { get }
}

extension SwiftStoredMember {
    /// The declared type: `type`, or `type?` when optional.
    var declaredType: String { optional ? type + "?" : type }

    /// True when the value cannot be built without it: neither optional nor defaulted.
    var isMandatory: Bool { !optional && defaultLiteral == nil }
}

extension Array where Element: SwiftStoredMember {
    /// Writes `public init(a: A, b: B? = nil) {` … `}`: the memberwise initialiser.
    func writeMemberwiseInitializer(into writer: inout SwiftWriter) {
        let parameters = map { member -> String in
            let fallback = member.defaultLiteral ?? (member.optional ? "nil" : nil)
            return "\(member.name): \(member.declaredType)" + (fallback.map { " = \($0)" } ?? "")
        }
        writer.block("public init(\(parameters.joined(separator: ", "))) {") { writer in
            for member in self { writer.line("self.\(member.name) = \(member.name)") }
        }
    }

    /// `, let a, let b`: the decoder's guard clauses unwrapping the mandatory members.
    var mandatoryBindings: String {
        filter(\.isMandatory).map { ", let \($0.name)" }.joined()
    }

    /// `a: a, b: b ?? 5`: the initialiser's arguments from the decoder's locals.
    var decodedArguments: String {
        map { member in
            if let literal = member.defaultLiteral { return "\(member.name): \(member.name) ?? \(literal)" }
            return "\(member.name): \(member.name)"
        }.joined(separator: ", ")
    }
}
