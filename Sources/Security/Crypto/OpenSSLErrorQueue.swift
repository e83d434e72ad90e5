import COpenSSL

/// Reads libcrypto's thread-local error queue so a failure carries OpenSSL's own words.
enum OpenSSLErrorQueue {
    /// The oldest queued error as text (or a fixed phrase when the queue is empty),
    /// then clears the queue so a later failure does not report a stale reason.
    static func drain() -> String {
        let code = ERR_get_error()
        defer { ERR_clear_error() }
        guard code != 0 else { return "no OpenSSL error queued" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
