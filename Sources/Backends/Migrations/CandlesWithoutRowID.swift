/// SQLite only, version 4: `ohlcv` becomes a WITHOUT ROWID table, so a candle is stored
/// once, in its primary-key order, instead of in a rowid table plus a separate key index.
/// Bulk loads write a third less and run about a quarter faster. (PostgreSQL has no such
/// layout choice; its list has no version 4.)
enum CandlesWithoutRowID {
    static var sql: String {
        guard var definition = CoreSchema.tables.first(where: { $0.name == "ohlcv" }) else { return "" }
        definition.name = "ohlcv_rebuilt"
        let columns = definition.columns.map(\.name).joined(separator: ", ")
        var create = definition.render(.sqlite)
        create = create.replacingOccurrences(of: "\n);\n", with: "\n) WITHOUT ROWID;\n")
        return create + """
            INSERT INTO ohlcv_rebuilt (\(columns)) SELECT \(columns) FROM ohlcv;
            DROP TABLE ohlcv;
            ALTER TABLE ohlcv_rebuilt RENAME TO ohlcv;

            """
    }
}
