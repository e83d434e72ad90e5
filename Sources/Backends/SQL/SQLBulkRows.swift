import Primitives

/// The rows of a typed bulk insert (`SQLConnection.bulkInsert(table:columns:rows:)`), handed
/// to the driver cell by cell so that no `SQLValue` (and no `String` per number) is made per
/// cell: the hot path of a candle load writes integers and decimals straight into SQLite's
/// bindings or PostgreSQL's COPY buffer.
///
/// Every row starts with the same `constants` (a candle series' ticker, market and
/// timeframe), which the drivers check and bind or encode once; the rest of each row comes
/// from `writeRow(_:to:)`.
public protocol SQLBulkRows {
    /// The values of the leading columns, the same on every row.
    var constants: [SQLValue] { get }
    /// How many cells `writeRow(_:to:)` writes per row, after the constants.
    var varyingColumnCount: Int { get }
    /// How many rows there are.
    var count: Int { get }
    /// Writes the varying cells of row `index` (`0..<count`) in column order.
    func writeRow<Writer: SQLCellWriter>(_ index: Int, to writer: inout Writer)
}

/// Where the varying cells of a bulk row go, one call a cell in column order: a SQLite
/// statement's bindings or a COPY buffer. Neither kind of cell can hold U+0000, so no
/// check is needed on this path.
public protocol SQLCellWriter {
    /// A whole number.
    mutating func integer(_ value: Int64)
    /// An exact decimal, stored as its text (`ExactDecimal.description`).
    mutating func decimal(_ value: ExactDecimal)
}
