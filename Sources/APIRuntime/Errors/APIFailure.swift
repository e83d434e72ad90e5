import Primitives

/// An error a handler throws: one of the spec's error codes, rendered by the router as the
/// documented `{code, message, details?, request_id?}` body with the code's HTTP status.
/// Generic over the code type because the codes are generated from the spec above this
/// module; the generated module names the concrete type `APIError`.
public struct APIFailure<Code: APIErrorCode>: Error, Sendable, Equatable {
    /// The spec's error code.
    public var code: Code
    /// A message for people; never a secret or an internal detail.
    public var message: String
    /// Field-level problems of a `VALIDATION_ERROR`.
    public var details: [FieldIssue]
    /// Extra response headers (`Allow`, `Retry-After`, …).
    public var headers: [(name: String, value: String)]

    /// An error with `code`; the message defaults to the code's documented one.
    public init(_ code: Code, message: String? = nil, details: [FieldIssue] = [], headers: [(name: String, value: String)] = []) {
        self.code = code
        self.message = message ?? code.defaultMessage
        self.details = details
        self.headers = headers
    }

    /// The most issues `details` lists (the spec's `ErrorResponse.details` holds at most 100).
    public static var maximumDetails: Int { 100 }

    /// A `VALIDATION_ERROR` listing the issues, the first `maximumDetails` of them when there
    /// are more (the message counts them all).
    public static func validation(_ issues: [FieldIssue]) -> APIFailure {
        let message = issues.count == 1 ? "Invalid request: \(issues[0])" : "Invalid request: \(issues.count) problems"
        return APIFailure(.validationError, message: message, details: Array(issues.prefix(maximumDetails)))
    }

    public static func == (lhs: APIFailure, rhs: APIFailure) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.details == rhs.details
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }

    /// The response: the code's status, the error body, and the extra headers.
    public func render(requestID: String? = nil) -> RenderedResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("code"); code.encode(to: &writer)
        writer.key("message"); writer.string(message)
        if !details.isEmpty {
            writer.key("details")
            writer.beginArray()
            for issue in details {
                writer.element()
                writer.beginObject()
                writer.key("field"); writer.string(issue.field)
                writer.key("message"); writer.string(issue.message)
                writer.endObject()
            }
            writer.endArray()
        }
        if let requestID { writer.key("request_id"); writer.string(requestID) }
        writer.endObject()
        return RenderedResponse(status: code.httpStatus, contentType: "application/json", body: writer.bytes, headers: headers)
    }
}
