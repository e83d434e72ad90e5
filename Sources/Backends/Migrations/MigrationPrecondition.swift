/// What the stored data must satisfy before a migration may run. A migration that would
/// otherwise fail halfway, or change data behind the operator's back (a unique index over
/// rows that already clash), checks first and refuses with a message that says what stands
/// in the way and what to do; nothing is changed and the server does not start.
public struct MigrationPrecondition: Sendable {
    /// A query returning one row per thing that stands in the way; none means go ahead.
    public let query: String
    /// The operator's message for the rows found.
    public let explain: @Sendable ([SQLRow]) throws(StorageError) -> String

    public init(query: String, explain: @escaping @Sendable ([SQLRow]) throws(StorageError) -> String) {
        self.query = query
        self.explain = explain
    }
}
