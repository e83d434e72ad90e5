import Backends
import Primitives

/// What the API layers use to screen symbols: conditions (a preset's, overridden by the
/// caller's fields) over the screening cache, the presets, and rebuilding the cache. A
/// screen that finds the cache never refreshed (empty: a first start) rebuilds it first, so
/// it answers with the demo data rather than nothing.
public final class ScreeningService: Sendable {
    private let backend: Backend
    private let clock: any EngineClock

    public init(backend: Backend, clock: any EngineClock) {
        self.backend = backend
        self.clock = clock
    }

    /// Why a screen failed.
    public enum Failure: Error, Sendable {
        /// The named preset is not in `screening_presets`.
        case unknownPreset(String)
        case storage(StorageError)
    }

    /// What a rebuild of the cache did.
    public struct Refresh: Sendable, Equatable {
        /// Rows in the rebuilt cache.
        public var rowCount: Int
        /// How long the rebuild took (ms).
        public var durationMilliseconds: Int
        /// The time stamped on every row (epoch ms).
        public var refreshedAt: Int
    }

    /// The cached symbols meeting `query`, after the conditions of `preset` (when named) with
    /// `query`'s fields taking their place ("the preset's conditions apply first and explicit
    /// fields override them"); with the number of matches before pagination.
    public func screen(_ query: ScreeningQuery, preset: String?) async throws(Failure) -> (rows: [ScreeningRow], total: Int) {
        var conditions = query
        if let preset {
            let presets: [ScreeningPreset]
            do {
                presets = try await self.presets()
            } catch {
                throw .storage(error)
            }
            guard let named = presets.first(where: { $0.id == preset }) else { throw .unknownPreset(preset) }
            conditions = named.filter.overriding(with: query)
        }
        let filter = conditions
        do {
            if try await backend.read({ r throws(StorageError) in try r.screening.cacheInfo().refreshedAt }) == nil {
                try await refresh()
            }
            return try await backend.read { r throws(StorageError) in try r.screening.screen(filter) }
        } catch {
            throw .storage(error)
        }
    }

    /// The seven presets, in document A's order.
    public func presets() async throws(StorageError) -> [ScreeningPreset] {
        try await backend.read { r throws(StorageError) in try r.screening.presets() }
    }

    /// Rebuilds the cache from the live tables (candles, fundamentals, scores) and reports
    /// its rows, how long it took and the time stamped on it.
    @discardableResult
    public func refresh() async throws(StorageError) -> Refresh {
        let time = clock.now()
        let started = ContinuousClock.now
        let rows = try await backend.write { r throws(StorageError) in try r.screening.refreshCache(at: time) }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        return Refresh(rowCount: rows, durationMilliseconds: milliseconds, refreshedAt: time)
    }
}
