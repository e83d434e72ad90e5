import Backends
import Primitives

/// `ServerBench storage --database URL [--orders 100000] [--candles 1000000]`: inserts orders in
/// batched transactions and queries them by status, then bulk-loads candles; prints rows/s.
enum StorageBench {
    static func run(_ options: Options) async -> Int32 {
        let setting = options.string("--database", "")
        let orderCount = options.int("--orders", 100_000)
        let candleCount = options.int("--candles", 1_000_000)
        do {
            let backend = try await Backend.open(setting)
            defer { backend.database.close() }
            let started = Timestamp.monotonicNanoseconds()
            let batch = 1000
            var inserted = 0
            let statuses = ["Open", "Filled", "Cancelled", "PartiallyFilled"]
            while inserted < orderCount {
                let orders = (inserted..<min(orderCount, inserted + batch)).map { index in
                    OrderRecord(id: "bench-\(index)", symbol: index % 2 == 0 ? "BTC/USDT" : "ETH/USDT", side: index % 3 == 0 ? "Sell" : "Buy",
                                orderType: "Limit", quantity: ExactDecimal("0.125")!, price: ExactDecimal("65432.10")!,
                                status: statuses[index % statuses.count], createdAt: 1_700_000_000_000 + index,
                                updatedAt: 1_700_000_000_000 + index)
                }
                try await backend.write { r throws(StorageError) in try r.orders.insert(orders) }
                inserted += orders.count
            }
            let ordersSeconds = Double(Timestamp.monotonicNanoseconds() - started) / 1e9
            let queryStarted = Timestamp.monotonicNanoseconds()
            let open = try await backend.read { r throws(StorageError) in try r.orders.count(statuses: ["Open"]) }
            let page = try await backend.read { r throws(StorageError) in try r.orders.list(statuses: ["Open"], limit: 100) }
            let querySeconds = Double(Timestamp.monotonicNanoseconds() - queryStarted) / 1e9

            let candles = (0..<candleCount).map { index in
                CandleRecord(timestamp: 1_500_000_000_000 + index * 60_000, open: ExactDecimal("65000.10")!,
                             high: ExactDecimal("65100.25")!, low: ExactDecimal("64900.5")!, close: ExactDecimal("65050.75")!,
                             volume: ExactDecimal("12.345678")!)
            }
            if backend.database.dialect == .postgresql {
                // The load starts on a clean slate: no checkpoint left to write out its dirty
                // buffers half-way through (an untimed checkpoint moved a run by a quarter).
                // Needs a superuser, as the bench's throwaway server has; skipped otherwise.
                try? await backend.database.write { connection throws(StorageError) in try connection.executeScript("CHECKPOINT") }
            }
            let loadStarted = Timestamp.monotonicNanoseconds()
            try await CandleImporter(backend: backend).load(candles, ticker: "BENCH", market: "CRYPTO", timeframe: "1m")
            let loadSeconds = Double(Timestamp.monotonicNanoseconds() - loadStarted) / 1e9

            print("| \(backend.database.dialect.rawValue) | orders inserted (batches of \(batch)) | \(orderCount) | "
                  + "\(Int(Double(orderCount) / ordersSeconds)) rows/s |")
            print("| \(backend.database.dialect.rawValue) | count + first page of Open orders (\(open) open, \(page.count) listed) | - | "
                  + "\(Int(querySeconds * 1000)) ms |")
            print("| \(backend.database.dialect.rawValue) | candles bulk-loaded (batches of 50,000) | \(candleCount) | "
                  + "\(Int(Double(candleCount) / loadSeconds)) rows/s |")
            return 0
        } catch {
            print("storage benchmark failed: \(error)")
            return 1
        }
    }
}
