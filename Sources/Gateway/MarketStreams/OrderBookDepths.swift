import Engine
import Synchronization

/// The order book depths `/ws/market` clients asked for, per symbol: each depth has its own
/// broadcaster channel (`MarketChannel.orderBook(_:depth:)`), and the bridge encodes a book
/// for each depth listed here that has subscribers. Sessions add a depth before subscribing
/// to its channel. Entries are never removed (a depth left without subscribers costs one
/// subscriber count per publish), which keeps adding and publishing free of races; the spec's
/// range of depths (1 to 100) bounds the registry at 100 entries a symbol.
public final class OrderBookDepths: Sendable {
    private let depths = Mutex<[SymbolKey: Set<Int>]>([:])

    /// An empty registry.
    public init() {}

    /// Notes that a client wants `depth` levels of `key`'s book.
    func insert(_ depth: Int, for key: SymbolKey) {
        _ = depths.withLock { $0[key, default: []].insert(depth) }
    }

    /// The depths asked for `key`, smallest first.
    func depths(of key: SymbolKey) -> [Int] {
        depths.withLock { $0[key].map { $0.sorted() } ?? [] }
    }
}
