import CSQLite

/// One prepared statement of a connection, kept in the connection's cache and reused.
///
/// Used only on its connection's thread. After each use it is reset and its bindings are
/// cleared, so a cached statement holds no read snapshot and no stale values.
final class SQLiteStatement {
    /// The statement as the caller wrote it (`$n` placeholders), for error messages.
    let sql: String
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    /// Column names, read once: reading them per row would cost a string per column.
    private var columnNames: [String]

    /// SQLite copies a value bound with this destructor, so Swift's buffer may go away
    /// right after the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLite uses a value bound with this destructor in place, without copying it.
    private static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// Prepares `rewritten` (the caller's `sql` with `?n` placeholders) on `connection`.
    ///
    /// `SQLITE_PREPARE_PERSISTENT` tells SQLite the statement lives long, so it does not
    /// use the lookaside memory meant for short-lived ones.
    init(sql: String, rewritten: String, connection: OpaquePointer) throws(StorageError) {
        var prepared: OpaquePointer?
        var holdsMore = false
        let code = rewritten.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, &tail)
            // The tail points into `text`, so it is inspected here, while `text` lives.
            if code == SQLITE_OK, let tail { holdsMore = Self.holdsStatement(tail, connection: connection) }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteResultCode(code).storageError(message: String(cString: sqlite3_errmsg(connection)), statement: sql)
        }
        guard let prepared else {
            throw .failed(message: "the statement is empty", statement: sql)
        }
        guard !holdsMore else {
            sqlite3_finalize(prepared)
            // SQLite compiles only the first statement; running it alone would drop the rest.
            throw .failed(message: "several statements in one call; use executeScript", statement: sql)
        }
        self.sql = sql
        self.handle = prepared
        self.connection = connection
        self.columnNames = Self.columnNames(of: prepared)
    }

    /// Binds `parameters` to `?1, ?2, …`; their count must match the statement's.
    func bind(_ parameters: [SQLValue]) throws(StorageError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard parameters.count == expected else {
            throw .failed(message: "the statement takes \(expected) parameters, \(parameters.count) were given", statement: sql)
        }
        try bindLeading(parameters)
    }

    /// Binds the values of `row` that differ from `previous` (bindings survive
    /// `rewind()`): a bulk load repeats its ticker, market and timeframe on every row, and
    /// rebinding them would copy each one into SQLite again.
    func bind(_ row: [SQLValue], changedFrom previous: [SQLValue]) throws(StorageError) {
        var index = 0
        while index < row.count {
            if row[index] != previous[index] {
                try SQLValue.refuseNullCharacter(row[index], parameter: index)
                let code = bind(row[index], at: Int32(index + 1))
                guard code == SQLITE_OK else { throw error(code) }
            }
            index += 1
        }
    }

    /// Binds `values` to the first parameters, `?1…?n` (the constants of a typed bulk
    /// insert), refusing text holding U+0000.
    func bindLeading(_ values: [SQLValue]) throws(StorageError) {
        // An index loop, not `enumerated()`: this runs per value of a bulk insert, and
        // unoptimized builds pay for the generic tuple iterator on every value.
        var index = 0
        while index < values.count {
            try SQLValue.refuseNullCharacter(values[index], parameter: index)
            let code = bind(values[index], at: Int32(index + 1))
            guard code == SQLITE_OK else { throw error(code) }
            index += 1
        }
    }

    /// Binds an integer to `?index`; returns SQLite's result code.
    func bind(integer: Int64, at index: Int32) -> Int32 {
        sqlite3_bind_int64(handle, index, integer)
    }

    /// Binds `text` (never empty) to `?index` without SQLite copying it (`SQLITE_STATIC`):
    /// the bytes must stay unchanged until the statement is reset or the parameter rebound.
    func bind(textInPlace text: UnsafeBufferPointer<UInt8>, at index: Int32) -> Int32 {
        sqlite3_bind_text64(handle, index, text.baseAddress, UInt64(text.count), Self.static, UInt8(SQLITE_UTF8))
    }

    /// Makes the statement ready to run again with its current bindings.
    func rewind() {
        sqlite3_reset(handle)
    }

    /// Runs the statement to its end and returns its rows.
    func rows() throws(StorageError) -> [SQLRow] {
        var rows: [SQLRow] = []
        while try step() {
            if rows.isEmpty { refreshColumnNamesIfReprepared() }
            rows.append(SQLRow(columns: columnNames, values: currentValues()))
        }
        return rows
    }

    /// Runs the statement to its end, ignoring any rows.
    func run() throws(StorageError) {
        while try step() {}
    }

    /// Makes the statement ready for its next use: ends its read and drops bound values
    /// (a bound text would otherwise stay in memory until the next use).
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Frees the statement; it must not be used afterwards.
    func finalize() {
        sqlite3_finalize(handle)
    }

    private func step() throws(StorageError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code)
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .double(let double):
            return sqlite3_bind_double(handle, index, double)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                // A null pointer would bind NULL, not the empty string.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
                return sqlite3_bind_text64(handle, index, base, UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            // A null pointer would bind NULL, not the empty blob.
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, index, buffer.baseAddress, UInt64(buffer.count), Self.transient)
            }
        }
    }

    private func currentValues() -> [SQLValue] {
        (0..<Int32(columnNames.count)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT:
                return .double(sqlite3_column_double(handle, column))
            case SQLITE_TEXT:
                // Text first, then its length: the documented order, as reading the text may convert it.
                guard let text = sqlite3_column_text(handle, column) else { return .text("") }
                let count = Int(sqlite3_column_bytes(handle, column))
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                let bytes = sqlite3_column_blob(handle, column)
                let count = Int(sqlite3_column_bytes(handle, column))
                return .blob(count == 0 ? [] : Array(UnsafeRawBufferPointer(start: bytes, count: count)))
            default:
                return .null
            }
        }
    }

    /// SQLite silently re-prepares a statement after a schema change, and `SELECT *` may
    /// then return more or fewer columns than when the names were read.
    private func refreshColumnNamesIfReprepared() {
        if sqlite3_column_count(handle) != columnNames.count {
            columnNames = Self.columnNames(of: handle)
        }
    }

    /// The error for result `code`, with SQLite's message and this statement.
    func error(_ code: Int32) -> StorageError {
        SQLiteResultCode(code).storageError(message: String(cString: sqlite3_errmsg(connection)), statement: sql)
    }

    private static func columnNames(of handle: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(handle)).map { column in
            sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "column\(column + 1)"
        }
    }

    /// Whether `text` holds another statement beyond whitespace and comments. Text that
    /// does not even compile counts as one: it must not be dropped silently either.
    private static func holdsStatement(_ text: UnsafePointer<CChar>, connection: OpaquePointer) -> Bool {
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, text, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        return code != SQLITE_OK || next != nil
    }
}
