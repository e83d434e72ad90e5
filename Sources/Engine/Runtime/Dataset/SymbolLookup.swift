import Backends

/// Finds the (ticker, market) a request means. A ticker is looked up in its stored form
/// (`BTC/USDT` finds `BTC-USDT`) and as written; a request without a market means the one
/// market that knows the ticker, and is refused when several do.
enum SymbolLookup {
    /// The forms a ticker may be stored in: `SymbolKey.marketForm` first, then as written.
    static func forms(of text: String) -> [String] {
        let canonical = SymbolKey(text)?.marketForm ?? text
        return canonical == text ? [text] : [canonical, text]
    }

    /// The symbol-list entry `text` names in `market` (or in the one market listing it).
    /// - Throws: `notFound` when no entry matches, `.ambiguousMarket` when `market` is nil and
    ///   several markets list the ticker.
    static func entry(_ text: String, market: String?, in r: Repositories, field: String,
                      notFound: DatasetError) throws(DatasetError) -> SymbolRecord {
        var entries: [SymbolRecord] = []
        do throws(StorageError) {
            for form in forms(of: text) {
                if let market {
                    if let found = try r.symbols.find(ticker: form, market: market) { entries.append(found) }
                } else {
                    entries += try r.symbols.find(ticker: form)
                }
                if !entries.isEmpty { break }
            }
        } catch {
            throw .storage(error)
        }
        guard let first = entries.first else { throw notFound }
        guard entries.count == 1 else { throw .ambiguousMarket(text, markets: entries.map(\.market), field: field) }
        return first
    }

    /// The (ticker, market) whose cached candles `text` names: among the symbol list's entries
    /// and the stored series of the ticker, the one in `market` or the only one.
    static func series(_ text: String, market: String?, in r: Repositories) throws(DatasetError) -> (ticker: String, market: String) {
        var found: [(ticker: String, market: String)] = []
        do throws(StorageError) {
            let series = try r.candles.series()
            for form in forms(of: text) {
                var markets = Set(try r.symbols.find(ticker: form).map(\.market))
                markets.formUnion(series.filter { $0.ticker == form }.map(\.market))
                if let market { markets = markets.filter { $0 == market } }
                found = markets.sorted().map { (form, $0) }
                if !found.isEmpty { break }
            }
        } catch {
            throw .storage(error)
        }
        guard let first = found.first else { throw .symbolNotFound(text, market: market) }
        guard found.count == 1 else { throw .ambiguousMarket(text, markets: found.map(\.market), field: "query.market") }
        return first
    }
}
