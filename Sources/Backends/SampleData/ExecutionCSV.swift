import Primitives

/// Reads a broker's executions from CSV (`trading-server import-executions`): a header row
/// naming the columns (any order), then one execution a row:
///
/// - `executed_at` (required): ISO 8601 with `Z` or an offset, or `YYYY-MM-DD HH:MM:SS` in UTC;
/// - `symbol` (required): a symbol of the market, either form (`BTC/USDT`, `BTC-USDT`, `005930`);
/// - `side` (required): `buy` or `sell` (any case);
/// - `quantity`, `price` (required): decimal numbers above 0;
/// - `fee` (optional column, an empty cell is 0): a decimal number of at least 0, in the price's currency;
/// - `exchange` (required): the broker's venue, letters, digits, `.`, `_` or `-` (lower-cased,
///   at most 32), not one of the server's own venues;
/// - `execution_id` (optional): the broker's id of the execution, at most 128 characters, once
///   a venue in a file.
///
/// Each execution gets an import key, so that loading the same file again adds nothing: the
/// venue and `execution_id` when given, else the line's values and how many identical lines
/// (same values) came before it in the file.
public enum ExecutionCSV {
    /// Every column a file may have, in the documented order.
    public static let columns = ["executed_at", "symbol", "side", "quantity", "price", "fee", "exchange", "execution_id"]
    /// The columns a file must have.
    public static let required = ["executed_at", "symbol", "side", "quantity", "price", "exchange"]

    /// One execution of the file and the line it is on.
    public struct Line: Sendable, Equatable {
        /// 1-based, the header being line 1.
        public var number: Int
        /// The execution to store.
        public var record: ImportedExecutionRecord
    }

    /// Parses the whole text; the first fault stops it, naming its line and column. `symbol`
    /// turns a symbol the market has into the orders' form (nil for one it does not have);
    /// `reservedExchanges` are the venues a file may not name; `id` makes each execution's id;
    /// every record is stamped imported at `time`.
    public static func parse(_ text: String, symbol: (String) -> String?, reservedExchanges: Set<String>, at time: Int,
                             id: () -> String) throws(CSVLineError) -> [Line] {
        let table = try CSVTable(text, known: columns, required: required)
        var lines: [Line] = []
        var occurrences: [String: Int] = [:]
        var executionLines: [String: Int] = [:]
        for (number, cells) in table.rows {
            var execution = ExecutionRecord(id: id(), orderID: nil, symbol: "", side: "", quantity: .zero, price: .zero, fee: .zero,
                                            exchange: "", executedAt: 0)
            var executionID: String?
            for (name, cell) in zip(table.names, cells) {
                func fault(_ reason: String) -> CSVLineError { CSVLineError(line: number, column: name, reason: reason) }
                switch name {
                case "executed_at":
                    guard let time = epochMilliseconds(cell) else {
                        throw fault("'\(cell)' is not a UTC time (ISO 8601 such as 2026-01-15T01:00:00Z, or YYYY-MM-DD HH:MM:SS)")
                    }
                    execution.executedAt = time
                case "symbol":
                    guard let form = symbol(cell) else { throw fault("'\(cell)' is not a symbol of the market") }
                    execution.symbol = form
                case "side":
                    switch cell.lowercased() {
                    case "buy": execution.side = "Buy"
                    case "sell": execution.side = "Sell"
                    default: throw fault("'\(cell)' is neither buy nor sell")
                    }
                case "quantity", "price":
                    guard let value = ExactDecimal(cell), value > .zero else { throw fault("'\(cell)' is not a decimal number above 0") }
                    if name == "quantity" { execution.quantity = value } else { execution.price = value }
                case "fee":
                    guard !cell.isEmpty else { continue }
                    guard let value = ExactDecimal(cell), !value.isNegative else { throw fault("'\(cell)' is not a decimal number of at least 0") }
                    execution.fee = value
                case "exchange":
                    let venue = cell.lowercased()
                    guard isVenue(venue) else {
                        throw fault("'\(cell)' is not a venue name (letters, digits, '.', '_' or '-', at most 32, starting with a letter or digit)")
                    }
                    guard !reservedExchanges.contains(venue) else {
                        throw fault("'\(venue)' is the server's own venue: name the broker the executions were made at (e.g. kis)")
                    }
                    execution.exchange = venue
                default:
                    guard !cell.isEmpty else { continue }
                    guard cell.count <= 128 else { throw fault("is longer than 128 characters") }
                    executionID = cell
                }
            }
            let key: String
            if let executionID {
                key = "\(execution.exchange)|id|\(executionID)"
                if let earlier = executionLines[key] {
                    throw CSVLineError(line: number, column: "execution_id",
                                       reason: "\(executionID) of \(execution.exchange) is also on line \(earlier)")
                }
                executionLines[key] = number
            } else {
                let values = "\(execution.exchange)|line|\(execution.symbol)|\(execution.side)|\(execution.executedAt)|"
                    + "\(execution.quantity.normalized)|\(execution.price.normalized)|\(execution.fee.normalized)"
                let occurrence = occurrences[values, default: 0] + 1
                occurrences[values] = occurrence
                key = values + "|\(occurrence)"
            }
            lines.append(Line(number: number, record: ImportedExecutionRecord(execution: execution, importKey: key, importedAt: time)))
        }
        return lines
    }

    /// An ISO 8601 date-time with a zone, or `YYYY-MM-DD HH:MM:SS` (or with `T`) taken as UTC.
    static func epochMilliseconds(_ text: String) -> Int? {
        Timestamp.epochMilliseconds(iso8601: text) ?? (text.utf8.count == 19 ? Timestamp.epochMilliseconds(iso8601: text + "Z") : nil)
    }

    /// Lower-case letters and digits, `.`, `_` and `-`, starting with a letter or digit, 1 to 32 of them.
    static func isVenue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func plain(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = bytes.first, plain(first), bytes.count <= 32 else { return false }
        return bytes.allSatisfy { plain($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}
