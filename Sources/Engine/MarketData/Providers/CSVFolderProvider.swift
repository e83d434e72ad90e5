import Backends
import Dispatch
import Foundation

/// A market data provider reading a folder of CSV files: the sample data the server ships
/// (`sample-data/`, the default provider) or any folder an operator points at
/// (`--provider-dir`). The folder is read again on every call, so files may change while the
/// server runs.
///
/// Layout (docs/providers.md):
///
/// - `symbols.csv`, the symbol list: a header, then one row a symbol or a series. Columns
///   `ticker` and `market` (KR, US, CRYPTO, FX) are required; `name`, `exchange`, `sector`,
///   `timeframe` and `file` are optional, in any order. Fields may be double-quoted.
/// - A row with `timeframe` (1m … 1M) and `file` names the CSV holding that series; a symbol
///   with several series has several rows (its listing fields are taken from the first row
///   that has them). A row without them only lists the symbol.
/// - Each series file is a candle CSV as `import-candles` reads it (`CandleCSV`): a header,
///   then `date,open,high,low,close,volume`, dates as `YYYY-MM-DD` or
///   `YYYY-MM-DD HH:MM[:SS]` in UTC. A candle dated inside its interval (a month's row dated at
///   the month's end) is the candle of that interval. `file` is a path relative to the folder
///   that does not leave it.
public struct CSVFolderProvider: MarketDataProvider {
    /// The symbol list's file name.
    public static let symbolListFile = "symbols.csv"
    /// The folder read.
    public let folder: String

    public var name: String { "csv" }

    public init(folder: String) {
        self.folder = folder
    }

    public func symbols(market: MarketKind?) async throws(ProviderError) -> [ProviderSymbol] {
        try await Self.offThread { () throws(ProviderError) in try listing(market: market).symbols }
    }

    public func candles(_ request: CandleRequest) async throws(ProviderError) -> [CandleRecord] {
        try await Self.offThread { () throws(ProviderError) in
            let listing = try listing(market: request.market)
            guard let file = listing.files[SeriesKey(ticker: request.ticker, market: request.market, interval: request.interval)] else {
                throw .noSeries(request.series)
            }
            let path = folder + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .unreachable("cannot read \(file) in the provider folder")
            }
            let candles: [CandleRecord]
            do {
                candles = try CandleCSV.parse(text)
            } catch {
                throw .badAnswer("\(file), \(error)")
            }
            return try ProviderCandles.checked(candles, for: request)
        }
    }

    /// A series the folder holds.
    struct SeriesKey: Hashable {
        var ticker: String
        var market: MarketKind
        var interval: CandleInterval
    }

    /// What `symbols.csv` says: the symbols (of one market when asked) and their series' files.
    struct Listing {
        var symbols: [ProviderSymbol] = []
        var files: [SeriesKey: String] = [:]
    }

    private static let columns = ["ticker", "market", "name", "exchange", "sector", "timeframe", "file"]

    /// Reads and checks `symbols.csv`.
    func listing(market: MarketKind?) throws(ProviderError) -> Listing {
        let path = folder + "/" + Self.symbolListFile
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unreachable("cannot read \(Self.symbolListFile) in the provider folder")
        }
        let table: CSVTable
        do {
            table = try CSVTable(text, known: Self.columns, required: ["ticker", "market"])
        } catch {
            throw .badAnswer("\(Self.symbolListFile), \(error)")
        }
        var listing = Listing()
        var index: [String: Int] = [:]
        for row in table.rows {
            var cells: [String: String] = [:]
            for (name, cell) in zip(table.names, row.cells) where !cell.isEmpty { cells[name] = cell }
            let symbol: ProviderSymbol
            do {
                symbol = try ProviderSymbol.checked(ticker: cells["ticker"] ?? "", market: cells["market"] ?? "", name: cells["name"],
                                                    exchange: cells["exchange"], sector: cells["sector"])
            } catch {
                throw .badAnswer("\(Self.symbolListFile), line \(row.number): \(error.reason)")
            }
            if let market, symbol.market != market { continue }
            let key = "\(symbol.market.rawValue) \(symbol.ticker)"
            if let at = index[key] {
                listing.symbols[at].merge(symbol)
            } else {
                index[key] = listing.symbols.count
                listing.symbols.append(symbol)
            }
            try addSeries(cells, of: symbol, line: row.number, to: &listing)
        }
        return listing
    }

    private func addSeries(_ cells: [String: String], of symbol: ProviderSymbol, line: Int, to listing: inout Listing) throws(ProviderError) {
        switch (cells["timeframe"], cells["file"]) {
        case (nil, nil):
            return
        case (let timeframe?, let file?):
            guard let interval = CandleInterval(rawValue: timeframe) else {
                throw .badAnswer("\(Self.symbolListFile), line \(line): unknown timeframe '\(timeframe.prefix(10))'")
            }
            guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                throw .badAnswer("\(Self.symbolListFile), line \(line): the file '\(file)' is outside the folder")
            }
            let key = SeriesKey(ticker: symbol.ticker, market: symbol.market, interval: interval)
            guard listing.files[key] == nil else {
                throw .badAnswer("\(Self.symbolListFile), line \(line): a second file for \(symbol.ticker) \(symbol.market.rawValue) \(timeframe)")
            }
            listing.files[key] = file
        default:
            throw .badAnswer("\(Self.symbolListFile), line \(line): timeframe and file go together")
        }
    }

    /// Runs a file read on a global queue, so it holds neither an event loop nor a thread of
    /// Swift's cooperative pool.
    private static func offThread<Value: Sendable>(_ work: @escaping @Sendable () throws(ProviderError) -> Value) async throws(ProviderError) -> Value {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, ProviderError>, Never>) in
            DispatchQueue.global(qos: .utility).async {
                do throws(ProviderError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}

extension ProviderSymbol {
    /// Fills the listing fields this entry lacks from `other`, an entry of the same symbol.
    mutating func merge(_ other: ProviderSymbol) {
        if name == ticker { name = other.name }
        exchange = exchange ?? other.exchange
        sector = sector ?? other.sector
    }
}
