/// Why the host refused a command (create, delete, start, stop, a new configuration).
public enum StrategyCommandError: Error, Sendable, Equatable {
    case notFound(String)
    case alreadyRunning(String)
    case notRunning(String)
    /// An id already taken.
    case conflict(String)
    /// A field that breaks a rule (`body.config.levels`, "must be from 1 to 20").
    case invalid(field: String, reason: String)
    case unknownSymbol(String)
}
