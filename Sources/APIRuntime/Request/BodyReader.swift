import Primitives

/// Reads a JSON request body for a generated input decoder.
public enum BodyReader {
    /// Decodes the body as `Body`. An empty body is "required" when the body is required and
    /// nil otherwise; malformed JSON or the wrong media type is one issue at `body`, a member
    /// named twice one issue at its path.
    public static func decode<Body: JSONDecodable>(
        _ request: RouteRequest, required: Bool, issues: inout [FieldIssue]
    ) -> Body? {
        guard !request.body.isEmpty else {
            if required { issues.append(FieldIssue("body", "is required")) }
            return nil
        }
        if let contentType = request.contentType {
            let media = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
            guard media == "application/json" || media.hasSuffix("+json") else {
                issues.append(FieldIssue("body", "must be application/json, not \(media)"))
                return nil
            }
        }
        guard let json = ClientJSON.parse(request.body, at: "body", issues: &issues) else { return nil }
        return Body.decode(json, at: "body", issues: &issues)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (header values).

    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result = result.dropFirst() }
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
