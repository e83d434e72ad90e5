import Primitives
import COpenSSL

/// The server side of the WebSocket opening handshake (RFC 6455 §4.2).
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
        return Base64.encode(digest)
    }

    /// Validates an upgrade request's method and headers: GET, HTTP/1.1,
    /// `Upgrade: websocket`, `Connection` containing `upgrade`,
    /// `Sec-WebSocket-Version: 13` and a `Sec-WebSocket-Key` that is base64 of 16 bytes.
    /// Returns the headers to send with status 101, or the error response to send
    /// instead (400, or 426 with `Sec-WebSocket-Version: 13` for another version).
    public static func accept(
        method: String, versionMinor: Int, headers: HTTPHeaders
    ) -> Result<[(name: String, value: String)], WebSocketHandshakeError> {
        guard method == "GET" else {
            return .failure(WebSocketHandshakeError(status: 400, message: "WebSocket upgrade requires GET, not \(method)"))
        }
        guard versionMinor >= 1 else {
            return .failure(WebSocketHandshakeError(status: 400, message: "WebSocket upgrade requires HTTP/1.1"))
        }
        guard headers.containsToken("websocket", in: "Upgrade") else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Upgrade header does not name websocket"))
        }
        guard headers.containsToken("upgrade", in: "Connection") else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Connection header lacks the upgrade token"))
        }
        // §4.4: a client speaking another version learns which one to retry with.
        let versions = trimmedValues("Sec-WebSocket-Version", in: headers)
        guard versions == [supportedVersion] else {
            return .failure(WebSocketHandshakeError(
                status: 426, message: "unsupported Sec-WebSocket-Version \(versions.joined(separator: ", "))",
                headers: [(name: "Sec-WebSocket-Version", value: supportedVersion)]))
        }
        let keys = trimmedValues("Sec-WebSocket-Key", in: headers)
        guard keys.count == 1, let key = keys.first else {
            return .failure(WebSocketHandshakeError(status: 400, message: "expected one Sec-WebSocket-Key header"))
        }
        guard Base64.decode(key)?.count == 16 else {
            return .failure(WebSocketHandshakeError(status: 400, message: "Sec-WebSocket-Key is not base64 of 16 bytes"))
        }
        return .success([
            (name: "Upgrade", value: "websocket"),
            (name: "Connection", value: "Upgrade"),
            (name: "Sec-WebSocket-Accept", value: acceptValue(forKey: key)),
        ])
    }

    /// The values of every header called `name`, trimmed of surrounding whitespace: the
    /// parser trims them already, but headers built in code need not be.
    private static func trimmedValues(_ name: String, in headers: HTTPHeaders) -> [String] {
        headers.values(name).map { String(Substring(HTTPHeaders.trimmingWhitespace($0[...].utf8))) }
    }
}
