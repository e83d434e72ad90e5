import Backends
import Engine
import Foundation
import Primitives

/// A market data provider over HTTP: a service at a configurable base URL answering two GET
/// requests with JSON (docs/providers.md):
///
/// - `{base}/symbols[?market=KR]` → `{"symbols":[{"ticker":"005930","market":"KR","name":"삼성전자",
///   "exchange":"KOSPI","sector":"반도체"}]}` (`name`, `exchange`, `sector` optional or null);
/// - `{base}/candles?symbol=005930&market=KR&timeframe=1d[&start=ISO8601][&end=ISO8601]` →
///   `{"candles":[{"timestamp":"2026-01-28T00:00:00Z","open":"74000","high":"75000","low":"73800",
///   "close":"74500","volume":"12034567"}]}`, prices and volumes as decimal strings (JSON numbers
///   written as plain decimals are accepted), oldest first; an optional `"timeframe"` member must
///   be the one asked for. 404 means the provider has no such series.
///
/// Requests go through `HTTPClient`: a timeout per attempt, retries with exponential backoff
/// for timeouts, unreachable hosts, 429 and 5xx, and a cap on the answer's size. Whatever
/// comes back is checked; an answer that does not fit is a `ProviderError`, never a crash.
public struct HTTPMarketDataProvider: MarketDataProvider {
    /// The service's base URL, without a trailing slash.
    public let baseURL: String
    private let client: HTTPClient

    public var name: String { "http" }

    /// A provider at `baseURL` with the client's limits.
    public init(baseURL: String, settings: HTTPClientSettings = HTTPClientSettings()) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        client = HTTPClient(settings: settings)
    }

    public func symbols(market: MarketKind?) async throws(ProviderError) -> [ProviderSymbol] {
        let body = try await get("symbols", query: market.map { [("market", $0.rawValue)] } ?? [])
        guard case .array(let entries)? = body["symbols"] else { throw .badAnswer("the answer has no \"symbols\" array") }
        var symbols: [ProviderSymbol] = []
        symbols.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let symbol = try Self.symbol(entry, at: index)
            if market == nil || symbol.market == market { symbols.append(symbol) }
        }
        return symbols
    }

    public func candles(_ request: CandleRequest) async throws(ProviderError) -> [CandleRecord] {
        var query = [("symbol", request.ticker), ("market", request.market.rawValue), ("timeframe", request.interval.rawValue)]
        if let start = request.start { query.append(("start", Timestamp.iso8601(epochMilliseconds: start))) }
        if let end = request.end { query.append(("end", Timestamp.iso8601(epochMilliseconds: end))) }
        let body = try await get("candles", query: query, missing: request.series)
        if let timeframe = body["timeframe"] {
            guard case .string(let name) = timeframe, CandleInterval(rawValue: name) != nil else {
                throw .badAnswer("unknown timeframe \(Self.shown(timeframe))")
            }
            guard name == request.interval.rawValue else { throw .badAnswer("candles of \(name) for a \(request.interval.rawValue) request") }
        }
        guard case .array(let entries)? = body["candles"] else { throw .badAnswer("the answer has no \"candles\" array") }
        var candles: [CandleRecord] = []
        candles.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() { candles.append(try Self.candle(entry, at: index)) }
        return try ProviderCandles.checked(candles, for: request)
    }

    /// GETs `{base}/{path}?query` and parses the JSON object it answers. `missing` names what a
    /// 404 means was not found (nil: a 404 is a bad answer like any other error status).
    private func get(_ path: String, query: [(String, String)], missing: String? = nil) async throws(ProviderError) -> JSONValue {
        let response: HTTPClientResponse
        do {
            response = try await client.sendRetrying(HTTPClientRequest(url: url(path, query: query), headers: [("Accept", "application/json")]))
        } catch {
            throw Self.providerError(error)
        }
        if response.status == 404, let missing { throw .noSeries(missing) }
        guard (200..<300).contains(response.status) else { throw .badAnswer("HTTP status \(response.status)") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(response.body)
        } catch {
            throw .badAnswer("not JSON (\(error))")
        }
        guard case .object = value else { throw .badAnswer("the answer is \(value.kindName), not an object") }
        return value
    }

    private func url(_ path: String, query: [(String, String)]) -> String {
        let pairs = query.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }
        return baseURL + "/" + path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func providerError(_ error: HTTPClientError) -> ProviderError {
        switch error {
        case .invalidURL: return .unreachable("the provider URL is not an absolute http(s) URL")
        case .timedOut(let seconds): return .timedOut(seconds: seconds)
        case .unreachable(let reason): return .unreachable(reason)
        case .tooLarge(let limit): return .badAnswer("the answer is larger than \(limit) bytes")
        case .transport(let reason): return .unreachable(reason)
        }
    }

    private static func symbol(_ entry: JSONValue, at index: Int) throws(ProviderError) -> ProviderSymbol {
        guard case .object = entry else { throw .badAnswer("symbols[\(index)] is \(entry.kindName), not an object") }
        guard case .string(let ticker)? = entry["ticker"], case .string(let market)? = entry["market"] else {
            throw .badAnswer("symbols[\(index)] needs string members \"ticker\" and \"market\"")
        }
        var optional: [String: String] = [:]
        for key in ["name", "exchange", "sector"] {
            switch entry[key] {
            case nil, .null?: continue
            case .string(let text)?: optional[key] = text
            case let other?: throw .badAnswer("symbols[\(index)].\(key) is \(other.kindName), not a string")
            }
        }
        do {
            return try ProviderSymbol.checked(ticker: ticker, market: market, name: optional["name"], exchange: optional["exchange"],
                                              sector: optional["sector"])
        } catch {
            throw .badAnswer("symbols[\(index)]: \(error.reason)")
        }
    }

    private static func candle(_ entry: JSONValue, at index: Int) throws(ProviderError) -> CandleRecord {
        guard case .object = entry else { throw .badAnswer("candles[\(index)] is \(entry.kindName), not an object") }
        guard case .string(let stamp)? = entry["timestamp"], let time = Timestamp.epochMilliseconds(iso8601: stamp) else {
            throw .badAnswer("candles[\(index)].timestamp is not an ISO 8601 date-time")
        }
        var values: [ExactDecimal] = []
        for key in ["open", "high", "low", "close", "volume"] {
            let text: String
            switch entry[key] {
            case .string(let written)?: text = written
            case .number(let written)?: text = written
            default: throw .badAnswer("candles[\(index)].\(key) is missing or not a decimal")
            }
            guard let value = ExactDecimal(text) else { throw .badAnswer("candles[\(index)].\(key) '\(text.prefix(40))' is not a decimal") }
            values.append(value)
        }
        return CandleRecord(timestamp: time, open: values[0], high: values[1], low: values[2], close: values[3], volume: values[4])
    }

    private static func shown(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "'\(text.prefix(20))'" }
        return value.kindName
    }
}
