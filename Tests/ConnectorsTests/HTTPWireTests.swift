@testable import Connectors
import Testing

/// The client's URL reading and response framing, without sockets: the reader is fed the
/// same bytes in chunks of every size, so each framing is read across every boundary.
@Suite struct HTTPWireTests {
    @Test func readsAbsoluteURLs() throws {
        let plain = try #require(HTTPTarget("http://Example.com/a/b?x=1#frag"))
        #expect(plain == HTTPTarget(secure: false, host: "example.com", port: 80, requestTarget: "/a/b?x=1"))
        #expect(plain.hostHeader == "example.com")
        let secure = try #require(HTTPTarget("HTTPS://api.example.com:8443?q=2"))
        #expect(secure == HTTPTarget(secure: true, host: "api.example.com", port: 8443, requestTarget: "/?q=2"))
        #expect(secure.hostHeader == "api.example.com:8443")
        let six = try #require(HTTPTarget("https://[::1]:9000"))
        #expect(six.host == "::1" && six.port == 9000 && six.requestTarget == "/" && six.hostIsAddress)
        #expect(six.hostHeader == "[::1]:9000")
        #expect(try #require(HTTPTarget("http://127.0.0.1/")).hostIsAddress)
        #expect(try !#require(HTTPTarget("https://localhost/")).hostIsAddress)
        for bad in ["ftp://x/", "not a url", "http://", "http://:80/", "http://a:0/", "http://a:65536/", "http://a:/",
                    "http://user:pw@a/", "http://a/b c", "http://[::1/", "http://[::1]x/", "http://a/\u{e9}"] {
            #expect(HTTPTarget(bad) == nil, "\(bad)")
        }
    }

    @Test func resolvesRedirectLocations() throws {
        let base = try #require(HTTPTarget("https://a.example/dir/page?x=1"))
        #expect(base.resolving("/root")?.requestTarget == "/root")
        #expect(base.resolving("next?y=2")?.requestTarget == "/dir/next?y=2")
        #expect(base.resolving("?y=2")?.requestTarget == "/dir/page?y=2")
        #expect(base.resolving("//b.example/p") == HTTPTarget("https://b.example/p"))
        #expect(base.resolving("http://c.example:81/q") == HTTPTarget("http://c.example:81/q"))
        #expect(base.resolving("") == nil)
    }

    @Test func readsEachFramingAcrossEveryChunkBoundary() throws {
        let cases: [(wire: String, status: Int, body: String)] = [
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello", 200, "hello"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n, world!!!\r\n0\r\nTrailer: t\r\n\r\n", 200, "hello, world!!!"),
            ("HTTP/1.0 201 Created\nContent-Type: text/plain\n\nuntil the end", 201, "until the end"),
            ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n", 204, ""),
        ]
        for (wire, status, body) in cases {
            let bytes = Array(wire.utf8)
            for size in 1...bytes.count {
                var reader = HTTPResponseReader(source: ScriptedSource(bytes, chunk: size), limit: 100)
                let response = try reader.read()
                #expect(response.status == status, "\(wire) in chunks of \(size)")
                #expect(String(decoding: response.body, as: UTF8.self) == body, "\(wire) in chunks of \(size)")
            }
        }
        var reader = HTTPResponseReader(source: ScriptedSource(Array(cases[0].wire.utf8), chunk: 7), limit: 100)
        #expect(try reader.read().headers == ["content-length": "5", "x-a": "1, 2"])
        var head = HTTPResponseReader(source: ScriptedSource(Array("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n".utf8), chunk: 4), limit: 100)
        #expect(try head.read(headRequest: true).body.isEmpty)
    }

    @Test func bodiesOverTheLimitAreRefusedInEveryFraming() {
        let wires = [
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n0123456789a",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n6789a\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\n0123456789a",
        ]
        for wire in wires {
            var reader = HTTPResponseReader(source: ScriptedSource(Array(wire.utf8), chunk: 3), limit: 10)
            #expect(throws: HTTPClientError.tooLarge(limit: 10), "\(wire)") { try reader.read() }
        }
    }

    @Test func malformedOrCutAnswersAreTransportFailures() {
        let wires = [
            "", "garbage\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nx", "HTTP/1.1 200 OK\r\nContent-Length: 2",
            "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000) + "\r\n\r\n",
        ]
        for wire in wires {
            var reader = HTTPResponseReader(source: ScriptedSource(Array(wire.utf8), chunk: 1000), limit: 100)
            #expect(throws: HTTPClientError.transport("malformed answer"), "\(wire.prefix(60))") { try reader.read() }
        }
    }

    @Test func theRequestHeadCarriesHostFramingAndTheCallersHeaders() throws {
        let target = try #require(HTTPTarget("http://127.0.0.1:8080/a?b=1"))
        let request = HTTPClientRequest(method: "POST", url: "", headers: [("Accept", "application/json"), ("Content-Length", "99")],
                                        body: Array("{}".utf8))
        #expect(String(decoding: HTTPClient.head(of: request, at: target), as: UTF8.self) == """
            POST /a?b=1 HTTP/1.1\r
            Host: 127.0.0.1:8080\r
            Connection: close\r
            User-Agent: trading-server\r
            Accept-Encoding: identity\r
            Content-Length: 2\r
            Accept: application/json\r
            \r

            """)
    }
}

/// Bytes handed out `chunk` at a time, then the end of the stream.
private struct ScriptedSource: HTTPByteSource {
    let bytes: [UInt8]
    let chunk: Int
    var offset = 0

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        let count = min(chunk, buffer.count, bytes.count - offset)
        bytes[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += count
        return count
    }
}
