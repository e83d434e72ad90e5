import Primitives

/// What the runtime needs of the spec's error codes (the generated `ErrorCode` conforms):
/// each code's HTTP status (`x-error-status`) and default message (`x-error-messages`), its
/// wire form, and the one code the runtime itself raises for invalid input.
public protocol APIErrorCode: Sendable, Equatable, JSONEncodable {
    /// The HTTP status the code is answered with.
    var httpStatus: Int { get }
    /// The message used when a thrower gives none.
    var defaultMessage: String { get }
    /// `VALIDATION_ERROR`: a request that does not match its schema.
    static var validationError: Self { get }
}
