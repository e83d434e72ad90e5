import Backends
import Primitives

/// One thing worth telling the operator, as the line of text a message shows.
public struct NotificationEvent: Sendable, Equatable {
    public var topic: NotificationTopic
    /// One line (or a few) of plain text.
    public var text: String
    /// When it happened (epoch ms).
    public var time: Int

    public init(topic: NotificationTopic, text: String, time: Int) {
        self.topic = topic
        self.text = text
        self.time = time
    }

    /// A committed fill: side, quantity, symbol, price, fee (in the quote asset) and who traded
    /// (`Fill: Buy 0.01 BTC/USDT at 43250.5, fee 0.21 USDT (taker), strategy grid_btc`).
    public static func fill(_ fill: FillRecord, strategy: String?) -> NotificationEvent {
        let who = strategy.map { "strategy \($0)" } ?? "manual order"
        let quote = fill.symbol.split(separator: "/").last.map(String.init) ?? ""
        let text = "Fill: \(fill.side) \(fill.quantity) \(fill.symbol) at \(fill.price), fee \(fill.fee) \(quote) "
            + "(\(fill.liquidity)), \(who)"
        return NotificationEvent(topic: .fills, text: text, time: fill.executedAt)
    }

    /// A recorded error (`[critical] database: …`); a warning belongs to `warnings`.
    public static func error(_ record: ErrorLogRecord) -> NotificationEvent {
        let topic: NotificationTopic = record.severity == ErrorSeverity.warning.rawValue ? .warnings : .errors
        return NotificationEvent(topic: topic, text: "[\(record.severity)] \(record.category): \(record.message)", time: record.createdAt)
    }
}
