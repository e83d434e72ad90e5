import XCTest

/// The validator itself: each keyword accepts what conforms and reports what does not, with
/// the instance path; a keyword or format it does not know is refused, never skipped.
final class SchemaValidatorTests: XCTestCase {
    /// A small document in the spec's style for `$ref`s to point into.
    static let document: JSONInstance = [
        "components": ["schemas": [
            "Role": ["type": "string", "enum": ["viewer", "trader", "admin"]],
            "User": [
                "type": "object",
                "properties": [
                    "id": ["type": "string", "format": "uuid"],
                    "name": ["type": "string", "minLength": 3, "maxLength": 8, "pattern": "^[a-z]+$"],
                    "role": ["$ref": "#/components/schemas/Role", "description": "a sibling annotation"],
                    "age": ["type": "integer", "format": "int32", "minimum": 0, "exclusiveMaximum": 150],
                    "nickname": ["type": ["string", "null"]],
                    "created_at": ["type": "string", "format": "date-time"],
                ],
                "required": ["id", "name", "role"],
                "additionalProperties": false,
            ],
            "Ping": ["type": "object", "properties": ["type": ["type": "string", "const": "ping"]], "required": ["type"]],
            "Pong": ["type": "object", "properties": ["type": ["type": "string", "const": "pong"], "at": ["type": "integer"]],
                     "required": ["type", "at"]],
            "Message": [
                "oneOf": [["$ref": "#/components/schemas/Ping"], ["$ref": "#/components/schemas/Pong"]],
                "discriminator": ["propertyName": "type", "mapping": ["ping": "#/components/schemas/Ping", "pong": "#/components/schemas/Pong"]],
            ],
        ]],
    ]

    /// A user that conforms to `User`.
    static let validUser: JSONInstance = ["id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "name": "ann", "role": "viewer"]

    private func violations(_ instance: JSONInstance, _ schema: JSONInstance) throws -> [SchemaViolation] {
        try SchemaValidator(document: Self.document).violations(of: instance, against: schema, at: "#/test")
    }

    /// The valid user with some members set (`nil` sets JSON null).
    private func user(_ changes: [String: JSONInstance]) -> JSONInstance {
        .object(Self.validUser.object!.merging(changes) { _, new in new })
    }

    private func assertOneViolation(_ instance: JSONInstance, _ schema: JSONInstance, at path: String, saying phrase: String,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let found = try violations(instance, schema)
        XCTAssertEqual(found.map(\.path), [path], "\(found)", file: file, line: line)
        XCTAssertTrue(found.first?.message.contains(phrase) == true, "\(found)", file: file, line: line)
    }

    private let userSchema: JSONInstance = ["$ref": "#/components/schemas/User"]
    private let messageSchema: JSONInstance = ["$ref": "#/components/schemas/Message"]

    func testAConformingInstanceHasNoViolations() throws {
        XCTAssertEqual(try violations(Self.validUser, userSchema), [])
        XCTAssertEqual(try violations(user(["age": 42, "nickname": nil, "created_at": "2026-01-28T12:00:00.5+09:00"]), userSchema), [])
    }

    func testAWrongTypeIsReported() throws {
        try assertOneViolation(user(["name": 7]), userSchema, at: "$.name", saying: "expected string, found integer")
        try assertOneViolation("a string", userSchema, at: "$", saying: "expected object")
        try assertOneViolation(user(["nickname": 1.5]), userSchema, at: "$.nickname", saying: "expected string or null, found number")
    }

    func testATypeListAllowsEachOfItsTypes() throws {
        XCTAssertEqual(try violations(user(["nickname": "annie"]), userSchema), [])
        try assertOneViolation(user(["nickname": false]), userSchema, at: "$.nickname", saying: "expected string or null")
    }

    func testAMissingRequiredPropertyIsReportedAtItsPath() throws {
        try assertOneViolation(Self.validUser.removing("role"), userSchema, at: "$.role", saying: "required property is missing")
    }

    func testAnExtraPropertyIsReportedWhereAdditionalPropertiesIsFalse() throws {
        try assertOneViolation(user(["admin": true]), userSchema, at: "$.admin", saying: "additionalProperties: false")
        XCTAssertEqual(try violations(["extra": 1], ["type": "object", "additionalProperties": ["type": "integer"]]), [])
        try assertOneViolation(["extra": "x"], ["type": "object", "additionalProperties": ["type": "integer"]], at: "$.extra", saying: "expected integer")
    }

    func testAValueOutsideTheEnumIsReported() throws {
        try assertOneViolation(user(["role": "boss"]), userSchema, at: "$.role", saying: "is not one of \"viewer\", \"trader\", \"admin\"")
    }

    func testConstIsEnforced() throws {
        try assertOneViolation(["type": "pang"], ["$ref": "#/components/schemas/Ping"], at: "$.type", saying: "expected the constant \"ping\"")
    }

    func testStringLengthAndPatternAreEnforced() throws {
        try assertOneViolation(user(["name": "al"]), userSchema, at: "$.name", saying: "shorter than minLength 3")
        try assertOneViolation(user(["name": "alexandra"]), userSchema, at: "$.name", saying: "longer than maxLength 8")
        try assertOneViolation(user(["name": "Ann"]), userSchema, at: "$.name", saying: "does not match the pattern")
        XCTAssertEqual(try violations("반도체", ["type": "string", "maxLength": 3]), [], "length counts characters, not bytes")
    }

    func testNumericBoundsAreEnforced() throws {
        try assertOneViolation(user(["age": -1]), userSchema, at: "$.age", saying: "less than the minimum 0")
        try assertOneViolation(user(["age": 150]), userSchema, at: "$.age", saying: "not less than the exclusive maximum 150")
        try assertOneViolation(5, ["type": "number", "exclusiveMinimum": 5], at: "$", saying: "not greater than the exclusive minimum 5")
        try assertOneViolation(11, ["type": "integer", "maximum": 10], at: "$", saying: "greater than the maximum 10")
        try assertOneViolation(0.3, ["type": "number", "multipleOf": 0.25], at: "$", saying: "not a multiple of 0.25")
    }

    func testBadFormatsAreReported() throws {
        try assertOneViolation(user(["id": "not-a-uuid"]), userSchema, at: "$.id", saying: "is not a valid uuid")
        try assertOneViolation(user(["created_at": "2026-01-28 12:00:00"]), userSchema, at: "$.created_at", saying: "is not a valid date-time")
        try assertOneViolation(user(["created_at": "2026-02-30T12:00:00Z"]), userSchema, at: "$.created_at", saying: "is not a valid date-time")
        try assertOneViolation(3_000_000_000, ["type": "integer", "format": "int32"], at: "$", saying: "is not a valid int32")
        try assertOneViolation("2026-13-01", ["type": "string", "format": "date"], at: "$", saying: "is not a valid date")
        try assertOneViolation("1.", ["type": "string", "format": "decimal"], at: "$", saying: "is not a valid decimal")
        try assertOneViolation(9.3e18, ["type": "integer", "format": "int64"], at: "$", saying: "is not a valid int64")
    }

    func testArrayKeywordsAreEnforced() throws {
        let schema: JSONInstance = ["type": "array", "items": ["type": "integer"], "minItems": 1, "maxItems": 3, "uniqueItems": true]
        XCTAssertEqual(try violations([1, 2, 3], schema), [])
        try assertOneViolation([], schema, at: "$", saying: "fewer than minItems 1")
        try assertOneViolation([1, 2, 3, 4], schema, at: "$", saying: "more than maxItems 3")
        try assertOneViolation([1, 2, 1], schema, at: "$", saying: "item 2 repeats")
        try assertOneViolation([1, "two"], schema, at: "$[1]", saying: "expected integer")
        let pair: JSONInstance = ["type": "array", "prefixItems": [["type": "string"], ["type": "integer"]], "items": false]
        XCTAssertEqual(try violations(["a", 1], pair), [])
        try assertOneViolation(["a", 1, 2], pair, at: "$[2]", saying: "no value is allowed")
        try assertOneViolation([1, 1], pair, at: "$[0]", saying: "expected string")
    }

    func testPropertyCountsAreEnforced() throws {
        try assertOneViolation([:], ["type": "object", "minProperties": 1], at: "$", saying: "fewer than minProperties 1")
        try assertOneViolation(["a": 1, "b": 2], ["type": "object", "maxProperties": 1], at: "$", saying: "more than maxProperties 1")
    }

    func testEveryViolationIsReportedNotJustTheFirst() throws {
        let found = try violations(["id": "x", "name": "A", "role": "boss", "extra": 1], userSchema)
        XCTAssertEqual(Set(found.map(\.path)), ["$.id", "$.name", "$.role", "$.extra"], "\(found)")
    }

    func testTheDiscriminatorPicksTheBranchAndReportsItsViolations() throws {
        XCTAssertEqual(try violations(["type": "pong", "at": 5], messageSchema), [])
        try assertOneViolation(["type": "pong"], messageSchema, at: "$.at", saying: "required property is missing")
        try assertOneViolation(["type": "peng"], messageSchema, at: "$", saying: "is not a value of the discriminator type")
        try assertOneViolation(["kind": "ping"], messageSchema, at: "$", saying: "discriminator property type is missing")
    }

    func testOneOfNeedsExactlyOneMatchingBranch() throws {
        let schema: JSONInstance = ["oneOf": [["type": "integer"], ["type": "number", "minimum": 10]]]
        XCTAssertEqual(try violations(3, schema), [])
        XCTAssertEqual(try violations(10.5, schema), [])
        try assertOneViolation("x", schema, at: "$", saying: "matches none of the oneOf schemas")
        try assertOneViolation(12, schema, at: "$", saying: "matches 2 of the oneOf schemas")
    }

    func testAnyOfAllOfAndNotCombine() throws {
        let anyOf: JSONInstance = ["anyOf": [["type": "string"], ["type": "integer"]]]
        XCTAssertEqual(try violations(12, anyOf), [])
        try assertOneViolation(true, anyOf, at: "$", saying: "matches none of the anyOf schemas")
        let allOf: JSONInstance = ["allOf": [userSchema, ["type": "object", "required": ["age"]]]]
        try assertOneViolation(Self.validUser, allOf, at: "$.age", saying: "required property is missing")
        try assertOneViolation(3, ["not": ["type": "integer"]], at: "$", saying: "matches the schema under not")
    }

    func testAnUnknownKeywordIsRefused() throws {
        XCTAssertThrowsError(try violations("x", ["type": "string", "contentEncoding": "base64"])) { error in
            XCTAssertEqual((error as? UnsupportedSchema)?.reason, "keyword contentEncoding is not understood by the contract validator")
        }
        XCTAssertThrowsError(try violations(["a": 1], ["type": "object", "patternProperties": ["^a": ["type": "integer"]]]))
    }

    func testAnUnknownFormatIsRefused() throws {
        XCTAssertThrowsError(try violations("x", ["type": "string", "format": "email"])) { error in
            XCTAssertEqual((error as? UnsupportedSchema)?.reason, "format email is not understood")
        }
    }

    func testADanglingReferenceIsRefused() throws {
        XCTAssertThrowsError(try violations("x", ["$ref": "#/components/schemas/Nothing"]))
        XCTAssertThrowsError(try violations("x", ["$ref": "other.yaml#/Thing"]))
    }

    func testAnnotationsAndExtensionsAreAccepted() throws {
        let schema: JSONInstance = ["type": "string", "description": "d", "example": "e", "default": "f", "x-anything": 1]
        XCTAssertEqual(try violations("x", schema), [])
    }
}

private extension JSONInstance {
    /// The object without member `key`.
    func removing(_ key: String) -> JSONInstance {
        var members = object ?? [:]
        members[key] = nil
        return .object(members)
    }
}
