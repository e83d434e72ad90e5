import Connectors
import HTTPStub
import Testing

@Suite struct HTTPClientTests {
    @Test func answersWithStatusHeadersAndBody() async throws {
        let stub = try HTTPStub { request in
            .json("{\"path\":\"\(request.target)\",\"method\":\"\(request.method)\",\"body\":\"\(request.bodyText)\"}", status: 201)
        }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5))
        let response = try await client.send(HTTPClientRequest(
            method: "POST", url: stub.baseURL + "/a/b?x=1", headers: [(name: "X-Test", value: "yes")], body: Array("hi".utf8)))
        #expect(response.status == 201)
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"path":"/a/b?x=1","method":"POST","body":"hi"}"#)
        #expect(stub.requests.first?.headers["x-test"] == "yes")
    }

    @Test func refusesAnswersOverTheLimit() async throws {
        let stub = try HTTPStub { _ in StubResponse(body: [UInt8](repeating: 65, count: 100_000)) }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5, maxResponseBytes: 10_000))
        await #expect(throws: HTTPClientError.tooLarge(limit: 10_000)) {
            try await client.send(HTTPClientRequest(url: stub.baseURL + "/big"))
        }
        let roomy = HTTPClient(settings: HTTPClientSettings(timeout: 5, maxResponseBytes: 100_000))
        #expect(try await roomy.send(HTTPClientRequest(url: stub.baseURL + "/big")).body.count == 100_000)
    }

    @Test func timesOut() async throws {
        let stub = try HTTPStub { _ in .json("{}", delay: 3) }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 1, retries: 0))
        let started = ContinuousClock.now
        await #expect(throws: HTTPClientError.timedOut(seconds: 1)) {
            try await client.send(HTTPClientRequest(url: stub.baseURL + "/slow"))
        }
        let waited = ContinuousClock.now - started
        #expect(waited >= .seconds(0.9) && waited < .seconds(2.5), "waited \(waited)")
    }

    @Test func timeoutsAreWholeSeconds() {
        #expect(HTTPClientSettings(timeout: 0.5).timeout == 1)
        #expect(HTTPClientSettings(timeout: 2.2).timeout == 3)
        #expect(HTTPClientSettings(timeout: .nan).timeout == 1)
    }

    @Test func unreachableHostAndBadURL() async throws {
        let stub = try HTTPStub { _ in .json("{}") }
        let port = stub.port
        stub.stop()
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 2, retries: 0))
        await #expect(throws: HTTPClientError.unreachable("connection refused")) {
            try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"))
        }
        await #expect(throws: HTTPClientError.invalidURL) { try await client.send(HTTPClientRequest(url: "ftp://example.com/x")) }
        await #expect(throws: HTTPClientError.invalidURL) { try await client.send(HTTPClientRequest(url: "not a url")) }
    }

    @Test func retriesServerErrorsWithBackoff() async throws {
        let stub = try HTTPStub { _ in .json("{}", status: 503) }
        defer { stub.stop() }
        stub.respond { request in .json("{}", status: 503) }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 2, retries: 2, initialBackoff: 0.05))
        let response = try await client.sendRetrying(HTTPClientRequest(url: stub.baseURL + "/flaky"))
        #expect(response.status == 503)
        #expect(stub.requests.count == 3)

        // A success after one failure ends the retries; a 4xx is not retried.
        let counter = Counter()
        stub.respond { _ in counter.next() == 0 ? .json("{}", status: 500) : .json("{\"ok\":true}") }
        #expect(try await client.sendRetrying(HTTPClientRequest(url: stub.baseURL + "/once")).status == 200)
        stub.respond { _ in .json("{}", status: 404) }
        let before = stub.requests.count
        #expect(try await client.sendRetrying(HTTPClientRequest(url: stub.baseURL + "/missing")).status == 404)
        #expect(stub.requests.count == before + 1)
    }

    @Test func errorsNeverNameTheURL() {
        let secret = "123456:SECRET"
        for error: HTTPClientError in [.invalidURL, .timedOut(seconds: 1), .unreachable("host not found"), .tooLarge(limit: 1), .transport("x")] {
            #expect(!error.description.contains(secret))
        }
    }
}

import Synchronization

final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
