import CPostgres
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One libpq session. It notices when the server has gone away (a restart, a crash) and
/// opens a fresh session on its next use, failing fast with `.unavailable` while the
/// server stays down.
///
/// `@unchecked Sendable`: libpq sessions are not thread-safe, and this one is confined to
/// one thread at a time — the creating thread until it is handed to its `BlockingWorker`,
/// then only that worker's jobs — and the hand-over goes through the worker's locked queue.
final class PostgresConnection: SQLConnection, @unchecked Sendable {
    /// COPY data is sent in chunks of about this size: large enough to amortise the calls,
    /// small enough not to hold a whole bulk insert's text in memory twice.
    private static let copyChunkSize = 64 * 1024

    let dialect = SQLDialect.postgresql
    private let settings: PostgresConnectionSettings
    private var handle: OpaquePointer?
    private var statements = PostgresStatementCache(capacity: 256)
    private var isClosed = false
    /// Whether a session is open, readable from any thread (the pool's statistics).
    private let connected = Atomic(false)

    /// A connection that opens its session on first use (or on `connect()`).
    init(settings: PostgresConnectionSettings) {
        self.settings = settings
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    // MARK: - Session

    /// Opens a new session, replacing the current one.
    func connect() throws(StorageError) {
        disconnect()
        guard let handle = settings.connect() else { throw .unavailable("libpq could not allocate a connection") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = String(cString: PQerrorMessage(handle)).libpqMessageOnOneLine()
            PQfinish(handle)
            throw .unavailable(reason)
        }
        // libpq prints notices (and the server's goodbye on an idle session) to stderr by default.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
        connected.store(true, ordering: .relaxed)
    }

    /// Makes sure the session is alive before a checkout uses it, reconnecting when it is
    /// not. The check never waits: a dead server must fail the request now, not after a
    /// statement timeout.
    func prepareForUse() throws(StorageError) {
        guard !isClosed else { throw .unavailable("the database is closed") }
        if let handle, PQstatus(handle) == CONNECTION_OK, !Self.hasHungUp(handle) { return }
        try connect()
    }

    /// Runs the first statement of a checkout (`BEGIN`, `SELECT 1`). Should the session turn
    /// out to have died while idle, it reconnects and tries once more: nothing has run yet,
    /// so repeating is safe, and the caller does not pay for a restart it could not see.
    func start(with sql: String) throws(StorageError) {
        try prepareForUse()
        do throws(StorageError) {
            try runSimple(sql)
        } catch {
            guard case .unavailable = error, let handle, PQstatus(handle) == CONNECTION_BAD else { throw error }
            try connect()
            try runSimple(sql)
        }
    }

    /// Commits. A transaction in which a statement failed answers COMMIT with ROLLBACK rather
    /// than an error, so that answer is turned into one: the body's writes did not land.
    func commit() throws(StorageError) {
        let result = try runSimple("COMMIT")
        if result.commandStatus == "ROLLBACK" {
            throw .failed(message: "the transaction was rolled back because a statement in it failed", statement: "COMMIT")
        }
    }

    /// Ends an open transaction without keeping its changes; a no-op outside one, and on a
    /// dead session (whose transaction the server has already discarded).
    func rollback() {
        guard let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) != PQTRANS_IDLE else { return }
        PQclear(PQexec(handle, "ROLLBACK"))
    }

    /// Ends the session for good; later uses fail with `.unavailable`.
    func close() {
        isClosed = true
        disconnect()
    }

    /// Whether the session is open, as far as its last use knows (a server that went away
    /// since is noticed at the next use).
    var isConnected: Bool { connected.load(ordering: .relaxed) }

    private func disconnect() {
        if let handle { PQfinish(handle) }
        handle = nil
        connected.store(false, ordering: .relaxed)
        statements.removeAll()
    }

    /// Whether the server has spoken on an idle session. It only does so to say goodbye (a
    /// FATAL error before it closes the socket on shutdown) or with the close itself, so
    /// reading what arrived tells whether the session is still usable.
    private static func hasHungUp(_ handle: OpaquePointer) -> Bool {
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        // The goodbye and the end of the stream may arrive as separate reads.
        for _ in 0..<3 {
            guard poll(&descriptor, 1, 0) > 0 else { return false }
            if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK { return true }
            _ = drainNotifications(handle)
        }
        return false
    }

    // MARK: - SQLConnection

    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> [SQLRow] {
        try runPrepared(sql, parameters).rows()
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int {
        try runPrepared(sql, parameters).affectedRowCount
    }

    func executeScript(_ sql: String) throws(StorageError) {
        try runSimple(sql)
        // A script is where schema changes happen; a prepared `SELECT *` whose result columns
        // changed would fail with "cached plan must not change result type", so start afresh.
        if !statements.isEmpty {
            try runSimple("DEALLOCATE ALL")
            statements.removeAll()
        }
    }

    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError) {
        guard !rows.isEmpty else { return }
        let statement = try copyStatement(table: table, columns: columns)
        // Checked before COPY starts, because aborting a COPY half-way costs a round trip and
        // leaves the caller's transaction aborted.
        if let bad = rows.firstIndex(where: { $0.count != columns.count }) {
            throw .failed(message: "row \(bad) has \(rows[bad].count) values for \(columns.count) columns", statement: statement)
        }
        for row in rows {
            for (index, value) in row.enumerated() { try SQLValue.refuseNullCharacter(value, parameter: index) }
        }
        try copy(statement, with: PostgresCopyEncoder(reservingCapacity: Self.copyChunkSize + 4096)) { (encoder, send) throws(StorageError) in
            for row in rows {
                encoder.append(row)
                if encoder.bytes.count >= Self.copyChunkSize { try send(&encoder) }
            }
        }
    }

    /// Sends typed rows through one binary COPY (`PostgresBinaryCopyEncoder`): the constants
    /// are checked and encoded once, and each row's cells go straight into the buffer in the
    /// columns' wire forms, which the server reads without parsing text. Integers and
    /// decimals cannot hold U+0000, so nothing is scanned.
    func bulkInsert(table: String, columns: [String], rows: some SQLBulkRows) throws(StorageError) {
        let constants = rows.constants
        let statement = try copyStatement(table: table, columns: columns) + " WITH (FORMAT binary)"
        guard rows.varyingColumnCount > 0, columns.count == constants.count + rows.varyingColumnCount else {
            throw .failed(message: "\(columns.count) columns for \(constants.count) constant and \(rows.varyingColumnCount) varying values",
                          statement: statement)
        }
        for (index, value) in constants.enumerated() { try SQLValue.refuseNullCharacter(value, parameter: index) }
        guard rows.count > 0 else { return }
        let leadingFields = PostgresBinaryCopyEncoder.encodedFields(constants)
        let encoder = PostgresBinaryCopyEncoder(fieldCount: columns.count, reservingCapacity: Self.copyChunkSize + 4096)
        try copy(statement, with: encoder) { (encoder, send) throws(StorageError) in
            for index in 0..<rows.count {
                encoder.beginRow(with: leadingFields)
                rows.writeRow(index, to: &encoder)
                if encoder.bytes.count >= Self.copyChunkSize { try send(&encoder) }
            }
            encoder.finish()
        }
    }

    /// `COPY table (columns) FROM STDIN`, with every name checked.
    private func copyStatement(table: String, columns: [String]) throws(StorageError) -> String {
        var names = [String]()
        for column in columns { names.append(try PostgresIdentifier.checked(column, as: "column")) }
        return "COPY \(try PostgresIdentifier.checkedTable(table)) (\(names.joined(separator: ", "))) FROM STDIN"
    }

    /// Runs the COPY `statement`: `encode` fills the encoder and calls `send` whenever it holds
    /// a chunk; what is left is sent at the end, then the COPY is ended and its outcome read.
    private func copy<Encoder: PostgresCopyBuffer>(
        _ statement: String, with encoder: Encoder,
        encode: (inout Encoder, _ send: (inout Encoder) throws(StorageError) -> Void) throws(StorageError) -> Void
    ) throws(StorageError) {
        let handle = try connectedHandle()
        _ = try checked(PQexec(handle, statement), statement: statement, expecting: [PGRES_COPY_IN])
        var encoder = encoder
        let send = { (encoder: inout Encoder) throws(StorageError) -> Void in
            try self.sendCopyData(&encoder, on: handle, statement: statement)
        }
        try encode(&encoder, send)
        if !encoder.bytes.isEmpty { try send(&encoder) }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionFailure(statement: statement) }
        // The outcome arrives as one result, and libpq wants the queue read to its end
        // before the session takes the next command.
        var failure: StorageError?
        while let raw = PQgetResult(handle) {
            let result = PostgresResult(raw)
            if result.status != PGRES_COMMAND_OK, failure == nil {
                failure = self.failure(of: result, statement: statement)
            }
        }
        if let failure { throw failure }
    }

    /// Sends the encoder's bytes (libpq copies them into its output buffer) and empties it,
    /// keeping its capacity for the next chunk.
    private func sendCopyData(_ encoder: inout some PostgresCopyBuffer, on handle: OpaquePointer, statement: String) throws(StorageError) {
        let sent = encoder.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw connectionFailure(statement: statement) }
        encoder.removeAll()
    }

    // MARK: - Notifications

    /// The payloads of notifications that arrived, waiting at most `timeout` milliseconds
    /// for the first; empty when none came. Used by the listener's dedicated session only.
    func receiveNotifications(waitingAtMost timeout: Int32) throws(StorageError) -> [String] {
        let handle = try connectedHandle()
        // Notifications read along with an earlier command's result are already queued.
        let queued = Self.drainNotifications(handle)
        guard queued.isEmpty else { return queued }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeout) > 0 else { return [] }
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
            throw connectionFailure(statement: "LISTEN")
        }
        return Self.drainNotifications(handle)
    }

    private static func drainNotifications(_ handle: OpaquePointer) -> [String] {
        var payloads = [String]()
        while let notification = PQnotifies(handle) {
            payloads.append(String(cString: notification.pointee.extra))
            PQfreemem(notification)
        }
        return payloads
    }

    // MARK: - Statements

    /// Runs SQL without parameters through the simple protocol, which also accepts several
    /// statements at once.
    @discardableResult
    private func runSimple(_ sql: String) throws(StorageError) -> PostgresResult {
        let handle = try connectedHandle()
        return try checked(PQexec(handle, sql), statement: sql)
    }

    /// Runs one statement as a prepared statement, preparing it on first use: the server
    /// then parses and plans each distinct SQL text once per session.
    private func runPrepared(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> PostgresResult {
        for (index, value) in parameters.enumerated() { try SQLValue.refuseNullCharacter(value, parameter: index) }
        let handle = try connectedHandle()
        let name = try preparedName(for: sql, on: handle)
        let raw = Self.withTextParameters(parameters) { values in
            // Formats nil: every parameter is text; result format 0: text.
            PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try checked(raw, statement: sql)
    }

    private func preparedName(for sql: String, on handle: OpaquePointer) throws(StorageError) -> String {
        if let name = statements.name(for: sql) { return name }
        let (name, evicted) = statements.add(sql)
        if let evicted {
            // Failing here only leaves the statement allocated until the session ends.
            PQclear(PQexec(handle, "DEALLOCATE \(evicted)"))
        }
        do throws(StorageError) {
            // No parameter types: the server infers each from its use (type OID 0).
            _ = try checked(PQprepare(handle, name, sql, 0, nil), statement: sql)
        } catch {
            statements.remove(sql)
            throw error
        }
        return name
    }

    /// Copies the parameters' text into C strings for the duration of one libpq call.
    private static func withTextParameters<Result>(
        _ parameters: [SQLValue], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    ) -> Result {
        let strings = parameters.map { value -> UnsafeMutablePointer<CChar>? in
            guard let text = PostgresTextEncoding.parameterText(value) else { return nil }
            return strdup(text)
        }
        defer { strings.forEach { free($0) } }
        let pointers = strings.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    private func connectedHandle() throws(StorageError) -> OpaquePointer {
        guard !isClosed else { throw .unavailable("the database is closed") }
        guard let handle else { throw .unavailable("not connected") }
        return handle
    }

    /// The result when its status is one of `expected`, otherwise the error it stands for.
    private func checked(
        _ raw: OpaquePointer?, statement: String,
        expecting expected: [ExecStatusType] = [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY]
    ) throws(StorageError) -> PostgresResult {
        guard let raw else { throw connectionFailure(statement: statement) }
        let result = PostgresResult(raw)
        let status = result.status
        if expected.contains(status) { return result }
        guard status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR else {
            // A COPY started through query() (or any other mode this driver does not drive)
            // would leave the session unable to take commands; a fresh session is simpler.
            disconnect()
            throw .failed(message: "unexpected result \(String(cString: PQresStatus(status))) (use bulkInsert for COPY)", statement: statement)
        }
        throw failure(of: result, statement: statement)
    }

    private func failure(of result: PostgresResult, statement: String) -> StorageError {
        if let handle, PQstatus(handle) == CONNECTION_BAD {
            return .unavailable(result.errorMessage.isEmpty ? "the connection to the server was lost" : result.errorMessage)
        }
        if result.sqlState == "0A000" {
            // "cached plan must not change result type": the next use prepares it afresh.
            statements.remove(statement)
        }
        return result.error(statement: statement)
    }

    private func connectionFailure(statement: String) -> StorageError {
        guard let handle else { return .unavailable("not connected") }
        let reason = String(cString: PQerrorMessage(handle)).libpqMessageOnOneLine()
        return .unavailable(reason.isEmpty ? "the connection to the server was lost during: \(statement)" : reason)
    }
}
