/// Version 14: the trade journal's executions made elsewhere. `imported_executions` holds the
/// fills of a broker loaded by `trading-server import-executions` (no order of this server
/// made them): the symbol in the form `fills` uses (`BTC/USDT`, `005930`), the side `Buy` or
/// `Sell` as in `fills`, the venue in `exchange` (`kis`, never `paper` or `paper-margin`), and
/// `import_key`, unique, which makes loading the same file again add nothing. The journal
/// reads it together with `fills`: one venue's history of a symbol in time order (the
/// `_ledger` indexes of both tables, which also count it without reading a row and serve a
/// filter by symbol alone), and every execution newest first (`imported_executions_time`, and
/// `fills_time` since version 2).
enum ImportedExecutionTable {
    static let definition = table("imported_executions", [
        column("id", .text), column("symbol", .text), column("side", .text), column("quantity", .decimal), column("price", .decimal),
        column("fee", .decimal, default: "0"), column("exchange", .text), column("executed_at", .bigint), column("import_key", .text),
        column("imported_at", .bigint),
    ], constraints: ["PRIMARY KEY (id)", "UNIQUE (import_key)", "CHECK (side IN ('Buy', 'Sell'))"],
       indexes: ["CREATE INDEX imported_executions_ledger ON imported_executions (symbol, exchange, executed_at)",
                 "CREATE INDEX imported_executions_time ON imported_executions (executed_at)"])

    static func sql(_ dialect: SQLDialect) -> String {
        definition.render(dialect) + "CREATE INDEX fills_ledger ON fills (symbol, exchange, executed_at);\n"
    }
}
