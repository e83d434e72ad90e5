import CPostgres

/// One libpq result (`PGresult`), cleared when released, with its rows converted to
/// `SQLRow`s and its error fields read out.
final class PostgresResult {
    /// Type OIDs (from `pg_type`) that are read into something other than text.
    private enum TypeOID {
        static let bytea: Oid = 17
        static let int8: Oid = 20
        static let int2: Oid = 21
        static let int4: Oid = 23
        static let float4: Oid = 700
        static let float8: Oid = 701
    }

    /// The libpq result; valid until this object is released.
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }

    /// What kind of result this is (command done, rows, COPY started, error).
    var status: ExecStatusType { PQresultStatus(pointer) }

    /// The command tag, e.g. `INSERT 0 3` or `ROLLBACK`.
    var commandStatus: String { String(cString: PQcmdStatus(pointer)) }

    /// The number of rows the command changed (0 for commands that report none).
    var affectedRowCount: Int { Int(String(cString: PQcmdTuples(pointer))) ?? 0 }

    /// The five-character SQLSTATE of an error result.
    var sqlState: String? { field(diagnostic: "C") }

    /// The server's message (with its DETAIL and HINT lines), on one line.
    var errorMessage: String {
        String(cString: PQresultErrorMessage(pointer)).libpqMessageOnOneLine()
    }

    /// The `StorageError` this error result stands for.
    func error(statement: String) -> StorageError {
        // NOT NULL violations name no constraint, only the column.
        let constraint = field(diagnostic: "n") ?? field(diagnostic: "c").map { "\($0) NOT NULL" }
        return StorageError(sqlState: sqlState, message: errorMessage, constraint: constraint, statement: statement)
    }

    /// The rows, with integer and floating-point columns decoded; every other type stays
    /// text (NUMERIC in particular, which must stay exact), and bytea becomes bytes.
    func rows() -> [SQLRow] {
        let rowCount = PQntuples(pointer)
        let columnCount = PQnfields(pointer)
        guard rowCount > 0 else { return [] }
        let columns = (0..<columnCount).map { String(cString: PQfname(pointer, $0)) }
        let types = (0..<columnCount).map { PQftype(pointer, $0) }
        var rows = [SQLRow]()
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values = [SQLValue]()
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                values.append(value(row: row, column: column, type: types[Int(column)]))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    private func value(row: Int32, column: Int32, type: Oid) -> SQLValue {
        if PQgetisnull(pointer, row, column) == 1 { return .null }
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(pointer, row, column), count: Int(PQgetlength(pointer, row, column)))
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case TypeOID.int2, TypeOID.int4, TypeOID.int8:
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case TypeOID.float4, TypeOID.float8:
            return Double(text).map(SQLValue.double) ?? .text(text)
        case TypeOID.bytea:
            return Self.unescapedBytea(PQgetvalue(pointer, row, column)).map(SQLValue.blob) ?? .text(text)
        default:
            return .text(text)
        }
    }

    /// libpq's own decoder, which reads both bytea output formats (hex and escape).
    private static func unescapedBytea(_ text: UnsafePointer<CChar>) -> [UInt8]? {
        var length = 0
        guard let decoded = text.withMemoryRebound(to: UInt8.self, capacity: 1, { PQunescapeBytea($0, &length) }) else {
            return nil
        }
        defer { PQfreemem(decoded) }
        return Array(UnsafeBufferPointer(start: decoded, count: length))
    }

    private func field(diagnostic code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(pointer, Int32(code.value)) else { return nil }
        return String(cString: value)
    }
}
