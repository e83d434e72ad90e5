/// Names a schema may not take, because the declaration generated for it would shadow
/// something code next to it relies on: a JavaScript, TypeScript or web global, a TypeScript
/// utility type, or a name the generated client declares itself. A schema named `Symbol`
/// becomes `export type Symbol = string`, and every module importing it loses the global
/// `Symbol`; a schema named `ApiError` would meet the client's own `ApiError`.
public enum ReservedSchemaNames {
    /// The standard built-in objects of JavaScript (ECMAScript 2023).
    static let javaScriptGlobals: Set<String> = [
        "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean",
        "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float32Array", "Float64Array", "Function",
        "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "Iterator", "JSON", "Map", "Math", "NaN", "Number",
        "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer",
        "String", "Symbol", "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array",
        "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet",
    ]

    /// TypeScript's utility types and the library types code commonly names.
    static let typeScriptTypes: Set<String> = [
        "ArrayLike", "Awaited", "Capitalize", "ConstructorParameters", "Exclude", "Extract", "InstanceType",
        "Iterable", "IterableIterator", "Lowercase", "NoInfer", "NonNullable", "Omit", "OmitThisParameter",
        "Parameters", "Partial", "Pick", "PromiseLike", "PropertyDescriptor", "PropertyKey", "Readonly",
        "ReadonlyArray", "ReadonlyMap", "ReadonlySet", "Record", "Required", "ReturnType", "TemplateStringsArray",
        "ThisParameterType", "ThisType", "Uncapitalize", "Uppercase",
    ]

    /// The globals of browsers and Node.js that an HTTP or WebSocket client, or code using
    /// one, is likely to name.
    static let webGlobals: Set<String> = [
        "AbortController", "AbortSignal", "Blob", "BodyInit", "BroadcastChannel", "Buffer", "CloseEvent", "Console",
        "Crypto", "CustomEvent", "DOMException", "Document", "Element", "ErrorEvent", "Event", "EventSource",
        "EventTarget", "File", "FileReader", "FormData", "Headers", "HeadersInit", "History", "Location",
        "MessageChannel", "MessageEvent", "MessagePort", "Navigator", "Node", "Notification", "Performance",
        "ReadableStream", "Request", "RequestInfo", "RequestInit", "Response", "ResponseInit", "Storage",
        "TextDecoder", "TextEncoder", "TransformStream", "URL", "URLSearchParams", "WebSocket", "Window", "Worker",
        "WritableStream", "XMLHttpRequest",
    ]

    /// The names the generated TypeScript client declares whatever the spec: `client.ts`,
    /// `ws.ts` and the error-status table of `types.ts`. `ClientDeclarationTests` keeps the
    /// list in step with the emitters.
    static let clientDeclarations: Set<String> = [
        "ApiError", "ApiErrorOptions", "RateLimitInfo", "NetworkError", "SessionExpiredError", "ClientOptions",
        "PreparedRequest", "TradingClient", "OPERATIONS", "ERROR_STATUS", "isResult", "tokenClaims", "defineCause",
        "Channel", "WS_CHANNELS", "SocketOptions", "ReconnectingSocket", "canonicalJson", "TokenSource",
        "TradingSocket", "TradingSocketOptions",
    ]

    /// The suffixes the client adds to a WebSocket endpoint's name (`/ws/market` →
    /// `MarketSocket`, `MarketSocketRequest`) for the declarations of that endpoint.
    static let socketDeclarationSuffixes = ["Socket", "SocketRequest", "SocketOptions", "SocketChannel"]

    /// What a schema named `name` would shadow (`the JavaScript global 'Symbol'`), or nil when
    /// the name is free. The name is checked as written and as the generators spell a type
    /// (`trading_client` → `TradingClient`). `webSocketPaths` are the spec's WebSocket
    /// endpoints, whose client classes take names of their own.
    public static func conflict(of name: String, webSocketPaths: [String] = []) -> String? {
        for spelled in Set([name, Naming.pascalCase(name)]).sorted() {
            if javaScriptGlobals.contains(spelled) { return "the JavaScript global '\(spelled)'" }
            if typeScriptTypes.contains(spelled) { return "the TypeScript type '\(spelled)'" }
            if webGlobals.contains(spelled) { return "the web global '\(spelled)'" }
            if clientDeclarations.contains(spelled) { return "'\(spelled)', which the TypeScript client declares" }
            for path in webSocketPaths {
                let stem = socketNameStem(path)
                for suffix in socketDeclarationSuffixes where spelled == stem + suffix {
                    return "'\(spelled)', which the TypeScript client declares for \(path)"
                }
            }
        }
        return nil
    }

    /// `/ws/market` → `Market`, `/ws` → `Ws`: the first part of the names the client declares
    /// for a WebSocket endpoint.
    public static func socketNameStem(_ path: String) -> String {
        let name = Naming.pascalCase(path.split(separator: "/").last.map(String.init) ?? "")
        return name.isEmpty ? "Root" : name
    }

    /// True when a name generated for an inline schema must not be used.
    static func isReserved(_ name: String) -> Bool {
        conflict(of: name) != nil
    }
}
