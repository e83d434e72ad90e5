import Backends
import Engine
import Foundation
import Primitives

extension Serve {
    /// `trading-server import-executions FILE`: loads a broker's executions (`ExecutionCSV`)
    /// into the trade journal. The symbols are checked against the market a server would start
    /// with on this database (the demo universe and the symbols imported with candles); the whole
    /// file is read and checked before anything is written and stored in one transaction
    /// (`ExecutionImporter`), so a bad line (reported with its line and column) leaves the
    /// database as it was. Prints how many executions were new and how many were stored before.
    static func importExecutions(file: String, options: ServeOptions) -> Int32 {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            log(level: "error", "cannot read \(file)")
            return 1
        }
        let outcome: ExecutionImporter.Outcome
        do {
            outcome = try blockingAwait { () async throws(ExecutionImporter.Failure) -> ExecutionImporter.Outcome in
                let backend: Backend
                do throws(StorageError) {
                    backend = try await options.openBackend()
                } catch {
                    throw .storage(error)
                }
                defer { backend.database.close() }
                var known = Set(SymbolUniverse.demo.all.map(\.key))
                do throws(StorageError) {
                    known.formUnion(try await ImportedSymbols.keys(backend: backend, known: .demo))
                } catch {
                    throw .storage(error)
                }
                let lines: [ExecutionCSV.Line]
                do throws(CSVLineError) {
                    lines = try ExecutionCSV.parse(text, symbol: { SymbolKey($0).flatMap { known.contains($0) ? $0.orderForm : nil } },
                                                   reservedExchanges: [PositionKey.spot, PositionKey.margin], at: Timestamp.nowMilliseconds(),
                                                   id: { UUID().uuidString.lowercased() })
                } catch {
                    throw .line(error)
                }
                return try await ExecutionImporter(backend: backend).load(lines)
            }
        } catch {
            log(level: "error", "\(file): \(error); nothing was imported")
            return 1
        }
        print("executions imported into \(options.redactedDatabase): \(outcome.added) new, \(outcome.present) already there")
        return 0
    }
}
