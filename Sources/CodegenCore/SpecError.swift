/// A problem in the spec, from the YAML parser or the model builder, reported at the place
/// it stands. Lines and columns are 1-based; line 0 means the file itself could not be read.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, without the location.
    public var message: String
    /// Where it went wrong.
    public var location: SourceLocation

    /// Creates an error.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message`, the form compilers and editors understand.
    public var description: String { "\(location): error: \(message)" }
}
