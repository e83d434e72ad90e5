/// How long an order stays: until cancelled (GTC), only what fills at once (IOC; the rest
/// expires), all at once or nothing (FOK), or until a time (GTD).
public enum TimeInForce: Sendable, Equatable {
    case gtc, ioc, fok
    case gtd(expiresAt: Int)

    /// The spec's name.
    public var name: String {
        switch self {
        case .gtc: return "GTC"
        case .ioc: return "IOC"
        case .fok: return "FOK"
        case .gtd: return "GTD"
        }
    }

    /// When a GTD order expires.
    public var expiresAt: Int? {
        if case .gtd(let time) = self { return time }
        return nil
    }
}
