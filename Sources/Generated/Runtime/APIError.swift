/// An error a handler throws: one of the spec's error codes, rendered by the router as the
/// documented `{code, message, details?, request_id?}` body with the code's HTTP status.
public struct APIError: Error, Sendable, Equatable {
    public var code: ErrorCode
    public var message: String
    public var details: [FieldIssue]
    /// Extra response headers (`Allow`, `Retry-After`, …).
    public var headers: [(name: String, value: String)]

    public init(_ code: ErrorCode, message: String? = nil, details: [FieldIssue] = [], headers: [(name: String, value: String)] = []) {
        self.code = code
        self.message = message ?? code.defaultMessage
        self.details = details
        self.headers = headers
    }

    /// A `VALIDATION_ERROR` listing every issue.
    public static func validation(_ issues: [FieldIssue]) -> APIError {
        let message = issues.count == 1 ? "Invalid request: \(issues[0])" : "Invalid request: \(issues.count) problems"
        return APIError(.validationError, message: message, details: issues)
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
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
