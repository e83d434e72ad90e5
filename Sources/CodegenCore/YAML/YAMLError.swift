/// A YAML document could not be read or parsed, with the place where it went wrong.
///
/// Lines and columns are 1-based; line 0 means the file itself could not be read.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
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
