/// Every repository, bound to one connection (one transaction).
public struct Repositories {
    let connection: any SQLConnection

    init(_ connection: any SQLConnection) {
        self.connection = connection
    }

    /// Sends `payload` on `channel` when the transaction commits: PostgreSQL NOTIFY, for the
    /// other server instances sharing the database (`PostgresDatabase.listen`). SQLite has no
    /// other instances to tell, so nothing is sent there.
    public func notifyOnCommit(channel: String, payload: String = "") throws(StorageError) {
        guard connection.dialect == .postgresql else { return }
        try connection.query("SELECT pg_notify($1, $2)", channel, payload)
    }

}
