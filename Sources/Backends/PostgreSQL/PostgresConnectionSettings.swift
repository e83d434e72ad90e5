import CPostgres
#if canImport(Glibc)
import Glibc
#endif

/// How to open a connection: the server's URL plus the session settings every connection
/// of the pool shares.
struct PostgresConnectionSettings: Sendable {
    /// A `postgres://` URL or a `key=value` connection string.
    let url: String
    /// The server-side `statement_timeout` of every session, in milliseconds (0: none).
    let statementTimeoutMilliseconds: Int
    /// libpq's `connect_timeout`, which bounds how long a request waits on an unreachable host.
    let connectTimeoutSeconds: Int
    /// The `application_name` that `pg_stat_activity` shows for these sessions.
    let applicationName: String

    /// Server options (`-c name=value …`) the URL itself asks for, e.g. a `search_path`;
    /// kept ahead of the session settings this driver adds.
    private let urlOptions: String

    /// Validates `url` up front, so a typo fails at start-up with libpq's reason rather than
    /// looking like an outage on every request.
    init(url: String, statementTimeoutMilliseconds: Int, connectTimeoutSeconds: Int, applicationName: String) throws(StorageError) {
        try LibPQ.load()
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            let reason = message.map { String(cString: $0).libpqMessageOnOneLine() } ?? "out of memory"
            if let message { PQfreemem(message) }
            throw .failed(message: "invalid PostgreSQL URL: \(reason)", statement: "")
        }
        defer { PQconninfoFree(options) }
        var urlOptions = ""
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "options", let value = option.pointee.val { urlOptions = String(cString: value) }
            option += 1
        }
        self.urlOptions = urlOptions
        self.url = url
        self.statementTimeoutMilliseconds = max(0, statementTimeoutMilliseconds)
        // libpq treats 1 as 2 and 0 as "wait forever"; never the latter for a server.
        self.connectTimeoutSeconds = max(2, connectTimeoutSeconds)
        self.applicationName = applicationName
    }

    /// The connection parameters. Later entries override what the URL says, so the session
    /// settings hold whatever the URL contains; its `options` are merged, not replaced.
    var parameters: [(keyword: String, value: String)] {
        [
            ("dbname", url),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("application_name", applicationName),
            ("client_encoding", "UTF8"),
            // Set at start-up rather than with SET, so a reconnect cannot forget them.
            ("options", urlOptions + " -c statement_timeout=\(statementTimeoutMilliseconds) -c TimeZone=UTC"),
            // A host that vanishes without a reset (a cut network, a dead VM) is noticed by
            // keepalives while idle and by tcp_user_timeout while sending, instead of after
            // the kernel's default of many minutes.
            ("keepalives", "1"),
            ("keepalives_idle", "10"),
            ("keepalives_interval", "5"),
            ("keepalives_count", "3"),
            ("tcp_user_timeout", String(connectTimeoutSeconds * 1000)),
        ]
    }

    /// Opens a session (blocking for at most the connect timeout); nil only when libpq is
    /// out of memory. The caller checks `PQstatus` and owns the handle.
    func connect() -> OpaquePointer? {
        let entries = parameters
        let keywords = entries.map { strdup($0.keyword) } + [nil]
        let values = entries.map { strdup($0.value) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let constantKeywords = keywords.map { UnsafePointer($0) }
        let constantValues = values.map { UnsafePointer($0) }
        // expand_dbname = 1: the first dbname is parsed as a URL or connection string.
        return PQconnectdbParams(constantKeywords, constantValues, 1)
    }
}
