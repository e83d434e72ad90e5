import Primitives

/// One step of a schema's history. Steps are applied in version order, each in its own
/// transaction, and recorded in `schema_migrations`, so running them again does nothing.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The statements, in the dialect of the list it belongs to.
    public let sql: String
    /// Checked before the statements run; a migration whose precondition fails is refused.
    public let precondition: MigrationPrecondition?

    public init(version: Int, name: String, sql: String, precondition: MigrationPrecondition? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.precondition = precondition
    }
}
