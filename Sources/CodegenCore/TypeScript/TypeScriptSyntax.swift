/// Spelling rules of TypeScript source: identifiers, literals and the names the generated
/// code must not shadow.
enum TypeScriptSyntax {
    /// The first line of every generated file.
    static let header = "// Generated from openapi.yaml by trading-server codegen. Do not edit."

    /// True when `text` can stand bare as a property name or identifier (`symbol`, `$ref`),
    /// ignoring reserved words, which are fine as property names.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return text.unicodeScalars.dropFirst().allSatisfy { isIdentifierStart($0) || ("0"..."9").contains($0) }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "$"
    }

    /// A property name as it stands in an interface or object literal: bare when it is an
    /// identifier, quoted otherwise (`"1m"`).
    static func propertyKey(_ name: String) -> String {
        isIdentifier(name) ? name : stringLiteral(name)
    }

    /// Access to property `name` of `object`: `params.symbol` or `params["X-Request-Id"]`.
    static func member(_ object: String, _ name: String) -> String {
        isIdentifier(name) ? "\(object).\(name)" : "\(object)[\(stringLiteral(name))]"
    }

    /// A double-quoted string literal.
    static func stringLiteral(_ text: String) -> String {
        JSONLiteral.quoted(text)
    }

    /// `text` escaped for the literal part of a template literal (between backticks).
    static func templateText(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "`", with: "\\`")
            .replacingOccurrences(of: "${", with: "\\${")
    }

    /// `template` as a literal whose `{name}` placeholders are substituted: a plain string
    /// literal when it has none, else a template literal with `${expression}` for each
    /// placeholder, `expression` coming from `substitution(name)` (nil keeps the placeholder
    /// as text). `/orders/{id}` → `` `/orders/${encodeURIComponent(params.id)}` ``.
    static func templateLiteral(_ template: String, substitution: (String) -> String?) -> String {
        guard template.contains("{") else { return stringLiteral(template) }
        var result = "`"
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += templateText(String(rest[..<open]))
            let name = String(rest[rest.index(after: open)..<close])
            result += substitution(name).map { "${\($0)}" } ?? templateText("{\(name)}")
            rest = rest[rest.index(after: close)...]
        }
        return result + templateText(String(rest)) + "`"
    }

    /// `text` made safe inside a `/** ... */` comment.
    static func commentText(_ text: String) -> String {
        text.replacingOccurrences(of: "*/", with: "*\\/")
    }

    /// Words a declared type may not be named: TypeScript's keywords and built-in types, and
    /// the globals the generated files use (a schema named `Error` would shadow the global
    /// `Error` that `ApiError` extends).
    static let reservedTypeNames: Set<String> = [
        // Keywords and primitive types.
        "any", "as", "await", "bigint", "boolean", "break", "case", "catch", "class", "const", "continue",
        "debugger", "declare", "default", "delete", "do", "else", "enum", "export", "extends", "false",
        "finally", "for", "from", "function", "if", "implements", "import", "in", "infer", "instanceof",
        "interface", "is", "keyof", "let", "module", "namespace", "never", "new", "null", "number", "object",
        "package", "private", "protected", "public", "readonly", "return", "static", "string", "super",
        "switch", "symbol", "this", "throw", "true", "try", "type", "typeof", "undefined", "unique",
        "unknown", "var", "void", "while", "with", "yield",
        // Globals and utility types the generated code refers to.
        "Array", "Blob", "BodyInit", "Boolean", "CloseEvent", "Error", "Exclude", "Extract", "Headers",
        "JSON", "Map", "Math", "MessageEvent", "Number", "Object", "Omit", "Partial", "Promise",
        "PropertyKey", "Record", "Request", "RequestInit", "Response", "ReturnType", "Set", "String",
        "URLSearchParams", "WebSocket",
    ]
}
