#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The right to run the engine on one database: the engine keeps its state in memory and
/// writes it behind, so two engines on one database would overwrite each other's orders and
/// balances. `Backend.acquireEngineLease()` grants at most one lease per database, across
/// processes and across `Backend`s of one process; an instance that gets none serves
/// without an engine.
///
/// What holds it depends on the database:
/// - PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) on a dedicated
///   session outside the pool, held while that session stays open. Its key is
///   `PostgresDatabase.engineLeaseKey`, XORed with `hashtext(current_schema())` so that
///   separate schemas of one server (separate databases of the product, as the tests use
///   them) have separate leases. Should the server drop the session, the lock goes with it.
/// - SQLite: an exclusive `flock` on the sidecar file `<database path>.engine-lock`, kept
///   open for the lease. The kernel drops it when the process ends, however it ends.
///
/// `release()` gives the lease back; so does letting the last reference go.
public final class EngineLease: Sendable {
    /// What keeps the lease held.
    enum Hold {
        /// The PostgreSQL session holding the advisory lock.
        case session(PostgresConnection)
        /// The open sidecar file holding the `flock`.
        case file(descriptor: Int32)
    }

    private let hold: Mutex<Hold?>

    init(_ hold: Hold) {
        self.hold = Mutex(hold)
    }

    deinit {
        release()
    }

    /// True until `release()`.
    public var isHeld: Bool {
        hold.withLock { $0 != nil }
    }

    /// Whether the lease is still held. A PostgreSQL session the server dropped (a restart, a
    /// network cut, an administrator's `pg_terminate_backend`) took its lock with it, and
    /// another instance may hold it now: the engine must stop. Asks the session itself, off
    /// the caller's thread; a lease released or lost answers false.
    public func verify() async -> Bool {
        guard let current = hold.withLock({ $0 }) else { return false }
        guard case .session(let connection) = current else { return true }
        let worker = BlockingWorker()
        defer { worker.stop() }
        let held = try? await worker.run { () throws(StorageError) -> Bool in
            let rows = try connection.query(
                "SELECT count(*) AS held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted", [])
            return try (rows.first?.int("held") ?? 0) > 0
        }
        return held ?? false
    }

    /// Gives the lease back at once (closing the session or the lock file), so another
    /// instance may take it; calling it again does nothing. A PostgreSQL session unlocks
    /// first: the server drops a closed session's locks only when it notices the close, so
    /// without it another instance asking right after could still be refused.
    public func release() {
        switch hold.withLock({ hold in defer { hold = nil }; return hold }) {
        case .session(let connection):
            _ = try? connection.query("SELECT pg_advisory_unlock_all()", [])
            connection.close()
        case .file(let descriptor): close(descriptor)
        case nil: break
        }
    }
}
