import Backends
import Engine
import Foundation

/// Where a write-behind benchmark writes its exchange's changes: `database` opened fresh (a
/// SQLite file that must not exist yet, or the PostgreSQL schema `schema` emptied), since the
/// same seeds make the same ids every run. `open` gives no store without a `database`, and
/// `failed` when it cannot open one (the problem reported as benchmark `name`'s).
struct BenchExchangeStore {
    let backend: Backend
    let store: BackendExchangeStore

    static func open(_ database: String, schema: String, symbols: [SymbolSpec], assets: [String], name: String)
        async -> (store: BenchExchangeStore?, failed: Bool) {
        guard !database.isEmpty else { return (nil, false) }
        do {
            if database.hasPrefix("sqlite:"), FileManager.default.fileExists(atPath: String(database.dropFirst("sqlite:".count))) {
                note("ServerBench \(name): \(database) exists; give a new file")
                return (nil, true)
            }
            let setting = database.hasPrefix("sqlite:") ? database : try await PostgresDatabase.url(database, selectingEmptySchema: schema)
            let backend = try await Backend.open(setting)
            let records = ExchangeRecords(scales: AssetScales(symbols: symbols, extra: assets), symbols: symbols)
            return (BenchExchangeStore(backend: backend, store: BackendExchangeStore(backend: backend, records: records)), false)
        } catch {
            note("ServerBench \(name): cannot open \(database): \(error)")
            return (nil, true)
        }
    }

    /// How a result row names where the changes went.
    static func persistence(_ database: String, transactions: Int) -> String {
        database.isEmpty ? "no persistence"
            : "written behind to \(database.hasPrefix("sqlite:") ? "SQLite" : "PostgreSQL") (\(transactions) transactions)"
    }
}
