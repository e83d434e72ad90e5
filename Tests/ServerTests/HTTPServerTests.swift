#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import XCTest
@testable import Server

/// The transport over real sockets: keep-alive, pipelining, limits, timeouts, shutdown.
final class HTTPServerTests: XCTestCase {
    /// Echoes method, path, query and body; `/slow` takes 300 ms; `/loop…` is answered on the
    /// event loop (`respondOnLoop`), marked `loop`.
    struct EchoResponder: HTTPResponder {
        func respondOnLoop(to request: HTTPRequest, context: HTTPRequestContext) -> HTTPResponse? {
            guard request.head.path.hasPrefix("/loop") else { return nil }
            return HTTPResponse(status: 200, contentType: "text/plain", body: Array("loop \(request.head.path)".utf8))
        }

        func respond(to request: HTTPRequest, context: HTTPRequestContext) async -> HTTPResponse {
            if request.head.path == "/slow" { try? await Task.sleep(for: .milliseconds(300)) }
            let text = "\(request.head.method) \(request.head.path) \(request.head.query) \(String(decoding: request.body, as: UTF8.self))"
            return HTTPResponse(status: 200, contentType: "text/plain", body: Array(text.utf8))
        }
    }

    private var server: HTTPServer!

    private func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.logRequests = false
        configure(&configuration)
        server = try HTTPServer(configuration: configuration, responder: EchoResponder())
        try server.start()
        return server.port
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
    }

    private func body(_ response: String) -> String {
        response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let client = try RawClient(port: try start())
        for index in 0..<3 {
            client.send("GET /a?i=\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = client.readResponses(1)
            XCTAssertEqual(response.count, 1)
            XCTAssertTrue(response.first?.hasPrefix("HTTP/1.1 200 OK\r\n") ?? false)
            XCTAssertEqual(body(response[0]), "GET /a i=\(index) ")
        }
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let client = try RawClient(port: try start())
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /c HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = client.readResponses(3)
        XCTAssertEqual(responses.map(body), ["GET /slow  ", "POST /b  abc", "GET /c  "])
    }

    /// Answers made on the loop and on the pool keep the order of pipelined requests.
    func testLoopAnswersKeepThePipelineInOrder() throws {
        let client = try RawClient(port: try start())
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /loop/a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: x\r\n\r\nGET /loop/b HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = client.readResponses(4)
        XCTAssertEqual(responses.map(body), ["GET /slow  ", "loop /loop/a", "GET /c  ", "loop /loop/b"])
    }

    /// Thousands of pipelined requests answered on the loop in one go are answered in order,
    /// one after the other (no recursion per request), and the connection stays usable.
    func testManyPipelinedLoopAnswers() throws {
        let client = try RawClient(port: try start())
        let count = 2_000
        client.send((0..<count).map { "GET /loop/\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
        let responses = client.readResponses(count, timeout: 20)
        XCTAssertEqual(responses.count, count)
        XCTAssertEqual(responses.map(body), (0..<count).map { "loop /loop/\($0)" })
        client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(client.readResponses(1).map(body), ["GET /after  "])
    }

    func testResponsesCarryDateLengthTypeAndRequestID() throws {
        let client = try RawClient(port: try start())
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n")
        let response = client.readResponses(1).first ?? ""
        for header in ["Content-Length: 7", "Content-Type: text/plain", "X-Request-Id: abc-123", "Date: ", "Connection: keep-alive"] {
            XCTAssertTrue(response.contains(header + (header.hasSuffix(" ") ? "" : "\r\n")) || response.contains(header), header)
        }
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Request-Id: bad id\r\n\r\n")
        let generated = client.readResponses(1).first ?? ""
        XCTAssertFalse(generated.contains("bad id"))
        XCTAssertTrue(generated.contains("X-Request-Id: "))
    }

    /// Each loop numbers its own request ids: across loops and connections they never repeat,
    /// and they keep the form `<8 hex digits>-<hex>`.
    func testGeneratedRequestIDsAreUniqueAcrossLoops() throws {
        let port = try start()
        var seen = Set<String>()
        for _ in 0..<8 {
            let client = try RawClient(port: port)
            client.send(String(repeating: "GET / HTTP/1.1\r\nHost: x\r\n\r\n", count: 25))
            for response in client.readResponses(25) {
                let line = response.split(separator: "\r\n").first { $0.hasPrefix("X-Request-Id: ") }
                let id = String(line?.dropFirst("X-Request-Id: ".count) ?? "")
                let parts = id.split(separator: "-")
                XCTAssertEqual(parts.count, 2, id)
                XCTAssertEqual(parts.first?.count, 8, id)
                XCTAssertTrue(id.allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase }, id)
                XCTAssertTrue(seen.insert(id).inserted, "\(id) repeated")
            }
        }
        XCTAssertEqual(seen.count, 200)
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try RawClient(port: try start())
        client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let result = client.read { _ in false }
        XCTAssertTrue(result.closed)
        XCTAssertTrue(result.text.contains("Connection: close"))
    }

    func testHTTP10ClosesUnlessKeepAlive() throws {
        let port = try start()
        let plain = try RawClient(port: port)
        plain.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertTrue(plain.read { _ in false }.closed)
        let kept = try RawClient(port: port)
        kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(kept.readResponses(1).count, 1)
        XCTAssertFalse(kept.waitForClose(timeout: 0.3))
    }

    func testHeadAnswersLikeGetWithoutBody() throws {
        let client = try RawClient(port: try start())
        client.send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\nGET /y HTTP/1.1\r\nHost: x\r\n\r\n")
        let text = client.read(timeout: 2) { $0.components(separatedBy: "HTTP/1.1 200").count > 2 && $0.hasSuffix("GET /y  ") }.text
        let parts = text.components(separatedBy: "HTTP/1.1 200 OK")
        XCTAssertEqual(parts.count, 3)
        XCTAssertTrue(parts[1].contains("Content-Length: 8"), "HEAD keeps the GET length")
        XCTAssertTrue(parts[1].hasSuffix("\r\n\r\n"), "HEAD has no body")
        XCTAssertTrue(parts[2].hasSuffix("GET /y  "))
    }

    func testChunkedBodyIsReassembled() throws {
        let client = try RawClient(port: try start())
        client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
        XCTAssertEqual(client.readResponses(1).map(body), ["POST /c  abcde"])
    }

    func testExpectContinueGetsInterimResponseBeforeBody() throws {
        let client = try RawClient(port: try start())
        client.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = client.read(timeout: 2) { $0.contains("\r\n\r\n") }.text
        XCTAssertEqual(interim, "HTTP/1.1 100 Continue\r\n\r\n")
        client.send("hello")
        XCTAssertEqual(client.readResponses(1).map(body), ["POST /e  hello"])
    }

    func testOversizedHeadersGet431AndClose() throws {
        let client = try RawClient(port: try start())
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 17_000) + "\r\n\r\n")
        let result = client.read { _ in false }
        XCTAssertTrue(result.text.hasPrefix("HTTP/1.1 431 "), result.text.prefix(40).description)
        XCTAssertTrue(result.closed)
    }

    func testOversizedBodyGets413BeforeItIsSent() throws {
        let client = try RawClient(port: try start())
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
        let result = client.read { _ in false }
        XCTAssertTrue(result.text.hasPrefix("HTTP/1.1 413 "))
        XCTAssertTrue(result.closed)
    }

    func testMalformedRequestGets400WithErrorBody() throws {
        let client = try RawClient(port: try start())
        client.send("GARBAGE\r\n\r\n")
        let result = client.read { _ in false }
        XCTAssertTrue(result.text.hasPrefix("HTTP/1.1 400 "))
        XCTAssertTrue(result.text.contains(#""code":"HTTP_400""#))
        XCTAssertTrue(result.closed)
    }

    func testSlowLorisConnectionIsAnswered408AndClosed() throws {
        let client = try RawClient(port: try start { $0.requestReadTimeout = 0.5 })
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        let result = client.read(timeout: 3) { _ in false }
        XCTAssertTrue(result.text.hasPrefix("HTTP/1.1 408 "))
        XCTAssertTrue(result.closed)
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let client = try RawClient(port: try start { $0.idleTimeout = 0.5 })
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(client.readResponses(1).count, 1)
        XCTAssertTrue(client.waitForClose(timeout: 3))
    }

    func testCORSPreflightAndResponseHeaders() throws {
        let client = try RawClient(port: try start { $0.corsAllowedOrigins = ["http://app.test"] })
        client.send("OPTIONS /api HTTP/1.1\r\nHost: x\r\nOrigin: http://app.test\r\nAccess-Control-Request-Method: POST\r\n\r\n")
        let preflight = client.readResponses(1).first ?? ""
        XCTAssertTrue(preflight.hasPrefix("HTTP/1.1 204 "))
        XCTAssertTrue(preflight.contains("Access-Control-Allow-Origin: http://app.test\r\n"))
        client.send("GET / HTTP/1.1\r\nHost: x\r\nOrigin: http://app.test\r\n\r\n")
        XCTAssertTrue((client.readResponses(1).first ?? "").contains("Access-Control-Allow-Origin: http://app.test\r\n"))
        client.send("GET / HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.test\r\n\r\n")
        XCTAssertFalse((client.readResponses(1).first ?? "").contains("Access-Control-Allow-Origin"))
    }

    func testRequestsBeyondTheInFlightLimitGet503() throws {
        let port = try start { $0.maxInFlightRequests = 1 }
        let first = try RawClient(port: port)
        first.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        let second = try RawClient(port: port)
        second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertTrue((second.readResponses(1).first ?? "").hasPrefix("HTTP/1.1 503 "))
        XCTAssertTrue((first.readResponses(1).first ?? "").hasPrefix("HTTP/1.1 200 "))
    }

    func testShutdownFinishesInFlightRequestsThenCloses() throws {
        let port = try start()
        let busy = try RawClient(port: port)
        let idle = try RawClient(port: port)
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        let started = Date()
        server.shutdown()
        server = nil
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let response = busy.read { _ in false }
        XCTAssertTrue(response.text.hasPrefix("HTTP/1.1 200 "), "the in-flight request was answered")
        XCTAssertTrue(response.text.contains("Connection: close"))
        XCTAssertTrue(idle.waitForClose(timeout: 1))
        XCTAssertThrowsError(try RawClient(port: port), "no longer accepting")
    }

    func testManyConnectionsAreSpreadAndServed() throws {
        let port = try start()
        let clients = try (0..<200).map { _ in try RawClient(port: port) }
        for client in clients { client.send("GET /m HTTP/1.1\r\nHost: x\r\n\r\n") }
        for client in clients { XCTAssertEqual(client.readResponses(1).map(body), ["GET /m  "]) }
    }
}
