import APIRuntime
import Backends
import Engine
import Foundation
import Generated
import Primitives

/// `/api/v1/screening/*`: condition screening over the screening cache (`ScreeningService`),
/// the seven presets from the database, and the admin's rebuild of the cache.
public struct ScreeningHandler: ScreeningAPI {
    let screening: ScreeningService

    public init(screening: ScreeningService) {
        self.screening = screening
    }

    public func filterScreening(_ input: FilterScreeningInput, context: RequestContext) async throws -> FilterScreeningOutput {
        let request = input.body
        let page: (rows: [ScreeningRow], total: Int)
        do {
            page = try await screening.screen(try Self.query(request), preset: request.preset?.rawValue)
        } catch {
            switch error {
            case .unknownPreset(let preset): throw APIError.validation([FieldIssue("body.preset", "no preset '\(preset)'")])
            case .storage(let storage): throw APIError(storage)
            }
        }
        return .ok(ScreeningResultList(items: page.rows.compactMap(Self.result), total: page.total, limit: request.limit,
                                       offset: request.offset))
    }

    public func listScreeningPresets(_ input: ListScreeningPresetsInput, context: RequestContext) async throws -> ListScreeningPresetsOutput {
        let presets: [Backends.ScreeningPreset]
        do {
            presets = try await screening.presets()
        } catch {
            throw APIError(error)
        }
        var listed: [Generated.ScreeningPreset] = []
        for preset in presets {
            guard let id = ScreeningPresetId(rawValue: preset.id) else { continue }
            listed.append(Generated.ScreeningPreset(id: id, name: preset.name, description: preset.description,
                                                    filters: try Self.request(preset.filter)))
        }
        return .ok(ScreeningPresetList(presets: listed))
    }

    public func refreshScreeningCache(_ input: RefreshScreeningCacheInput, context: RequestContext) async throws -> RefreshScreeningCacheOutput {
        let refresh: ScreeningService.Refresh
        do {
            refresh = try await screening.refresh()
        } catch {
            throw APIError(error)
        }
        return .ok(ScreeningCacheRefreshResponse(
            success: true, message: "Screening cache refreshed", rowCount: refresh.rowCount,
            durationMs: refresh.durationMilliseconds, refreshedAt: Timestamp.iso8601(epochMilliseconds: refresh.refreshedAt)))
    }

    /// A cached row as the API shows it; nil for a market or route state the spec does not
    /// name (none the cache holds).
    static func result(_ row: ScreeningRow) -> ScreeningResult? {
        guard let market = Market(rawValue: row.market), let route = Generated.RouteState(rawValue: row.routeState) else { return nil }
        return ScreeningResult(ticker: row.ticker, name: row.name, market: market, sector: row.sector, price: row.price.description,
                               marketCap: row.marketCap?.description, per: row.per, pbr: row.pbr, roe: row.roe,
                               dividendYield: row.dividendYield, priceChange1d: row.priceChange1d,
                               priceChange5d: row.priceChange5d, priceChange20d: row.priceChange20d, routeState: route)
    }

    /// The request's conditions as the repository takes them. Both name their fields as
    /// `ScreeningFilterRequest` does, so the request's own JSON decodes into the query (its
    /// `preset` is not a condition and is left out).
    static func query(_ request: ScreeningFilterRequest) throws(ScreeningService.Failure) -> ScreeningQuery {
        var writer = JSONWriter()
        request.encode(to: &writer)
        do {
            return try JSONDecoder().decode(ScreeningQuery.self, from: Data(writer.bytes))
        } catch {
            throw .storage(.decoding(column: "filter", reason: "the request's conditions: \(error)"))
        }
    }

    /// A preset's stored conditions in the API's form (the same field names, so through JSON).
    static func request(_ query: ScreeningQuery) throws -> ScreeningFilterRequest {
        var issues: [FieldIssue] = []
        guard let json = try? JSONParser.parse(Array(try JSONEncoder().encode(query))),
              let request = ScreeningFilterRequest.decode(json, at: "filters", issues: &issues) else {
            throw APIError(.decoding(column: "filter", reason: "a preset's conditions are not a ScreeningFilterRequest: \(issues)"))
        }
        return request
    }
}
