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
}

extension Repositories {
    /// Server settings (key → value).
    public var settings: SettingsRepository { SettingsRepository(connection: connection) }
}
