import Backends
import Foundation

/// What the API layers use to keep users' watchlists: named groups of symbols, each user's
/// own. Every operation names the caller, and a list is reached only through its owner, so
/// that another user's list answers exactly as a missing one. Symbols are resolved through the
/// market and stored in one form (the slash form of pairs, `BTC/USDT`; a ticker as it is), so
/// that `BTC/USDT` and `BTC-USDT` name the same item. A change checks its limits and duplicates
/// in the transaction that writes it, with the owner's or the list's row locked on PostgreSQL,
/// so concurrent requests cannot pass a limit together.
public final class WatchlistService: Sendable {
    /// How many watchlists a user, and how many symbols a watchlist, may hold.
    public struct Limits: Sendable, Equatable {
        /// Watchlists per user.
        public var watchlists: Int
        /// Symbols per watchlist.
        public var items: Int

        /// The limits; by default 50 watchlists of 200 symbols.
        public init(watchlists: Int = 50, items: Int = 200) {
            self.watchlists = watchlists
            self.items = items
        }
    }

    /// What an update does to a watchlist's description.
    public enum DescriptionChange: Sendable, Equatable {
        /// Leaves it as it is.
        case keep
        /// Replaces it.
        case set(String)
        /// Removes it.
        case clear
    }

    private let market: MarketService
    private let backend: Backend
    private let clock: any EngineClock
    /// The limits in force.
    public let limits: Limits

    /// A service resolving symbols through `market`, storing in `backend`, stamping changes
    /// with `clock`'s time, and holding users to `limits`.
    public init(market: MarketService, backend: Backend, clock: any EngineClock, limits: Limits = Limits()) {
        self.market = market
        self.backend = backend
        self.clock = clock
        self.limits = limits
    }

    /// The watchlists of `owner` (a user id), oldest first, their items in the order added.
    public func watchlists(of owner: String) async throws(WatchlistError) -> [WatchlistRecord] {
        do {
            return try await backend.read { r throws(StorageError) in try r.watchlists.list(userID: owner) }
        } catch {
            throw .storage(error)
        }
    }

    /// Creates an empty watchlist of `owner`, the name stored exactly as given.
    public func create(owner: String, name: String, description: String?) async throws(WatchlistError) -> WatchlistRecord {
        let now = clock.now()
        let record = WatchlistRecord(id: UUID().uuidString.lowercased(), userID: owner, name: name, description: description,
                                     createdAt: now, updatedAt: now)
        let limit = limits.watchlists
        return try await write(duplicateName: name) { r throws(StorageError) in
            guard try r.watchlists.count(userID: owner, forUpdate: true) < limit else { return .failure(.tooManyWatchlists(limit: limit)) }
            try r.watchlists.create(record)
            return .success(record)
        }
    }

    /// Renames the watchlist `id` of `owner` (when `name` is given) and changes its description;
    /// `updated_at` moves only when either changes. Another list of the owner with the new name
    /// is `.duplicateName`.
    public func update(id: String, owner: String, name: String?, description: DescriptionChange) async throws(WatchlistError)
        -> WatchlistRecord {
        let now = clock.now()
        return try await write(duplicateName: name) { r throws(StorageError) in
            guard var list = try r.watchlists.find(id: id, userID: owner, forUpdate: true) else { return .failure(.watchlistNotFound(id: id)) }
            let before = list
            if let name { list.name = name }
            switch description {
            case .keep: break
            case .set(let text): list.description = text
            case .clear: list.description = nil
            }
            guard list.name != before.name || list.description != before.description else { return .success(before) }
            list.updatedAt = now
            try r.watchlists.update(id: id, userID: owner, name: list.name, description: list.description, at: now)
            return .success(list)
        }
    }

    /// Deletes the watchlist `id` of `owner` with its items, and returns it as it was.
    @discardableResult
    public func delete(id: String, owner: String) async throws(WatchlistError) -> WatchlistRecord {
        try await write { r throws(StorageError) in
            guard let list = try r.watchlists.find(id: id, userID: owner, forUpdate: true) else { return .failure(.watchlistNotFound(id: id)) }
            try r.watchlists.delete(id: id, userID: owner)
            return .success(list)
        }
    }

    /// Adds `symbol` (either form) after the last item of the watchlist `id` of `owner`, in its
    /// stored form. A symbol the market does not have is `.unknownSymbol`; one the list holds
    /// (in whatever form) `.duplicateSymbol`; a full list `.tooManySymbols`.
    public func addItem(_ symbol: String, to id: String, owner: String) async throws(WatchlistError) -> WatchlistItemRecord {
        let spec = market.resolve(symbol)
        let now = clock.now()
        let limit = limits.items
        return try await write { r throws(StorageError) in
            guard let list = try r.watchlists.find(id: id, userID: owner, forUpdate: true) else { return .failure(.watchlistNotFound(id: id)) }
            guard let spec else { return .failure(.unknownSymbol(symbol)) }
            let stored = Self.storedForm(spec.key)
            guard !list.items.contains(where: { SymbolKey($0.symbol) == spec.key }) else {
                return .failure(.duplicateSymbol(stored, watchlist: list.name))
            }
            guard list.items.count < limit else { return .failure(.tooManySymbols(limit: limit)) }
            try r.watchlists.addItem(watchlistID: id, symbol: stored, at: now)
            return .success(WatchlistItemRecord(symbol: stored, addedAt: now))
        }
    }

    /// Removes `symbol` (either form, whether or not the market still has it) from the
    /// watchlist `id` of `owner`, and returns the symbol as it was stored.
    @discardableResult
    public func removeItem(_ symbol: String, from id: String, owner: String) async throws(WatchlistError) -> String {
        let key = SymbolKey(symbol)
        let now = clock.now()
        return try await write { r throws(StorageError) in
            guard let list = try r.watchlists.find(id: id, userID: owner, forUpdate: true) else { return .failure(.watchlistNotFound(id: id)) }
            guard let key, let stored = list.items.first(where: { SymbolKey($0.symbol) == key })?.symbol else {
                return .failure(.symbolNotFound(symbol, watchlist: list.name))
            }
            try r.watchlists.removeItem(watchlistID: id, symbol: stored, at: now)
            return .success(stored)
        }
    }

    /// The market's name of a stored symbol; nil for one the market no longer has.
    public func name(of symbol: String) -> String? {
        market.resolve(symbol)?.name
    }

    /// The one form a symbol is stored in: the slash form of pairs (`BTC/USDT`), a ticker as it is.
    static func storedForm(_ key: SymbolKey) -> String { key.orderForm }

    /// Runs `body` in one write transaction; a unique violation (a name the owner has already,
    /// the only unique key a create or rename can break) is `.duplicateName(duplicateName)`.
    private func write<Value: Sendable>(
        duplicateName: String? = nil, _ body: @escaping @Sendable (Repositories) throws(StorageError) -> Result<Value, WatchlistError>
    ) async throws(WatchlistError) -> Value {
        let outcome: Result<Value, WatchlistError>
        do {
            outcome = try await backend.write(body)
        } catch {
            if case .uniqueViolation = error, let duplicateName { throw .duplicateName(duplicateName) }
            throw .storage(error)
        }
        return try outcome.get()
    }
}
