import Backends
import Engine
import Primitives

/// `ServerBench journal --database URL [--executions 100000] [--rounds 9]`: stores that many
/// paper fills of BTC/USDT (a seeded walk of buys and sells that never sells more than it holds,
/// 100 fills an order, as the engine writes them) and a fifth as many of ETH/USDT beside them,
/// then times the cost basis of BTC/USDT as `GET /journal/cost-basis` computes it: cold (the
/// venue's whole history read from the database and replayed FIFO, what the first read after a
/// start does), kept (`JournalLedgerCache`: the executions stored since the last read and the
/// venue's count, nothing new), and kept after 10 new fills each time; and the first page of
/// `GET /journal/executions` with its count.
enum JournalBench {
    static func run(_ options: Options) async -> Int32 {
        let setting = options.string("--database", "")
        let count = options.int("--executions", 100_000)
        let rounds = max(1, options.int("--rounds", 9))
        do {
            let backend = try await Backend.open(setting)
            defer { backend.database.close() }
            let dialect = backend.database.dialect.rawValue
            let loadStarted = Timestamp.monotonicNanoseconds()
            try await store(backend, symbol: "BTC/USDT", price: 50_000, fills: count, seed: 1)
            try await store(backend, symbol: "ETH/USDT", price: 3_000, fills: count / 5, seed: 2)
            let loadSeconds = Double(Timestamp.monotonicNanoseconds() - loadStarted) / 1e9
            print("| \(dialect) | fills stored (BTC/USDT and a fifth as many of ETH/USDT) | \(count + count / 5) | \(Int(loadSeconds)) s |")

            let key = ExecutionLedgerKey(exchange: PositionKey.spot, symbol: "BTC/USDT")
            var reads: [Double] = [], replays: [Double] = [], totals: [Double] = []
            var ledger = JournalLedger(exchange: key.exchange)
            for _ in 0..<rounds {
                let started = Timestamp.monotonicNanoseconds()
                let history = try await backend.read { r throws(StorageError) in try r.executions.history(key) }
                let read = Timestamp.monotonicNanoseconds()
                ledger = try JournalLedger.replay(history, exchange: key.exchange)
                let done = Timestamp.monotonicNanoseconds()
                guard history.count == count else { throw BenchFailure(description: "read \(history.count) executions, stored \(count)") }
                reads.append(Double(read - started) / 1e6)
                replays.append(Double(done - read) / 1e6)
                totals.append(Double(done - started) / 1e6)
            }
            print("| \(dialect) | cost basis of \(count) executions: database read | \(rounds) rounds | \(summary(reads)) |")
            print("| \(dialect) | cost basis of \(count) executions: FIFO replay (\(ledger.lots.count) open lots) | \(rounds) rounds | \(summary(replays)) |")
            print("| \(dialect) | cost basis of \(count) executions: read + replay | \(rounds) rounds | \(summary(totals)) |")

            let cache = JournalLedgerCache()
            guard try await cache.ledger(key, backend: backend) != nil else { throw BenchFailure(description: "no ledger") }
            var kept: [Double] = []
            for _ in 0..<rounds {
                let started = Timestamp.monotonicNanoseconds()
                _ = try await cache.ledger(key, backend: backend)
                kept.append(Double(Timestamp.monotonicNanoseconds() - started) / 1e6)
            }
            print("| \(dialect) | cost basis of \(count) executions, kept: nothing new | \(rounds) rounds | \(summary(kept)) |")
            var appended: [Double] = []
            for round in 0..<rounds {
                try await store(backend, symbol: "BTC/USDT", price: 50_000, fills: 10, seed: 100 + UInt64(round), from: count + round * 10)
                let started = Timestamp.monotonicNanoseconds()
                _ = try await cache.ledger(key, backend: backend)
                appended.append(Double(Timestamp.monotonicNanoseconds() - started) / 1e6)
            }
            guard cache.fullReplays == 1 else { throw BenchFailure(description: "\(cache.fullReplays) full replays, expected 1") }
            print("| \(dialect) | cost basis of \(count)+ executions, kept: 10 fills stored since | \(rounds) rounds | \(summary(appended)) |")

            var pages: [Double] = []
            for _ in 0..<rounds {
                let started = Timestamp.monotonicNanoseconds()
                _ = try await backend.read { r throws(StorageError) in
                    (try r.executions.page(ExecutionFilter(), limit: 100, offset: 0), try r.executions.count(ExecutionFilter()))
                }
                pages.append(Double(Timestamp.monotonicNanoseconds() - started) / 1e6)
            }
            print("| \(dialect) | executions: newest page of 100 and the count of all | \(rounds) rounds | \(summary(pages)) |")
            return 0
        } catch {
            print("journal benchmark failed: \(error)")
            return 1
        }
    }

    /// A failed check of what the benchmark stored or read.
    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// `fills` fills of `symbol` around `price`, 100 an order, written 10,000 a transaction, the
    /// first numbered `first` (one a second from 2023-11-14, never selling more than they buy).
    static func store(_ backend: Backend, symbol: String, price: Int, fills: Int, seed: UInt64, from first: Int = 0) async throws {
        var random = SeededRandom(seed: seed)
        var held: Int64 = 0
        var ticks = Int64(price) * 100
        let start = 1_700_000_000_000
        var written = first
        while written < first + fills {
            let batch = min(10_000, first + fills - written)
            var orders: [OrderRecord] = [], records: [FillRecord] = []
            for index in written..<(written + batch) {
                let orderID = "\(symbol)-order-\(index / 100)"
                // Lots of 0.001 to 0.1 (8 digits), buying twice as often as selling, never beyond what is held.
                let quantity = Int64(100_000 + random.next() % 9_900_000)
                let sell = random.next() % 3 == 0 && held >= quantity
                held += sell ? -quantity : quantity
                ticks = max(100, ticks + Int64(random.next() % 2_001) - 1_000)
                let time = start + index * 1_000
                if index % 100 == 0 {
                    orders.append(OrderRecord(id: orderID, symbol: symbol, side: sell ? "Sell" : "Buy", orderType: "Market",
                                              quantity: ExactDecimal(1), status: "Filled", createdAt: time, updatedAt: time))
                }
                let amount = Int128(quantity) * Int128(ticks)  // 10 digits: the quote asset's
                records.append(FillRecord(id: "\(symbol)-fill-\(index)", orderID: orderID, symbol: symbol, side: sell ? "Sell" : "Buy",
                                          quantity: ExactDecimal(units: Int128(quantity), scale: 8), price: ExactDecimal(units: Int128(ticks), scale: 2),
                                          fee: ExactDecimal(units: amount * 5 / 10_000, scale: 10), liquidity: "taker", exchange: PositionKey.spot,
                                          executedAt: time))
            }
            let (newOrders, newFills) = (orders, records)
            try await backend.write { r throws(StorageError) in
                try r.orders.insert(newOrders)
                try r.fills.insert(newFills)
            }
            written += batch
        }
    }

    /// `min / median / max ms` of `milliseconds`.
    static func summary(_ milliseconds: [Double]) -> String {
        let sorted = milliseconds.sorted()
        func format(_ value: Double) -> String { "\((value * 10).rounded() / 10)" }
        return "\(format(sorted[0])) / \(format(sorted[sorted.count / 2])) / \(format(sorted[sorted.count - 1])) ms (min / median / max)"
    }
}
