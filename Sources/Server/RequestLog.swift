/// The one JSON line logged per request. It never holds bodies, headers or query strings,
/// so no token or password can reach the log.
enum RequestLog {
    static func line(
        method: String, path: String, status: Int, durationMilliseconds: Double, requestID: String, remote: String
    ) -> String {
        let duration = (durationMilliseconds * 1000).rounded() / 1000
        return #"{"level":"info","msg":"request","method":"\#(escape(method))","path":"\#(escape(path))","status":\#(status),"#
            + #""duration_ms":\#(duration),"request_id":"\#(escape(requestID))","remote":"\#(escape(remote))"}"#
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 { out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
