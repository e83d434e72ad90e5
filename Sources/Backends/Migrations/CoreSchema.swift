/// Version 1: every aggregate the API stores.
enum CoreSchema {
    static let tables: [TableDefinition] = [
        table("users", [
            column("id", .text), column("username", .text), column("password_hash", .text), column("role", .text),
            column("disabled", .boolean, default: "FALSE"), column("created_at", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "UNIQUE (username)", "CHECK (role IN ('viewer', 'trader', 'admin'))"]),
        table("api_keys", [
            column("id", .text), column("user_id", .text), column("name", .text), column("role", .text),
            column("prefix", .text), column("key_hash", .text), column("created_at", .bigint),
            column("expires_at", .bigint, null: true), column("last_used_at", .bigint, null: true),
            column("revoked_at", .bigint, null: true),
        ], constraints: ["PRIMARY KEY (id)", "UNIQUE (prefix)", "UNIQUE (key_hash)",
                         "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"],
           indexes: ["CREATE INDEX api_keys_user ON api_keys (user_id)"]),
        table("refresh_tokens", [
            column("id", .text), column("user_id", .text), column("family_id", .text), column("token_hash", .text),
            column("created_at", .bigint), column("expires_at", .bigint), column("spent_at", .bigint, null: true),
            column("revoked_at", .bigint, null: true),
        ], constraints: ["PRIMARY KEY (id)", "UNIQUE (token_hash)", "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"],
           indexes: ["CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)"]),
        table("strategies", [
            column("id", .text), column("type", .text), column("name", .text), column("version", .text),
            column("symbols", .json), column("config", .json), column("running", .boolean, default: "FALSE"),
            column("signals_generated", .bigint, default: "0"), column("orders_submitted", .bigint, default: "0"),
            column("orders_filled", .bigint, default: "0"), column("market_data_processed", .bigint, default: "0"),
            column("created_at", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)"]),
        table("orders", [
            column("id", .text), column("exchange_order_id", .text, null: true), column("symbol", .text), column("side", .text),
            column("order_type", .text), column("quantity", .decimal), column("filled_quantity", .decimal, default: "0"),
            column("price", .decimal, null: true), column("average_fill_price", .decimal, null: true), column("status", .text),
            column("strategy_id", .text, null: true), column("cancel_reason", .text, null: true),
            column("created_at", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "FOREIGN KEY (strategy_id) REFERENCES strategies (id) ON DELETE SET NULL",
                         "CHECK (side IN ('Buy', 'Sell'))"],
           indexes: ["CREATE INDEX orders_status ON orders (status)", "CREATE INDEX orders_symbol ON orders (symbol)"]),
        table("fills", [
            column("id", .text), column("order_id", .text), column("symbol", .text), column("side", .text),
            column("quantity", .decimal), column("price", .decimal), column("fee", .decimal, default: "0"),
            column("liquidity", .text), column("executed_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE"],
           indexes: ["CREATE INDEX fills_symbol_time ON fills (symbol, executed_at)"]),
        table("positions", [
            column("id", .text), column("exchange", .text), column("symbol", .text), column("strategy_id", .text, default: "''"),
            column("side", .text), column("quantity", .decimal), column("entry_price", .decimal),
            column("realized_pnl", .decimal, default: "0"), column("opened_at", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "UNIQUE (exchange, symbol, strategy_id)"]),
        table("position_lots", [
            column("id", .text), column("position_id", .text), column("quantity", .decimal), column("price", .decimal),
            column("fee", .decimal, default: "0"), column("opened_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "FOREIGN KEY (position_id) REFERENCES positions (id) ON DELETE CASCADE"],
           indexes: ["CREATE INDEX position_lots_position ON position_lots (position_id, opened_at)"]),
        table("balances", [
            column("asset", .text), column("free", .decimal), column("locked", .decimal, default: "0"), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (asset)"]),
        table("watchlists", [
            column("id", .text), column("user_id", .text), column("name", .text), column("description", .text, null: true),
            column("created_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "UNIQUE (user_id, name)", "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"]),
        table("watchlist_items", [
            column("watchlist_id", .text), column("symbol", .text), column("added_at", .bigint),
        ], constraints: ["PRIMARY KEY (watchlist_id, symbol)", "FOREIGN KEY (watchlist_id) REFERENCES watchlists (id) ON DELETE CASCADE"]),
        table("symbol_info", [
            column("ticker", .text), column("market", .text), column("name", .text, null: true), column("sector", .text, null: true),
            column("status", .text, default: "'active'"), column("consecutive_failures", .integer, default: "0"),
            column("last_error", .text, null: true), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market)"]),
        table("ohlcv", [
            column("ticker", .text), column("market", .text), column("timeframe", .text), column("ts", .bigint),
            column("open", .decimal), column("high", .decimal), column("low", .decimal), column("close", .decimal),
            column("volume", .decimal),
        ], constraints: ["PRIMARY KEY (ticker, market, timeframe, ts)"]),
        table("ohlcv_metadata", [
            column("ticker", .text), column("market", .text), column("timeframe", .text), column("first_ts", .bigint),
            column("last_ts", .bigint), column("candle_count", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market, timeframe)"]),
        table("symbol_fundamental", [
            column("ticker", .text), column("market", .text), column("per", .double, null: true), column("pbr", .double, null: true),
            column("psr", .double, null: true), column("roe", .double, null: true), column("roa", .double, null: true),
            column("operating_margin", .double, null: true), column("net_margin", .double, null: true),
            column("revenue_growth", .double, null: true), column("earnings_growth", .double, null: true),
            column("dividend_yield", .double, null: true), column("debt_ratio", .double, null: true),
            column("market_cap", .decimal, null: true), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market)"]),
        table("execution_cache", [
            column("ticker", .text), column("market", .text), column("payload", .json), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market)"]),
        table("error_log", [
            column("id", .text), column("severity", .text), column("category", .text), column("message", .text),
            column("details", .json, null: true), column("created_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)", "CHECK (severity IN ('critical', 'error', 'warning'))"],
           indexes: ["CREATE INDEX error_log_time ON error_log (created_at)"]),
        table("screening_presets", [
            column("name", .text), column("description", .text), column("filter", .json),
        ], constraints: ["PRIMARY KEY (name)"]),
        table("global_scores", [
            column("ticker", .text), column("market", .text), column("score", .double), column("grade", .text),
            column("route_state", .text), column("factors", .json, null: true), column("computed_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market)"]),
        table("score_history", [
            column("ticker", .text), column("market", .text), column("score", .double), column("grade", .text),
            column("computed_at", .bigint),
        ], constraints: ["PRIMARY KEY (ticker, market, computed_at)"]),
        table("reality_check_snapshots", [
            column("snapshot_date", .text), column("ticker", .text), column("market", .text), column("rank", .integer),
            column("grade", .text), column("score", .double), column("entry_price", .decimal),
            column("next_day_return", .double, null: true), column("created_at", .bigint),
        ], constraints: ["PRIMARY KEY (snapshot_date, ticker, market)"]),
        table("dataset_jobs", [
            column("id", .text), column("status", .text), column("progress", .double, default: "0"), column("request", .json),
            column("message", .text, null: true), column("created_at", .bigint), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (id)"]),
        table("settings", [
            column("key", .text), column("value", .json), column("updated_at", .bigint),
        ], constraints: ["PRIMARY KEY (key)"]),
    ]

    static func sql(_ dialect: SQLDialect) -> String {
        tables.map { $0.render(dialect) }.joined(separator: "\n")
    }
}
