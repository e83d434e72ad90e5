import Primitives

/// The one JSON line logged per request. It never holds bodies, headers or query strings,
/// so no token or password can reach the log.
enum RequestLog {
    static func line(
        method: String, path: String, status: Int, durationMilliseconds: Double, requestID: String, remote: String
    ) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("level"); writer.string("info")
        writer.key("msg"); writer.string("request")
        writer.key("method"); writer.string(method)
        writer.key("path"); writer.string(path)
        writer.key("status"); writer.int(status)
        writer.key("duration_ms"); writer.double((durationMilliseconds * 1000).rounded() / 1000)
        writer.key("request_id"); writer.string(requestID)
        writer.key("remote"); writer.string(remote)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
