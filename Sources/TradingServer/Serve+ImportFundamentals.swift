import Backends
import Engine
import Foundation
import Primitives

extension Serve {
    /// The market codes a fundamentals file may name.
    static var fundamentalMarkets: Set<String> { Set(MarketKind.allCases.map(\.rawValue)) }

    /// `trading-server import-fundamentals FILE`: loads a CSV of fundamentals
    /// (`FundamentalCSV`) into `symbol_fundamental`, marked imported. The whole file is read
    /// before anything is written and stored in one transaction, so a bad cell (reported with
    /// its line and column) or a failed write leaves the database as it was.
    static func importFundamentals(file: String, options: ServeOptions) -> Int32 {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            log(level: "error", "cannot read \(file)")
            return 1
        }
        let records: [FundamentalRecord]
        do {
            records = try FundamentalCSV.parse(text, markets: fundamentalMarkets, at: Timestamp.nowMilliseconds())
        } catch {
            log(level: "error", "\(file): \(error); nothing was imported")
            return 1
        }
        let added: [String]
        do {
            added = try blockingAwait { () async throws(StorageError) -> [String] in
                let backend = try await options.openBackend()
                defer { backend.database.close() }
                return try await FundamentalImporter(backend: backend).load(records)
            }
        } catch {
            log(level: "error", "import failed, nothing was imported: \(error)")
            return 1
        }
        let listed = added.isEmpty ? "" : "; added to the symbol list: " + added.joined(separator: ", ")
        log(level: "info", "imported the fundamentals of \(records.count) symbols into \(options.redactedDatabase)\(listed)")
        return 0
    }
}
