@testable import Connectors
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

    /// The whole attempt is bounded, to the fraction of a second.
    @Test(arguments: [1.0, 0.3]) func timesOut(seconds: Double) async throws {
        let stub = try HTTPStub { _ in .json("{}", delay: seconds + 1.5) }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: seconds, retries: 0))
        let started = ContinuousClock.now
        await #expect(throws: HTTPClientError.timedOut(seconds: seconds)) {
            try await client.send(HTTPClientRequest(url: stub.baseURL + "/slow"))
        }
        let waited = ContinuousClock.now - started
        #expect(waited >= .seconds(seconds * 0.9) && waited < .seconds(seconds + 1), "waited \(waited)")
    }

    @Test func timeoutsThatAreNotPositiveNumbersAreOneSecond() {
        #expect(HTTPClientSettings(timeout: 0.5).timeout == 0.5)
        #expect(HTTPClientSettings(timeout: .nan).timeout == 1)
        #expect(HTTPClientSettings(timeout: -3).timeout == 1)
    }

    @Test func cancellingTheTaskEndsTheAttempt() async throws {
        let stub = try HTTPStub { _ in .json("{}", delay: 3) }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 10, retries: 0))
        let started = ContinuousClock.now
        let task = Task { try await client.send(HTTPClientRequest(url: stub.baseURL + "/slow")) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect(throws: HTTPClientError.transport("cancelled")) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(1.5))
    }

    @Test func followsRedirectsAsBrowsersDo() async throws {
        let other = try HTTPStub { request in .json("{\"method\":\"\(request.method)\"}") }
        defer { other.stop() }
        let stub = try HTTPStub { request in
            switch request.path {
            case "/moved": StubResponse(status: 301, headers: [("Location", "/here?x=1")])
            case "/see-other": StubResponse(status: 303, headers: [("Location", "here")])
            case "/keep": StubResponse(status: 307, headers: [("Location", "/here")])
            case "/away": StubResponse(status: 302, headers: [("Location", other.baseURL + "/there")])
            case "/loop": StubResponse(status: 302, headers: [("Location", "/loop")])
            default: .json("{\"method\":\"\(request.method)\",\"body\":\"\(request.bodyText)\"}")
            }
        }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5, retries: 0))
        let moved = try await client.send(HTTPClientRequest(url: stub.baseURL + "/moved"))
        #expect(moved.status == 200)
        #expect(stub.requests.last?.target == "/here?x=1")

        // 303 after a POST continues as a GET without the body; 307 keeps method and body.
        let seeOther = try await client.send(HTTPClientRequest(method: "POST", url: stub.baseURL + "/see-other", body: Array("hi".utf8)))
        #expect(String(decoding: seeOther.body, as: UTF8.self) == #"{"method":"GET","body":""}"#)
        let kept = try await client.send(HTTPClientRequest(method: "POST", url: stub.baseURL + "/keep", body: Array("hi".utf8)))
        #expect(String(decoding: kept.body, as: UTF8.self) == #"{"method":"POST","body":"hi"}"#)

        // Credentials stay with their origin.
        _ = try await client.send(HTTPClientRequest(url: stub.baseURL + "/away", headers: [("Authorization", "Bearer secret"), ("X-Keep", "1")]))
        #expect(other.requests.last?.headers["authorization"] == nil)
        #expect(other.requests.last?.headers["x-keep"] == "1")

        // A loop ends after five redirects with the last one's answer.
        let before = stub.requests.count
        #expect(try await client.send(HTTPClientRequest(url: stub.baseURL + "/loop")).status == 302)
        #expect(stub.requests.count == before + 1 + HTTPClient.maxRedirects)
    }

    @Test func headersThatWouldSplitTheRequestAreRefusedBeforeSending() async throws {
        let stub = try HTTPStub { _ in .json("{}") }
        defer { stub.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 2, retries: 0))
        for header in [(name: "X-A", value: "1\r\nX-Injected: 2"), (name: "Bad Name", value: "1"), (name: "", value: "1")] {
            await #expect(throws: HTTPClientError.self) { try await client.send(HTTPClientRequest(url: stub.baseURL + "/", headers: [header])) }
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func unreachableHostAndBadURL() async throws {
        let closed = try RefusingPort()
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 2, retries: 0))
        await #expect(throws: HTTPClientError.unreachable("connection refused")) {
            try await client.send(HTTPClientRequest(url: closed.baseURL + "/"))
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
