/// The tables of the product, written once and rendered in each dialect, so the two
/// backends cannot drift apart. Types: exact decimals are NUMERIC (PostgreSQL) or TEXT
/// (SQLite); times are BIGINT epoch milliseconds; booleans are BOOLEAN or INTEGER 0/1.
struct TableDefinition {
    enum ColumnType {
        case text, integer, bigint, decimal, double, boolean, json
    }

    struct Column {
        var name: String
        var type: ColumnType
        var nullable: Bool
        var defaultSQL: String?

        /// `name TYPE [NOT NULL] [DEFAULT value]`, as CREATE TABLE and ADD COLUMN both write it.
        func render(_ dialect: SQLDialect) -> String {
            var line = "\(name) \(TableDefinition.typeName(type, dialect))"
            if !nullable { line += " NOT NULL" }
            if let defaultSQL { line += " DEFAULT \(defaultSQL)" }
            return line
        }
    }

    var name: String
    var columns: [Column]
    /// Table constraints: `PRIMARY KEY (…)`, `UNIQUE (…)`, `FOREIGN KEY (…) REFERENCES …`, `CHECK (…)`.
    var constraints: [String]
    /// `CREATE INDEX` statements (dialect-neutral).
    var indexes: [String]

    func render(_ dialect: SQLDialect) -> String {
        let parts = columns.map { "    " + $0.render(dialect) } + constraints.map { "    " + $0 }
        var sql = "CREATE TABLE \(name) (\n" + parts.joined(separator: ",\n") + "\n);\n"
        for index in indexes { sql += index + ";\n" }
        return sql
    }

    static func typeName(_ type: ColumnType, _ dialect: SQLDialect) -> String {
        switch (type, dialect) {
        case (.text, _), (.json, .sqlite): return "TEXT"
        case (.json, .postgresql): return "JSONB"
        case (.integer, .sqlite), (.bigint, .sqlite), (.boolean, .sqlite): return "INTEGER"
        case (.integer, .postgresql): return "INTEGER"
        case (.bigint, .postgresql): return "BIGINT"
        case (.boolean, .postgresql): return "BOOLEAN"
        case (.decimal, .sqlite): return "TEXT"
        case (.decimal, .postgresql): return "NUMERIC"
        case (.double, .sqlite): return "REAL"
        case (.double, .postgresql): return "DOUBLE PRECISION"
        }
    }
}
