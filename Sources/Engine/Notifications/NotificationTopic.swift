/// What can be notified, configured as a comma-separated list (`TRADING_TELEGRAM_NOTIFY`).
public enum NotificationTopic: String, Sendable, CaseIterable {
    /// Every fill of the paper exchange, once the batch holding it has committed.
    case fills
    /// Every recorded error of severity `error` or `critical` (strategies, database,
    /// exchange, providers, system).
    case errors
    /// Recorded errors of severity `warning` (a refused signal, a provider hiccup).
    case warnings

    /// What is notified when nothing is configured.
    public static let defaults: Set<NotificationTopic> = [.fills, .errors]

    /// Topics from `fills,errors` (spaces ignored); `none` or an empty text is no topic.
    /// Nil when a name is not a topic.
    public static func parse(_ text: String) -> Set<NotificationTopic>? {
        let names = text.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        if names == ["none"] { return [] }
        var topics: Set<NotificationTopic> = []
        for name in names {
            guard let topic = NotificationTopic(rawValue: name.lowercased()) else { return nil }
            topics.insert(topic)
        }
        return topics
    }
}
