import Synchronization

/// Recently verified identities, so a burst of requests with one token or key costs one
/// database read, not one each. Entries live `ttl` seconds; every account change (role,
/// disabled, password, deletion, logout, key revocation, a replayed refresh token) clears
/// the cache at once, on this instance directly and on the others through PostgreSQL
/// NOTIFY, so the `ttl` only bounds staleness if a notification is ever missed.
final class IdentityCache: Sendable {
    struct Entry: Sendable {
        var identity: Identity
        /// Monotonic second after which the entry is stale.
        var freshUntil: Double
        /// For API keys: the key's own expiry (epoch ms), checked on every use.
        var keyExpiresAt: Int?
        /// For API keys: when `last_used_at` was last written (epoch ms).
        var usageWrittenAt: Int?
    }

    let ttl: Double
    private let maxEntries: Int
    /// The entries, and a generation bumped by every `clear()`: a lookup that began before
    /// a clear must not store what it read (it may predate the change).
    private let entries = Mutex<(generation: Int, map: [String: Entry])>((0, [:]))

    init(ttl: Double = 5, maxEntries: Int = 50_000) {
        self.ttl = ttl
        self.maxEntries = maxEntries
    }

    /// The fresh entry for `key`, if any.
    func entry(_ key: String, now: Double) -> Entry? {
        entries.withLock { state in
            guard let entry = state.map[key] else { return nil }
            guard entry.freshUntil > now else {
                state.map.removeValue(forKey: key)
                return nil
            }
            return entry
        }
    }

    /// The current generation, taken before a database lookup.
    var generation: Int {
        entries.withLock { $0.generation }
    }

    /// Stores an entry read during `generation`, unless a clear came since (dropping
    /// everything when full: the cache refills from the database).
    func store(_ key: String, _ entry: Entry, readDuring generation: Int) {
        entries.withLock { state in
            guard state.generation == generation else { return }
            if state.map.count >= maxEntries { state.map.removeAll(keepingCapacity: true) }
            state.map[key] = entry
        }
    }

    /// Updates an entry's usage time if it is still there.
    func markUsage(_ key: String, at time: Int) {
        entries.withLock { state in state.map[key]?.usageWrittenAt = time }
    }

    /// Forgets every entry (an account changed somewhere).
    func clear() {
        entries.withLock { state in
            state.generation += 1
            state.map.removeAll()
        }
    }
}
