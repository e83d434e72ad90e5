/// A recorded server-side error (`error_log`), as `/monitoring/errors` shows it.
public struct ErrorLogRecord: Sendable, Equatable {
    /// Identifier (a lowercase UUID).
    public var id: String
    /// `critical`, `error` or `warning`; the database refuses anything else.
    public var severity: String
    /// `database`, `exchange`, `strategy`, `provider` or `system`.
    public var category: String
    /// What went wrong, for people.
    public var message: String
    /// Structured context as JSON text; nil when none. PostgreSQL gives back normalised JSON
    /// (JSONB), so compare parsed values, not text.
    public var details: String?
    /// When it happened (epoch ms).
    public var createdAt: Int

    /// An error record.
    public init(id: String, severity: String, category: String, message: String, details: String? = nil, createdAt: Int) {
        self.id = id
        self.severity = severity
        self.category = category
        self.message = message
        self.details = details
        self.createdAt = createdAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), severity: try row.string("severity"), category: try row.string("category"),
            message: try row.string("message"), details: row.optionalString("details"), createdAt: try row.int("created_at"))
    }
}
