/// A schema the validator cannot judge: an unknown keyword or format, a malformed keyword
/// value, a dangling `$ref`. Thrown rather than skipped, so that nothing passes unchecked;
/// the fix is to teach the validator the keyword (with a negative test) or to fix the spec.
struct UnsupportedSchema: Error, Equatable, CustomStringConvertible {
    /// Where the schema stands in openapi.yaml.
    let pointer: String
    /// What the validator does not understand.
    let reason: String

    var description: String { "unsupported schema at \(pointer): \(reason)" }
}
