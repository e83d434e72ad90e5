/// Small named values (JSON text) the server keeps between runs.
public struct SettingsRepository {
    let connection: any SQLConnection

    public func value(_ key: String) throws(StorageError) -> String? {
        try connection.query("SELECT \(connection.jsonText("value")) FROM settings WHERE key = $1", key).first?.optionalString("value")
    }

    /// Stores a JSON value under a key, replacing any previous one.
    public func set(_ key: String, json: String, at time: Int) throws(StorageError) {
        try connection.execute(
            """
            INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, key, json, time)
    }

    /// Stores a JSON value under a key only when the key is not set yet; returns whether it
    /// did. Claiming a key first in a transaction makes a one-time job run once: a
    /// concurrent transaction claiming the same key waits for this one, then gets false.
    public func insertIfAbsent(_ key: String, json: String, at time: Int) throws(StorageError) -> Bool {
        try connection.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING", key, json, time) == 1
    }
}

extension Repositories {
    /// Server settings (key → value).
    public var settings: SettingsRepository { SettingsRepository(connection: connection) }
}
