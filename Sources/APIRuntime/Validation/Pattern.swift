/// A compiled `pattern` keyword with its source text for messages.
///
/// `Regex` is not marked `Sendable` because it compiles its program lazily on first use.
/// `init` forces that compilation with one match before the value can be shared (the
/// generated patterns are `static let`s, initialised once), after which matching only
/// reads it; hence `@unchecked Sendable` is safe here.
public struct Pattern: @unchecked Sendable {
    /// The pattern as written in the spec.
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles a pattern; the generator has already checked that it compiles.
    public init(_ source: String) {
        self.source = source
        // The code generator rejects patterns that do not compile, so this cannot fail.
        self.regex = try! Regex(source)
        _ = try? regex.firstMatch(in: "")
    }

    /// True when the pattern matches somewhere in `value`.
    public func matches(_ value: String) -> Bool {
        (try? regex.firstMatch(in: value)) != nil
    }
}
