/// An HTTP response as it came off the socket.
struct HTTPResponseMessage: Sendable {
    /// The status code.
    let status: Int
    /// The header fields in arrival order (names as sent).
    let headers: [(name: String, value: String)]
    /// The body, with any chunked transfer coding removed.
    let body: [UInt8]

    /// The value of the first header field called `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text (invalid sequences replaced).
    var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// `status` and the start of the body, for failure messages.
    var summary: String {
        let text = self.text
        return "\(status) \(header("Content-Type") ?? "(no Content-Type)"): " + (text.count > 400 ? String(text.prefix(400)) + "…" : text)
    }
}
