/// How the client turns a value into URL text.
indirect enum TypeScriptValueKind: Equatable {
    /// Strings and string enumerations: used as they are.
    case string
    /// Numbers and booleans: `String(value)`.
    case scalar
    case array(element: TypeScriptValueKind)
    /// Objects: JSON text.
    case structured
    case unknown
}
