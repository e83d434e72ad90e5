import Foundation

/// An empty database for one server, so that no run sees another's rows: a new SQLite file
/// in the server's directory, or a new schema on the throwaway PostgreSQL server (selected
/// through the URL's `options=-csearch_path=…`, which the server passes on to libpq).
enum ScratchDatabase {
    case sqlite(path: String)
    case postgres(serverURL: String, schema: String)

    /// Creates the database for `backend`; a SQLite file goes under `directory`.
    static func create(for backend: ContractBackend, in directory: URL) throws -> ScratchDatabase {
        switch backend {
        case .sqlite:
            return .sqlite(path: directory.appendingPathComponent("data/trading.db").path)
        case .postgres:
            let serverURL = try ContractBackend.postgresURL()
            let schema = "contract_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try PostgresShell.run(sql: "CREATE SCHEMA \(schema)", on: serverURL)
            return .postgres(serverURL: serverURL, schema: schema)
        }
    }

    /// The server's `--database` value.
    var url: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:" + path
        case .postgres(let serverURL, let schema):
            return serverURL + (serverURL.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
        }
    }

    /// Removes a PostgreSQL schema with everything in it (a SQLite file goes with its directory).
    func drop() throws {
        if case .postgres(let serverURL, let schema) = self {
            try PostgresShell.run(sql: "DROP SCHEMA IF EXISTS \(schema) CASCADE", on: serverURL)
        }
    }
}
