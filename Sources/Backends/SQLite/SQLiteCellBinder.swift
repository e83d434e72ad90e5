import CSQLite
import Primitives

/// Binds the varying cells of a typed bulk insert to a multi-row statement, parameter after
/// parameter, without a `SQLValue` or a `String` per cell.
///
/// A decimal's text is written into `arena`, one fixed slot per parameter, and bound in
/// place (SQLite reads it during the step instead of copying it at bind time), so the
/// arena must outlive the statement's bindings: the caller resets the statement (which
/// clears them) before freeing it.
struct SQLiteCellBinder: SQLCellWriter {
    /// Bytes a slot holds: the longest decimal text is 41 bytes (39 digits, point, sign).
    static let slotSize = 48

    private let statement: SQLiteStatement
    private let arena: UnsafeMutableBufferPointer<UInt8>
    private let firstParameter: Int32
    private var parameter: Int32
    /// The first failing bind's result code; the writer methods cannot throw.
    private(set) var failure: Int32?

    /// A binder whose first cell goes to `?firstParameter`; `arena` holds `slotSize` bytes for
    /// every parameter of the statement.
    init(statement: SQLiteStatement, firstParameter: Int32, arena: UnsafeMutableBufferPointer<UInt8>) {
        self.statement = statement
        self.arena = arena
        self.firstParameter = firstParameter
        self.parameter = firstParameter
    }

    /// Starts again at the first varying parameter, for the statement's next run.
    mutating func restart() {
        parameter = firstParameter
    }

    mutating func integer(_ value: Int64) {
        record(statement.bind(integer: value, at: parameter))
    }

    mutating func decimal(_ value: ExactDecimal) {
        let slot = UnsafeMutableBufferPointer(rebasing: arena[Int(parameter - 1) * Self.slotSize ..< Int(parameter) * Self.slotSize])
        let length = value.withText { text in
            _ = slot.initialize(fromContentsOf: text)
            return text.count
        }
        record(statement.bind(textInPlace: UnsafeBufferPointer(rebasing: slot[..<length]), at: parameter))
    }

    private mutating func record(_ code: Int32) {
        if code != SQLITE_OK, failure == nil { failure = code }
        parameter += 1
    }
}
