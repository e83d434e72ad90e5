import Primitives

/// One JSON object of the server's log: `level` and `msg` first, then the fields in the order
/// they were added. Only what a caller adds is logged, so no header, body, query string or
/// token reaches the log unless someone puts it there.
public struct LogLine: Sendable {
    /// How much a line matters.
    public enum Level: String, Sendable {
        /// Ordinary traffic: requests, accepted and refused upgrades.
        case info
        /// Something an operator may want to look into: a refused credential, a connection
        /// closed for breaking a rule.
        case warning
    }

    /// A field's value.
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
    }

    /// The line's level.
    public let level: Level
    /// What happened (`msg`), a fixed word such as `websocket_upgrade`.
    public let message: String
    /// The fields after `level` and `msg`.
    public private(set) var fields: [(key: String, value: Value)] = []

    /// A line with no fields yet.
    public init(_ level: Level, _ message: String) {
        self.level = level
        self.message = message
    }

    /// Adds a text field.
    public mutating func add(_ key: String, _ value: String) {
        fields.append((key, .text(value)))
    }

    /// Adds an integer field.
    public mutating func add(_ key: String, _ value: Int) {
        fields.append((key, .integer(value)))
    }

    /// The JSON object, without a line break.
    public var text: String {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("level"); writer.string(level.rawValue)
        writer.key("msg"); writer.string(message)
        for field in fields {
            writer.key(dynamic: field.key)
            switch field.value {
            case .text(let text): writer.string(text)
            case .integer(let number): writer.int(number)
            }
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
