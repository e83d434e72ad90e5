import Foundation
import Primitives

/// Screening: the cache of per-symbol screening values (a materialized view on PostgreSQL, a
/// table on SQLite), conditions over it, and the presets. Results come from the cache as of
/// its last refresh, never from the live tables.
public struct ScreeningRepository {
    let connection: any SQLConnection

    /// Rebuilds the cache, stamping every row with `time`; returns its row count. Run it in a
    /// `write`: on PostgreSQL the time reaches the view through a transaction-local setting,
    /// and the view refreshes concurrently, so readers keep the previous rows until commit.
    @discardableResult
    public func refreshCache(at time: Int) throws(StorageError) -> Int {
        switch connection.dialect {
        case .postgresql:
            try connection.query("SELECT set_config($1, $2, true)", ScreeningCacheDefinition.refreshedAtSetting, String(time))
            return try connection.query("SELECT refresh_screening_cache() AS row_count").first?.int("row_count") ?? 0
        case .sqlite:
            try connection.execute("DELETE FROM screening_cache")
            return try connection.execute(ScreeningCacheDefinition.insert(refreshedAt: "$1"), time)
        }
    }

    /// The cache's row count and when it was refreshed (nil when it holds no rows).
    public func cacheInfo() throws(StorageError) -> (rowCount: Int, refreshedAt: Int?) {
        let row = try connection.query("SELECT COUNT(*) AS row_count, MAX(refreshed_at) AS refreshed_at FROM screening_cache").first
        return (try row?.int("row_count") ?? 0, try row?.optionalInt("refreshed_at"))
    }

    /// The cached symbols meeting `query`, sorted (unknown values last in either direction,
    /// then by ticker and market) and paginated, with the number of matches before
    /// pagination. A negative limit or offset is refused.
    public func screen(_ query: ScreeningQuery) throws(StorageError) -> (rows: [ScreeningRow], total: Int) {
        let limit = query.limit ?? ScreeningQuery.defaultLimit
        let offset = query.offset ?? 0
        guard limit >= 0, offset >= 0 else {
            throw .failed(message: "screening limit \(limit) and offset \(offset) must not be negative", statement: "screening_cache")
        }
        var filter = SQLWhereClause()
        filter.require("market", "=", query.market)
        filter.require("sector", "=", query.sector)
        filter.require("route_state", "=", query.routeState)
        for bound in ScreeningQuery.bounds {
            filter.require(bound.column, bound.isMinimum ? ">=" : "<=", query[keyPath: bound.field])
        }
        let total = try connection.query("SELECT COUNT(*) AS total FROM screening_cache" + filter.sql, filter.parameters)
            .first?.int("total") ?? 0

        // Column names come from ScreeningSortField, never from the caller's text.
        let sort = query.sortBy ?? .marketCap
        let direction = (query.sortOrder ?? .desc) == .asc ? "ASC" : "DESC"
        let collation = connection.dialect == .postgresql ? "COLLATE \"C\"" : "COLLATE BINARY"
        let sortKey = sort.isText ? "\(sort.column) \(collation)" : sort.column
        let parameters = filter.parameters + [limit.sqlValue, offset.sqlValue]
        let sql = """
            SELECT \(ScreeningCacheDefinition.columns.joined(separator: ", ")) FROM screening_cache\(filter.sql)
            ORDER BY CASE WHEN \(sort.column) IS NULL THEN 1 ELSE 0 END, \(sortKey) \(direction), \
            ticker \(collation), market \(collation)
            LIMIT $\(parameters.count - 1) OFFSET $\(parameters.count)
            """
        return (try connection.query(sql, parameters).map(ScreeningRow.init), total)
    }

    /// The seven presets, in document A's order (basic, value, dividend, growth, snowball,
    /// large_cap, near_52w_low).
    public func presets() throws(StorageError) -> [ScreeningPreset] {
        let rows = try connection.query(
            "SELECT name, display_name, description, CAST(filter AS TEXT) AS filter FROM screening_presets ORDER BY position, name")
        var presets: [ScreeningPreset] = []
        for row in rows {
            let id = try row.string("name")
            let filter: ScreeningQuery
            do {
                filter = try JSONDecoder().decode(ScreeningQuery.self, from: Data(try row.string("filter").utf8))
            } catch {
                throw .decoding(column: "filter", reason: "of preset \(id) is not a screening filter: \(error)")
            }
            presets.append(ScreeningPreset(
                id: id, name: try row.string("display_name"), description: try row.string("description"), filter: filter))
        }
        return presets
    }
}

extension Repositories {
    /// Condition screening over the screening cache, and the screening presets.
    public var screening: ScreeningRepository { ScreeningRepository(connection: connection) }
}
