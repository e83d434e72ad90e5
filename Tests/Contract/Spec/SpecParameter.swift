/// One parameter of an operation, with its `$ref` resolved.
struct SpecParameter: Sendable {
    /// The parameter's name.
    let name: String
    /// `path`, `query`, `header` or `cookie`.
    let location: String
    /// Whether a request must carry it (path parameters always must).
    let required: Bool
    /// Its schema.
    let schema: JSONInstance
    /// Where the schema stands, as a JSON pointer (for messages).
    let schemaPointer: String
    /// The example the spec gives (on the parameter, else on its schema).
    let example: JSONInstance?
    /// How values are serialized (OpenAPI's defaults: `simple` in paths, `form` in queries).
    let style: String
    /// Whether array elements become separate parameters (`form`'s default) rather than one comma-joined value.
    let explode: Bool

    /// Reads the parameter `node` (at `pointer`, possibly a `$ref` into `document`).
    init(node: JSONInstance, pointer: String, document: JSONInstance) throws {
        let location = node["$ref"]?.string ?? pointer
        let node = try SpecDocument.resolve(node, in: document)
        guard let name = node["name"]?.string, let place = node["in"]?.string, let schema = node["schema"] else {
            throw SpecDocument.Problem(description: "\(location): a parameter needs name, in and schema")
        }
        self.name = name
        self.location = place
        self.required = node["required"]?.bool ?? (place == "path")
        self.schema = schema
        self.schemaPointer = location + "/schema"
        let resolvedSchema = try SpecDocument.resolve(schema, in: document)
        self.example = node["example"] ?? resolvedSchema["example"]
        self.style = node["style"]?.string ?? (place == "query" || place == "cookie" ? "form" : "simple")
        self.explode = node["explode"]?.bool ?? (self.style == "form")
    }

    /// The value's texts in a URL, before percent-encoding: a scalar as written; an array
    /// joined with commas, or one text per element when exploded.
    func serialized(_ value: JSONInstance) -> [String] {
        let scalars = value.array ?? [value]
        let texts = scalars.map { $0.string ?? $0.text }
        if value.array != nil, !explode { return [texts.joined(separator: ",")] }
        return texts
    }
}
