/// Reason phrases for status lines.
enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 426: return "Upgrade Required"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }

    /// `HTTP/1.1 200 OK\r\n` as bytes, rendered once per status.
    static func statusLine(_ status: Int) -> [UInt8] {
        if let line = commonLines[status] { return line }
        return Array("HTTP/1.1 \(status) \(reason(status))\r\n".utf8)
    }

    private static let commonLines: [Int: [UInt8]] = Dictionary(uniqueKeysWithValues: [
        100, 101, 200, 201, 202, 204, 304, 400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 426, 429, 431, 500, 501, 503, 505,
    ].map { ($0, Array("HTTP/1.1 \($0) \(reason($0))\r\n".utf8)) })

    /// Statuses whose responses never carry a body or a Content-Length.
    static func forbidsBody(_ status: Int) -> Bool {
        status < 200 || status == 204 || status == 304
    }
}
