import Primitives

/// A response ready for the transport.
public struct RenderedResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Extra headers (`Allow`, `Retry-After`, …).
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String?, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A JSON response.
    public static func json<Body: JSONEncodable>(_ status: Int, _ body: Body) -> RenderedResponse {
        RenderedResponse(status: status, contentType: "application/json", body: JSONWriter.encode(body))
    }

    /// A text response with its media type.
    public static func text(_ status: Int, _ text: String, contentType: String) -> RenderedResponse {
        RenderedResponse(status: status, contentType: contentType, body: Array(text.utf8))
    }

    public static func == (lhs: RenderedResponse, rhs: RenderedResponse) -> Bool {
        lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers, by: { $0 == $1 })
    }
}
