/// How a scalar was written; plain scalars are resolved to booleans, numbers and null,
/// quoted and block scalars are always strings.
public enum ScalarStyle: Sendable, Equatable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}
