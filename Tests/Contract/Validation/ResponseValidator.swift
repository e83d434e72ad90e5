import CodegenCore

/// Checks an HTTP response against what openapi.yaml documents for its operation: the status
/// is documented (the code itself, else its `NXX` range, else `default`), the Content-Type is
/// one of that response's media types, the body conforms to the media type's schema, and the
/// documented headers that are present conform to theirs.
struct ResponseValidator {
    /// The spec the responses are held to.
    let spec: SpecDocument

    /// Every violation of the spec by `response` to `operation`; empty when it conforms.
    func violations(of response: HTTPResponseMessage, to operation: SpecOperation) throws -> [SchemaViolation] {
        let responses = operation.node["responses"]?.object ?? [:]
        let range = "\(response.status / 100)XX"
        guard let key = [String(response.status), range, "default"].first(where: { responses[$0] != nil }) else {
            return [SchemaViolation(path: "status", schemaPointer: operation.pointer + "/responses",
                                    message: "\(response.status) is not documented for \(operation.id) (documented: "
                                        + operation.documentedStatuses.joined(separator: ", ") + ")")]
        }
        return try violations(of: response, against: responses[key]!, at: "\(operation.pointer)/responses/\(key)")
    }

    /// Every violation of the response object `documented` (standing at `pointer`, possibly a `$ref`) by `response`.
    func violations(of response: HTTPResponseMessage, against documented: JSONInstance, at pointer: String) throws -> [SchemaViolation] {
        let pointer = documented["$ref"]?.string ?? pointer
        let documented = try SpecDocument.resolve(documented, in: spec.root)
        var found = try headerViolations(of: response, against: documented, at: pointer)
        guard let content = documented["content"]?.object, !content.isEmpty else {
            if !response.body.isEmpty {
                found.append(SchemaViolation(path: "$", schemaPointer: pointer, message: "the response documents no body, but one came"))
            }
            return found
        }
        guard let header = response.header("Content-Type"), let mediaType = MediaType(header) else {
            found.append(SchemaViolation(path: "header Content-Type", schemaPointer: pointer + "/content",
                                         message: "missing or malformed; documented: \(content.keys.sorted().joined(separator: ", "))"))
            return found
        }
        guard let key = content.keys.sorted().first(where: { MediaType($0).map(mediaType.satisfies) ?? false }) else {
            found.append(SchemaViolation(path: "header Content-Type", schemaPointer: pointer + "/content",
                                         message: "\(header) is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"))
            return found
        }
        guard let schema = content[key]?["schema"] else { return found }
        let schemaPointer = "\(pointer)/content/\(SpecDocument.escape(key))/schema"
        let instance: JSONInstance
        if mediaType.isJSON {
            do {
                instance = try JSONInstance.parse(response.body)
            } catch {
                found.append(SchemaViolation(path: "$", schemaPointer: schemaPointer, message: "the body is \(error)"))
                return found
            }
        } else {
            guard let text = String(validating: response.body, as: UTF8.self) else {
                found.append(SchemaViolation(path: "$", schemaPointer: schemaPointer, message: "the body is not UTF-8 text"))
                return found
            }
            if mediaType.isYAML {
                do {
                    instance = JSONInstance(yaml: try YAMLParser.parse(text, file: "response body"))
                } catch {
                    found.append(SchemaViolation(path: "$", schemaPointer: schemaPointer, message: "the body is not YAML: \(error)"))
                    return found
                }
            } else {
                instance = .string(text)
            }
        }
        return found + (try SchemaValidator(document: spec.root).violations(of: instance, against: schema, at: schemaPointer))
    }

    /// The documented response headers that are present must conform to their schemas; a
    /// `required` one must be present.
    private func headerViolations(of response: HTTPResponseMessage, against documented: JSONInstance, at pointer: String) throws -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        for (name, entry) in (documented["headers"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            let headerPointer = "\(pointer)/headers/\(SpecDocument.escape(name))"
            let header = try SpecDocument.resolve(entry, in: spec.root)
            guard let text = response.header(name) else {
                if header["required"]?.bool == true {
                    found.append(SchemaViolation(path: "header \(name)", schemaPointer: headerPointer, message: "the required header is missing"))
                }
                continue
            }
            guard let schema = header["schema"] else { continue }
            // A header is text; a schema of numbers means the text must spell one.
            let type = try SpecDocument.resolve(schema, in: spec.root)["type"]?.string
            let value: JSONInstance = (type == "integer" || type == "number") ? Double(text).map(JSONInstance.number) ?? .string(text) : .string(text)
            found += try SchemaValidator(document: spec.root).violations(of: value, against: schema, at: headerPointer + "/schema")
                .map { SchemaViolation(path: "header \(name)", schemaPointer: $0.schemaPointer, message: $0.message) }
        }
        return found
    }
}
