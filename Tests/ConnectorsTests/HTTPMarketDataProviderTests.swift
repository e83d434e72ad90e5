import Backends
import Connectors
import Engine
import HTTPStub
import Primitives
import Testing

/// The HTTP market data provider against a local stub playing the provider: good answers are
/// read and checked, and every way an answer can fail is a `ProviderError`.
@Suite struct HTTPMarketDataProviderTests {
    static let symbols = #"""
        {"symbols":[
          {"ticker":"005930","market":"KR","name":"삼성전자","exchange":"KOSPI","sector":"반도체"},
          {"ticker":"BTC/USDT","market":"CRYPTO","name":null},
          {"ticker":"AAPL","market":"US"}
        ]}
        """#
    static let candles = #"""
        {"timeframe":"1d","candles":[
          {"timestamp":"2026-01-27T00:00:00Z","open":"74000","high":"75000","low":"73800","close":"74500","volume":"12034567"},
          {"timestamp":"2026-01-28T00:00:00Z","open":"74500","high":"76000","low":74000,"close":"75900.5","volume":"1000"}
        ]}
        """#
    static let day = 86_400_000
    static let january28 = 1_769_558_400_000

    func provider(_ stub: HTTPStub, timeout: Double = 5, retries: Int = 0, maxBytes: Int = 1 << 20) -> HTTPMarketDataProvider {
        HTTPMarketDataProvider(baseURL: stub.baseURL + "/v1/", settings: HTTPClientSettings(timeout: timeout, maxResponseBytes: maxBytes,
                                                                                           retries: retries, initialBackoff: 0.05))
    }

    @Test func readsTheSymbolListInStoredForm() async throws {
        let stub = try HTTPStub { _ in .json(Self.symbols) }
        defer { stub.stop() }
        let listed = try await provider(stub).symbols(market: nil)
        #expect(listed == [
            ProviderSymbol(ticker: "005930", market: .kr, name: "삼성전자", exchange: "KOSPI", sector: "반도체"),
            ProviderSymbol(ticker: "BTC-USDT", market: .crypto, name: "BTC-USDT"),
            ProviderSymbol(ticker: "AAPL", market: .us, name: "AAPL"),
        ])
        #expect(stub.requests.first?.target == "/v1/symbols")
        let korean = try await provider(stub).symbols(market: .kr)
        #expect(korean.map(\.ticker) == ["005930"], "entries of other markets are left out")
        #expect(stub.requests.last?.target == "/v1/symbols?market=KR")
    }

    @Test func readsCandlesOfTheAskedSeriesAndRange() async throws {
        let stub = try HTTPStub { _ in .json(Self.candles) }
        defer { stub.stop() }
        let request = CandleRequest(ticker: "BTC-USDT", market: .crypto, interval: .day1, start: Self.january28 - Self.day, end: Self.january28)
        let candles = try await provider(stub).candles(request)
        #expect(candles.map(\.timestamp) == [Self.january28 - Self.day, Self.january28])
        #expect(candles[1].close == ExactDecimal("75900.5"))
        #expect(candles[1].low == ExactDecimal("74000"), "a plain JSON number is read exactly")
        #expect(stub.requests.first?.target
                == "/v1/candles?symbol=BTC-USDT&market=CRYPTO&timeframe=1d&start=2026-01-27T00%3A00%3A00Z&end=2026-01-28T00%3A00%3A00Z")
        let later = CandleRequest(ticker: "BTC-USDT", market: .crypto, interval: .day1, start: Self.january28)
        #expect(try await provider(stub).candles(later).count == 1, "candles outside the range are left out")
        await #expect(throws: ProviderError.noData("BTC-USDT CRYPTO 1d")) {
            try await provider(stub).candles(CandleRequest(ticker: "BTC-USDT", market: .crypto, interval: .day1, start: Self.january28 + Self.day))
        }
    }

    @Test func errorStatusesAreRetriedThenABadAnswer() async throws {
        let stub = try HTTPStub { _ in .json(#"{"error":"down"}"#, status: 503) }
        defer { stub.stop() }
        await #expect(throws: ProviderError.badAnswer("HTTP status 503")) {
            try await provider(stub, retries: 2).symbols(market: nil)
        }
        #expect(stub.requests.count == 3, "the first attempt and two retries")
        #expect(ProviderError.badAnswer("HTTP status 503").isUnavailable)
    }

    @Test func aMissingSeriesIsNoSeries() async throws {
        let stub = try HTTPStub { _ in .json(#"{"error":"unknown"}"#, status: 404) }
        defer { stub.stop() }
        let request = CandleRequest(ticker: "005930", market: .kr, interval: .week1)
        await #expect(throws: ProviderError.noSeries("005930 KR 1w")) { try await provider(stub).candles(request) }
        await #expect(throws: ProviderError.badAnswer("HTTP status 404"), "a symbol list that is not there is a fault") {
            try await provider(stub).symbols(market: nil)
        }
    }

    @Test func aSlowProviderTimesOut() async throws {
        let stub = try HTTPStub { _ in .json(Self.symbols, delay: 3) }
        defer { stub.stop() }
        await #expect(throws: ProviderError.timedOut(seconds: 1)) { try await provider(stub, timeout: 1).symbols(market: nil) }
    }

    @Test func anOversizedAnswerIsRefused() async throws {
        let padding = String(repeating: " ", count: 5000)
        let stub = try HTTPStub { _ in .json(Self.symbols + padding) }
        defer { stub.stop() }
        await #expect(throws: ProviderError.badAnswer("the answer is larger than 2048 bytes")) {
            try await provider(stub, maxBytes: 2048).symbols(market: nil)
        }
    }

    @Test func anUnreachableProviderIsReported() async throws {
        let closed = try RefusingPort()
        let gone = HTTPMarketDataProvider(baseURL: closed.baseURL + "/v1/", settings: HTTPClientSettings(timeout: 5, retries: 0))
        await #expect(throws: ProviderError.unreachable("connection refused")) { try await gone.symbols(market: nil) }
    }

    @Test(arguments: [
        ("not json", "not JSON"),
        ("[1,2]", "an array, not an object"),
        (#"{"rows":[]}"#, #"no "candles" array"#),
        (#"{"candles":[{"timestamp":"yesterday","open":"1","high":"1","low":"1","close":"1","volume":"1"}]}"#, "not an ISO 8601"),
        (#"{"candles":[{"timestamp":"2026-01-28T00:00:00Z","open":"1e3","high":"1","low":"1","close":"1","volume":"1"}]}"#, "is not a decimal"),
        (#"{"candles":[{"timestamp":"2026-01-28T00:00:00Z","open":"10","high":"9","low":"8","close":"9","volume":"1"}]}"#, "do not bound"),
        (#"{"candles":[{"timestamp":"2026-01-28T00:00:00Z","open":"1","high":"1","low":"1","close":"1","volume":"-1"}]}"#, "negative"),
        (#"{"candles":[{"timestamp":"2026-01-28T00:00:00Z","open":"1","high":"1","low":"1","close":"1","volume":"1"},{"timestamp":"2026-01-28T06:00:00Z","open":"1","high":"1","low":"1","close":"1","volume":"1"}]}"#, "two candles"),
        (#"{"timeframe":"2d","candles":[]}"#, "unknown timeframe"),
        (#"{"timeframe":"1h","candles":[]}"#, "candles of 1h"),
        (#"{"candles":[{"open":"1"}]}"#, "timestamp"),
    ])
    func malformedCandleAnswersAreBadAnswers(body: String, reason: String) async throws {
        let stub = try HTTPStub { _ in .json(body) }
        defer { stub.stop() }
        let request = CandleRequest(ticker: "005930", market: .kr, interval: .day1)
        do {
            _ = try await provider(stub).candles(request)
            Issue.record("\(body) was accepted")
        } catch {
            guard case .badAnswer(let text) = error else { Issue.record("\(body): \(error)"); return }
            #expect(text.contains(reason), "\(text)")
        }
    }

    @Test(arguments: [
        (#"{"list":[]}"#, #"no "symbols" array"#),
        (#"{"symbols":[{"ticker":"005930"}]}"#, #""ticker" and "market""#),
        (#"{"symbols":[{"ticker":"../etc","market":"KR"}]}"#, "is not a ticker"),
        (#"{"symbols":[{"ticker":"005930","market":"JP"}]}"#, "unknown market"),
        (#"{"symbols":[{"ticker":"005930","market":"KR","name":5}]}"#, "name is a number"),
        (#"{"symbols":[7]}"#, "symbols[0] is a number"),
    ])
    func malformedSymbolListsAreBadAnswers(body: String, reason: String) async throws {
        let stub = try HTTPStub { _ in .json(body) }
        defer { stub.stop() }
        do {
            _ = try await provider(stub).symbols(market: nil)
            Issue.record("\(body) was accepted")
        } catch {
            guard case .badAnswer(let text) = error else { Issue.record("\(body): \(error)"); return }
            #expect(text.contains(reason), "\(text)")
        }
    }
}
