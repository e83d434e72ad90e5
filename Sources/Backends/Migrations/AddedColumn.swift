/// A column added to an existing table (`ALTER TABLE … ADD COLUMN`, the same on both dialects).
struct AddedColumn {
    var table: String
    var column: TableDefinition.Column

    func render(_ dialect: SQLDialect) -> String {
        "ALTER TABLE \(table) ADD COLUMN \(column.render(dialect));\n"
    }

    /// A migration's script: the columns added, then the `CREATE INDEX` statements.
    static func script(_ columns: [AddedColumn], indexes: [String], _ dialect: SQLDialect) -> String {
        columns.map { $0.render(dialect) }.joined() + indexes.map { $0 + ";\n" }.joined()
    }
}

/// A tiny builder so table definitions read like DDL.
func table(_ name: String, _ columns: [TableDefinition.Column], constraints: [String] = [], indexes: [String] = []) -> TableDefinition {
    TableDefinition(name: name, columns: columns, constraints: constraints, indexes: indexes)
}

func column(_ name: String, _ type: TableDefinition.ColumnType, null: Bool = false, default value: String? = nil) -> TableDefinition.Column {
    TableDefinition.Column(name: name, type: type, nullable: null, defaultSQL: value)
}
