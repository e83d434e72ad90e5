import COpenSSL

/// The server side of the WebSocket opening handshake (RFC 6455 §4.2).
///
/// Headers come in as a plain list so this does not depend on the HTTP parser's types.
public enum WebSocketHandshake {
    /// The GUID every server appends to the client's key (§1.3); it proves that the
    /// server understood the WebSocket request rather than echoing headers blindly.
    static let keyGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The only protocol version RFC 6455 defines.
    static let supportedVersion = "13"

    /// Sec-WebSocket-Accept for a Sec-WebSocket-Key (SHA-1 of key + GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", base64).
    public static func acceptValue(forKey key: String) -> String {
        let input = Array((key + keyGUID).utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        input.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { digest in
                _ = SHA1(input.baseAddress, input.count, digest.baseAddress)
            }
        }
        return WebSocketBase64.encode(digest)
    }

    /// Validates an upgrade request's method and headers: GET, HTTP/1.1,
    /// `Upgrade: websocket`, `Connection` containing `upgrade`,
    /// `Sec-WebSocket-Version: 13` and a `Sec-WebSocket-Key` that is base64 of 16 bytes.
    /// Returns the headers to send with status 101, or the error response to send
    /// instead (400, or 426 with `Sec-WebSocket-Version: 13` for another version).
    public static func accept(
        method: String, versionMinor: Int, headers: [(name: String, value: String)]
    ) -> Result<[(name: String, value: String)], WebSocketHandshakeError> {
        guard method == "GET" else {
            return .failure(WebSocketHandshakeError(status: 400, message: "WebSocket upgrade requires GET, not \(method)"))
        }
        guard versionMinor >= 1 else {
            return .failure(WebSocketHandshakeError(status: 400, message: "WebSocket upgrade requires HTTP/1.1"))
        }
        guard tokens(of: "Upgrade", in: headers).contains("websocket") else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Upgrade header does not name websocket"))
        }
        guard tokens(of: "Connection", in: headers).contains("upgrade") else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Connection header lacks the upgrade token"))
        }
        // §4.4: a client speaking another version learns which one to retry with.
        let versions = values(of: "Sec-WebSocket-Version", in: headers)
        guard versions == [supportedVersion] else {
            return .failure(WebSocketHandshakeError(
                status: 426, message: "unsupported Sec-WebSocket-Version \(versions.joined(separator: ", "))",
                headers: [(name: "Sec-WebSocket-Version", value: supportedVersion)]))
        }
        let keys = values(of: "Sec-WebSocket-Key", in: headers)
        guard keys.count == 1, let key = keys.first else {
            return .failure(WebSocketHandshakeError(status: 400, message: "expected one Sec-WebSocket-Key header"))
        }
        guard WebSocketBase64.decode(key)?.count == 16 else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Sec-WebSocket-Key is not base64 of 16 bytes"))
        }
        return .success([
            (name: "Upgrade", value: "websocket"),
            (name: "Connection", value: "Upgrade"),
            (name: "Sec-WebSocket-Accept", value: acceptValue(forKey: key)),
        ])
    }

    /// The values of every header called `name` (case-insensitively), trimmed of
    /// surrounding whitespace.
    private static func values(of name: String, in headers: [(name: String, value: String)]) -> [String] {
        let name = name.lowercased()
        return headers.filter { $0.name.lowercased() == name }.map { String(trimmingWhitespace($0.value[...])) }
    }

    /// The lower-cased comma-separated tokens of every header called `name`; a
    /// header may be repeated or list several tokens (`Connection: keep-alive, Upgrade`).
    private static func tokens(of name: String, in headers: [(name: String, value: String)]) -> [String] {
        values(of: name, in: headers).flatMap { value in
            value.split(separator: ",").map { trimmingWhitespace($0).lowercased() }
        }
    }

    private static func trimmingWhitespace(_ text: Substring) -> Substring {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isWhitespace($0) }),
              let last = text.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return text[start...last]
    }
}
