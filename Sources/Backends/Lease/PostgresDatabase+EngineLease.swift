extension PostgresDatabase {
    /// The advisory-lock key of the engine lease: the bytes of "TRADENGN". Documented so an
    /// operator can see who holds it (`SELECT * FROM pg_locks WHERE locktype = 'advisory'`
    /// shows it XORed with the schema's hash, see `EngineLease`).
    public static let engineLeaseKey: Int64 = 0x5452_4144_454E_474E

    /// Opens a session of its own (same settings as the pool's) and tries the advisory lock
    /// on it; nil, with the session closed, when another session holds it.
    public func acquireEngineLease() async throws(StorageError) -> EngineLease? {
        let worker = BlockingWorker()
        defer { worker.stop() }
        let settings = settings
        return try await worker.run { () throws(StorageError) -> EngineLease? in
            let connection = PostgresConnection(settings: settings)
            try connection.connect()
            let granted = try connection.query(
                "SELECT pg_try_advisory_lock($1::bigint # hashtext(current_schema())::bigint) AS granted",
                [Self.engineLeaseKey.sqlValue]).first?.bool("granted") ?? false
            guard granted else {
                connection.close()
                return nil
            }
            return EngineLease(.session(connection))
        }
    }
}
