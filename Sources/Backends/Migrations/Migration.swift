import Primitives

/// One step of a schema's history. Steps are applied in version order, each in its own
/// transaction, and recorded in `schema_migrations`, so running them again does nothing.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The statements, in the dialect of the list it belongs to.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
