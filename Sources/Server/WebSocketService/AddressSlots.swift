import Synchronization

/// Open WebSocket connections per client address, shared by every loop of a server and
/// bounded by `limit`: an upgrade takes a slot before its handshake completes and the
/// connection gives it back when it goes, however it ends. Addresses without connections
/// have no entry, so the table holds at most one entry per open connection.
final class AddressSlots: Sendable {
    /// Connections one address may hold at once.
    let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    /// Slots for at most `limit` connections per address (at least 1).
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a slot for `address`; false when it holds `limit` already.
    func take(_ address: String) -> Bool {
        counts.withLock { counts in
            let held = counts[address, default: 0]
            guard held < limit else { return false }
            counts[address] = held + 1
            return true
        }
    }

    /// Gives back a slot taken for `address`.
    func release(_ address: String) {
        counts.withLock { counts in
            guard let held = counts[address] else { return }
            counts[address] = held > 1 ? held - 1 : nil
        }
    }

    /// The slots `address` holds now.
    func held(by address: String) -> Int {
        counts.withLock { $0[address, default: 0] }
    }
}
