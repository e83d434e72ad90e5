import CPostgres
#if canImport(Glibc)
import Glibc
#endif

/// libpq, loaded with `dlopen` when the first PostgreSQL URL is read instead of linked into the
/// executable. A server on SQLite (the default) then never maps libpq and what it pulls in
/// (Kerberos, LDAP, SASL, GnuTLS and their helpers: about 3.4 MB of resident pages, measured by
/// bench/memory.sh), and runs on a host without libpq installed.
///
/// The functions below shadow libpq's declarations from `CPostgres` (the module still gives
/// the types and constants; nothing links `-lpq`), so the driver calls them by their usual
/// names. Each goes through a pointer looked up once; calling one before `LibPQ.load()`
/// succeeded is a programming error (every session starts from `PostgresConnectionSettings`,
/// whose initializer loads).
enum LibPQ {
    /// The shared object's name on Debian (package libpq5) and most distributions.
    static let libraryName = "libpq.so.5"

    /// Loads libpq once; later calls return the first outcome.
    static func load() throws(StorageError) {
        _ = try loaded.get()
    }

    static var api: Functions {
        guard case .success(let functions) = loaded else { fatalError("libpq used before LibPQ.load() succeeded") }
        return functions
    }

    private static let loaded = open(libraryName)

    /// The functions of the shared object `name`, or why it cannot serve as libpq.
    static func open(_ name: String) -> Result<Functions, StorageError> {
        Result { () throws(StorageError) in
            guard let library = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                let reason = dlerror().map { String(cString: $0) } ?? "not found"
                throw .unavailable("the PostgreSQL client library (\(name)) could not be loaded: \(reason)")
            }
            do throws(StorageError) {
                return try Functions(library, name: name)
            } catch {
                dlclose(library)
                throw error
            }
        }
    }

    struct Functions: @unchecked Sendable {
        let clear: @convention(c) (OpaquePointer?) -> Void
        let cmdStatus: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        let cmdTuples: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        let connectdbParams: @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> OpaquePointer?
        let conninfoFree: @convention(c) (UnsafeMutablePointer<PQconninfoOption>?) -> Void
        let conninfoParse: @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafeMutablePointer<PQconninfoOption>?
        let consumeInput: @convention(c) (OpaquePointer?) -> Int32
        let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        let exec: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
        let execPrepared: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                          UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> OpaquePointer?
        let finish: @convention(c) (OpaquePointer?) -> Void
        let fname: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
        let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
        let ftype: @convention(c) (OpaquePointer?, Int32) -> Oid
        let getResult: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
        let getlength: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
        let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
        let nfields: @convention(c) (OpaquePointer?) -> Int32
        let notifies: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<PGnotify>?
        let ntuples: @convention(c) (OpaquePointer?) -> Int32
        let prepare: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?) -> OpaquePointer?
        let putCopyData: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
        let putCopyEnd: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
        let resStatus: @convention(c) (ExecStatusType) -> UnsafeMutablePointer<CChar>?
        let resultErrorField: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
        let resultErrorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType
        let setNoticeProcessor: @convention(c) (OpaquePointer?, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?
        let socket: @convention(c) (OpaquePointer?) -> Int32
        let status: @convention(c) (OpaquePointer?) -> ConnStatusType
        let transactionStatus: @convention(c) (OpaquePointer?) -> PGTransactionStatusType
        let unescapeBytea: @convention(c) (UnsafePointer<UInt8>?, UnsafeMutablePointer<Int>?) -> UnsafeMutablePointer<UInt8>?

        init(_ library: UnsafeMutableRawPointer, name: String) throws(StorageError) {
            var missing: [String] = []
            func symbol<F>(_ name: String, as: F.Type = F.self) -> F {
                guard let address = dlsym(library, name) else {
                    missing.append(name)
                    // A stand-in until the initializer throws below; never called.
                    return unsafeBitCast(UnsafeMutableRawPointer(bitPattern: 1)!, to: F.self)
                }
                return unsafeBitCast(address, to: F.self)
            }
            clear = symbol("PQclear")
            cmdStatus = symbol("PQcmdStatus")
            cmdTuples = symbol("PQcmdTuples")
            connectdbParams = symbol("PQconnectdbParams")
            conninfoFree = symbol("PQconninfoFree")
            conninfoParse = symbol("PQconninfoParse")
            consumeInput = symbol("PQconsumeInput")
            errorMessage = symbol("PQerrorMessage")
            exec = symbol("PQexec")
            execPrepared = symbol("PQexecPrepared")
            finish = symbol("PQfinish")
            fname = symbol("PQfname")
            freemem = symbol("PQfreemem")
            ftype = symbol("PQftype")
            getResult = symbol("PQgetResult")
            getisnull = symbol("PQgetisnull")
            getlength = symbol("PQgetlength")
            getvalue = symbol("PQgetvalue")
            nfields = symbol("PQnfields")
            notifies = symbol("PQnotifies")
            ntuples = symbol("PQntuples")
            prepare = symbol("PQprepare")
            putCopyData = symbol("PQputCopyData")
            putCopyEnd = symbol("PQputCopyEnd")
            resStatus = symbol("PQresStatus")
            resultErrorField = symbol("PQresultErrorField")
            resultErrorMessage = symbol("PQresultErrorMessage")
            resultStatus = symbol("PQresultStatus")
            setNoticeProcessor = symbol("PQsetNoticeProcessor")
            socket = symbol("PQsocket")
            status = symbol("PQstatus")
            transactionStatus = symbol("PQtransactionStatus")
            unescapeBytea = symbol("PQunescapeBytea")
            guard missing.isEmpty else {
                throw .unavailable("the PostgreSQL client library (\(name)) lacks \(missing.joined(separator: ", "))")
            }
        }
    }
}

// libpq's functions by their own names, through the loaded pointers.

func PQclear(_ result: OpaquePointer?) { LibPQ.api.clear(result) }
func PQcmdStatus(_ result: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.api.cmdStatus(result) }
func PQcmdTuples(_ result: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.api.cmdTuples(result) }
func PQconnectdbParams(_ keywords: UnsafePointer<UnsafePointer<CChar>?>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
                       _ expandDBName: Int32) -> OpaquePointer! {
    LibPQ.api.connectdbParams(keywords, values, expandDBName)
}
func PQconninfoFree(_ options: UnsafeMutablePointer<PQconninfoOption>?) { LibPQ.api.conninfoFree(options) }
func PQconninfoParse(_ conninfo: UnsafePointer<CChar>?, _ message: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
    -> UnsafeMutablePointer<PQconninfoOption>! {
    LibPQ.api.conninfoParse(conninfo, message)
}
func PQconsumeInput(_ connection: OpaquePointer?) -> Int32 { LibPQ.api.consumeInput(connection) }
func PQerrorMessage(_ connection: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.api.errorMessage(connection) }
func PQexec(_ connection: OpaquePointer?, _ query: UnsafePointer<CChar>?) -> OpaquePointer! { LibPQ.api.exec(connection, query) }
func PQexecPrepared(_ connection: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ count: Int32, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
                    _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?, _ resultFormat: Int32) -> OpaquePointer! {
    LibPQ.api.execPrepared(connection, name, count, values, lengths, formats, resultFormat)
}
func PQfinish(_ connection: OpaquePointer?) { LibPQ.api.finish(connection) }
func PQfname(_ result: OpaquePointer?, _ field: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.api.fname(result, field) }
func PQfreemem(_ pointer: UnsafeMutableRawPointer?) { LibPQ.api.freemem(pointer) }
func PQftype(_ result: OpaquePointer?, _ field: Int32) -> Oid { LibPQ.api.ftype(result, field) }
func PQgetResult(_ connection: OpaquePointer?) -> OpaquePointer! { LibPQ.api.getResult(connection) }
func PQgetisnull(_ result: OpaquePointer?, _ row: Int32, _ field: Int32) -> Int32 { LibPQ.api.getisnull(result, row, field) }
func PQgetlength(_ result: OpaquePointer?, _ row: Int32, _ field: Int32) -> Int32 { LibPQ.api.getlength(result, row, field) }
func PQgetvalue(_ result: OpaquePointer?, _ row: Int32, _ field: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.api.getvalue(result, row, field) }
func PQnfields(_ result: OpaquePointer?) -> Int32 { LibPQ.api.nfields(result) }
func PQnotifies(_ connection: OpaquePointer?) -> UnsafeMutablePointer<PGnotify>! { LibPQ.api.notifies(connection) }
func PQntuples(_ result: OpaquePointer?) -> Int32 { LibPQ.api.ntuples(result) }
func PQprepare(_ connection: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ query: UnsafePointer<CChar>?, _ count: Int32,
               _ types: UnsafePointer<Oid>?) -> OpaquePointer! {
    LibPQ.api.prepare(connection, name, query, count, types)
}
func PQputCopyData(_ connection: OpaquePointer?, _ buffer: UnsafePointer<CChar>?, _ count: Int32) -> Int32 {
    LibPQ.api.putCopyData(connection, buffer, count)
}
func PQputCopyEnd(_ connection: OpaquePointer?, _ message: UnsafePointer<CChar>?) -> Int32 { LibPQ.api.putCopyEnd(connection, message) }
func PQresStatus(_ status: ExecStatusType) -> UnsafeMutablePointer<CChar>! { LibPQ.api.resStatus(status) }
func PQresultErrorField(_ result: OpaquePointer?, _ code: Int32) -> UnsafeMutablePointer<CChar>! { LibPQ.api.resultErrorField(result, code) }
func PQresultErrorMessage(_ result: OpaquePointer?) -> UnsafeMutablePointer<CChar>! { LibPQ.api.resultErrorMessage(result) }
func PQresultStatus(_ result: OpaquePointer?) -> ExecStatusType { LibPQ.api.resultStatus(result) }
func PQsetNoticeProcessor(_ connection: OpaquePointer?, _ processor: PQnoticeProcessor?, _ argument: UnsafeMutableRawPointer?) -> PQnoticeProcessor? {
    LibPQ.api.setNoticeProcessor(connection, processor, argument)
}
func PQsocket(_ connection: OpaquePointer?) -> Int32 { LibPQ.api.socket(connection) }
func PQstatus(_ connection: OpaquePointer?) -> ConnStatusType { LibPQ.api.status(connection) }
func PQtransactionStatus(_ connection: OpaquePointer?) -> PGTransactionStatusType { LibPQ.api.transactionStatus(connection) }
func PQunescapeBytea(_ text: UnsafePointer<UInt8>?, _ length: UnsafeMutablePointer<Int>?) -> UnsafeMutablePointer<UInt8>? {
    LibPQ.api.unescapeBytea(text, length)
}
