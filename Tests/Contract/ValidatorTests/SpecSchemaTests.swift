import XCTest

/// openapi.yaml against the validator: every schema in it uses only what the validator
/// understands (so no response check can skip a keyword), and every example the spec gives
/// conforms to its schema (the validator agreeing with the spec's authors on ~500 values).
final class SpecSchemaTests: XCTestCase {
    func testEverySchemaOfTheSpecUsesOnlyUnderstoodKeywords() throws {
        let spec = try SpecDocument.shared()
        let schemas = Self.topLevelSchemas(of: spec.root)
        XCTAssertGreaterThan(schemas.count, 300, "the walk finds the spec's schemas")
        for (schema, pointer) in schemas {
            XCTAssertNoThrow(try SchemaVocabulary.verify(schema, at: pointer, in: spec.root))
        }
    }

    func testEveryExampleConformsToItsSchema() throws {
        let spec = try SpecDocument.shared()
        let validator = SchemaValidator(document: spec.root)
        var checked = 0
        for (example, schema, pointer) in Self.examples(in: spec.root) {
            checked += 1
            XCTAssertEqual(try validator.violations(of: example, against: schema, at: pointer), [], "the example at \(pointer)")
        }
        XCTAssertGreaterThan(checked, 400, "the walk finds the spec's examples")
    }

    /// Every place a schema starts: components/schemas, and each `schema` of a parameter,
    /// header or media type, and the WebSocket messages of `x-websocket`.
    static func topLevelSchemas(of root: JSONInstance) -> [(JSONInstance, String)] {
        var found: [(JSONInstance, String)] = []
        for (name, schema) in root["components"]?["schemas"]?.object ?? [:] {
            found.append((schema, "#/components/schemas/\(SpecDocument.escape(name))"))
        }
        func walk(_ node: JSONInstance, _ pointer: String) {
            for (key, value) in node.object ?? [:] {
                let location = "\(pointer)/\(SpecDocument.escape(key))"
                if key == "schema" || key == "clientMessage" || key == "serverMessage" {
                    found.append((value, location))
                } else if location != "#/components/schemas" {
                    walk(value, location)
                }
            }
            for (index, value) in (node.array ?? []).enumerated() { walk(value, "\(pointer)/\(index)") }
        }
        walk(root, "#")
        return found
    }

    /// Every example with the schema it illustrates: a schema's own `example`, and the
    /// `example` of a parameter or media type beside its `schema`.
    static func examples(in root: JSONInstance) -> [(JSONInstance, JSONInstance, String)] {
        var found: [(JSONInstance, JSONInstance, String)] = []
        func walkSchema(_ schema: JSONInstance, _ pointer: String) {
            if let example = schema["example"] { found.append((example, schema, pointer)) }
            for (name, property) in schema["properties"]?.object ?? [:] {
                walkSchema(property, "\(pointer)/properties/\(SpecDocument.escape(name))")
            }
            for key in ["items", "additionalProperties", "not"] {
                if let subschema = schema[key], subschema.object != nil { walkSchema(subschema, "\(pointer)/\(key)") }
            }
            for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
                for (index, subschema) in (schema[key]?.array ?? []).enumerated() { walkSchema(subschema, "\(pointer)/\(key)/\(index)") }
            }
        }
        for (schema, pointer) in topLevelSchemas(of: root) {
            walkSchema(schema, pointer)
            let owner = String(pointer.dropLast("/schema".count))
            if pointer.hasSuffix("/schema"), let example = try? SpecDocument.node(at: owner, in: root)["example"] {
                found.append((example, schema, owner + "/example"))
            }
        }
        return found
    }
}
