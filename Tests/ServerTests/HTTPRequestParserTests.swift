import XCTest
@testable import Server

/// The incremental HTTP/1.1 request parser: framing, limits, pipelining and arbitrary splits.
final class HTTPRequestParserTests: XCTestCase {
    // MARK: Requests

    func testSimpleGETYieldsItsHeadAndNoBody() throws {
        let outcome = Self.parse("GET /orders?symbol=AAPL&side=buy HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n")
        XCTAssertNil(outcome.error)
        let request = try XCTUnwrap(outcome.requests.first)
        XCTAssertEqual(outcome.requests.count, 1)
        XCTAssertEqual(request.head.method, "GET")
        XCTAssertEqual(request.head.target, "/orders?symbol=AAPL&side=buy")
        XCTAssertEqual(request.head.path, "/orders")
        XCTAssertEqual(request.head.query, "symbol=AAPL&side=buy")
        XCTAssertEqual(request.head.version, .http1_1)
        XCTAssertEqual(request.head.headers, HTTPHeaders([("Host", "example.com"), ("Accept", "*/*")]))
        XCTAssertEqual(request.body, [])
        XCTAssertTrue(request.head.keepAlive)
    }

    func testPathWithoutQueryHasAnEmptyQuery() throws {
        let request = try XCTUnwrap(Self.parse("GET /health HTTP/1.1\r\nHost: a\r\n\r\n").requests.first)
        XCTAssertEqual(request.head.path, "/health")
        XCTAssertEqual(request.head.query, "")
    }

    func testPOSTWithContentLengthYieldsItsBody() throws {
        let outcome = Self.parse("POST /orders HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\n\r\n{\"qty\": 100}\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("{\"qty\": 100}\n".utf8)])
    }

    func testRequestSplitAtEveryByteBoundaryYieldsTheSameRequest() throws {
        let input = Array("POST /orders HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"qty\": 10}".utf8)
        let expected = try XCTUnwrap(Self.parse(input).requests.first)
        XCTAssertEqual(expected.body, Array("{\"qty\": 10}".utf8))
        for split in 0...input.count {
            let outcome = Self.parse(pieces: [Array(input[..<split]), Array(input[split...])])
            XCTAssertNil(outcome.error, "split at \(split)")
            XCTAssertEqual(outcome.requests, [expected], "split at \(split)")
        }
    }

    func testRequestFedOneByteAtATimeYieldsTheSameRequest() throws {
        let input = Array("POST /orders HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8)
        let expected = try XCTUnwrap(Self.parse(input).requests.first)
        let outcome = Self.parse(pieces: input.map { [$0] })
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests, [expected])
    }

    func testHeadAtTheDefaultLimitFedOneByteAtATimeIsAccepted() throws {
        // Resuming the blank-line search where it stopped keeps this linear, not 16 KiB squared.
        let limits = HTTPParserLimits()
        let input = Self.head(ofLength: limits.maxHeaderBytes)
        let outcome = Self.parse(pieces: input.map { [$0] }, limits: limits)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.count, 1)
    }

    func testPipelinedRequestsInOneAppendComeOutInOrder() {
        let outcome = Self.parse(
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
                + "DELETE /c HTTP/1.1\r\nHost: a\r\n\r\n"
        )
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.head.method), ["GET", "POST", "DELETE"])
        XCTAssertEqual(outcome.requests.map(\.head.target), ["/a", "/b", "/c"])
        XCTAssertEqual(outcome.requests.map(\.body), [[], Array("xyz".utf8), []])
    }

    func testEmptyLinesBeforeARequestLineAreSkipped() {
        let outcome = Self.parse("\r\n\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.head.target), ["/"])
    }

    func testBareLFLineEndingsAreAccepted() {
        let outcome = Self.parse("POST /x HTTP/1.1\nHost: a\nContent-Length: 2\n\nok")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("ok".utf8)])
        XCTAssertEqual(outcome.requests.first?.head.headers["content-length"], "2")
    }

    func testHeaderValuesAreTrimmedAndKeepTheirNameSpelling() throws {
        let request = try XCTUnwrap(Self.parse("GET / HTTP/1.1\r\nhOsT: \t a b \t\r\nX-Empty:\r\n\r\n").requests.first)
        XCTAssertEqual(Array(request.head.headers.map(\.name)), ["hOsT", "X-Empty"])
        XCTAssertEqual(request.head.headers["Host"], "a b")
        XCTAssertEqual(request.head.headers["x-empty"], "")
    }

    func testHeaderValuesDecodeAsUTF8WhenValidAndAsLatin1Otherwise() throws {
        let head = Array("GET / HTTP/1.1\r\nHost: a\r\nX-UTF8: caf".utf8) + [0xC3, 0xA9]
            + Array("\r\nX-Latin1: caf".utf8) + [0xE9] + Array("\r\n\r\n".utf8)
        let request = try XCTUnwrap(Self.parse(head).requests.first)
        XCTAssertEqual(request.head.headers["X-UTF8"], "café")
        XCTAssertEqual(request.head.headers["X-Latin1"], "café")
    }

    func testAbsoluteFormTargetIsReducedToItsPathAndQuery() {
        let outcome = Self.parse(
            "GET http://example.com:8080/orders?id=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"
                + "GET HTTPS://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"
                + "GET http://example.com?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"
        )
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.head.target), ["/orders?id=1", "/", "/?x=1"])
    }

    func testAsteriskTargetIsAcceptedForOPTIONS() {
        let outcome = Self.parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.head.target), ["*"])
    }

    func testHEADRequestHasNoBodyAndKeepsItsMethod() {
        let outcome = Self.parse("HEAD /orders HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.head.method), ["HEAD", "GET"])
        XCTAssertEqual(outcome.requests.first?.body, [])
    }

    func testGETWithABodyHasItsBodyRead() {
        let outcome = Self.parse("GET /search HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("{}".utf8)])
    }

    func testRepeatedIdenticalContentLengthsAreAccepted() {
        let outcome = Self.parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("abc".utf8)])
    }

    // MARK: Keep-alive

    func testHTTP10ClosesByDefault() throws {
        let request = try XCTUnwrap(Self.parse("GET / HTTP/1.0\r\n\r\n").requests.first)
        XCTAssertEqual(request.head.version, .http1_0)
        XCTAssertFalse(request.head.keepAlive)
    }

    func testHTTP10KeepsAliveWhenAsked() throws {
        let request = try XCTUnwrap(Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first)
        XCTAssertTrue(request.head.keepAlive)
    }

    func testHTTP11ConnectionCloseEndsTheConnection() throws {
        let request = try XCTUnwrap(Self.parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: TE, close\r\n\r\n").requests.first)
        XCTAssertFalse(request.head.keepAlive)
    }

    // MARK: Chunked bodies

    private static let chunkedRequest = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
        + "4;name=value\r\nWiki\r\n5 ; ext=\"q\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
        + "0\r\nExpires: never\r\nX-Checksum: 1\r\n\r\n"

    func testChunkedBodyIsDechunkedIgnoringExtensionsAndTrailers() throws {
        let outcome = Self.parse(Self.chunkedRequest + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.count, 2)
        XCTAssertEqual(outcome.requests.first?.body, Array("Wikipedia in\r\n\r\nchunks.".utf8))
        XCTAssertNil(outcome.requests.first?.head.headers["Expires"])
        XCTAssertEqual(outcome.requests.last?.head.target, "/next")
    }

    func testChunkedBodySplitAtEveryByteBoundaryYieldsTheSameRequest() throws {
        let input = Array(Self.chunkedRequest.utf8)
        let expected = try XCTUnwrap(Self.parse(input).requests.first)
        for split in 0...input.count {
            let outcome = Self.parse(pieces: [Array(input[..<split]), Array(input[split...])])
            XCTAssertNil(outcome.error, "split at \(split)")
            XCTAssertEqual(outcome.requests, [expected], "split at \(split)")
        }
        XCTAssertEqual(Self.parse(pieces: input.map { [$0] }).requests, [expected])
    }

    func testChunkedBodyWithBareLFLineEndingsIsAccepted() {
        let outcome = Self.parse("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("abc".utf8)])
    }

    // MARK: Expect: 100-continue

    func testExpectContinueComesBeforeTheRequestWhenTheBodyHasNotArrived() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\nhe".utf8))
        guard case .expectContinue(let head) = try parser.next() else {
            return XCTFail("expected expectContinue")
        }
        XCTAssertEqual(head.target, "/x")
        XCTAssertNil(try parser.next())
        parser.append(Array("llo".utf8))
        XCTAssertEqual(try parser.next(), .request(HTTPRequest(head: head, body: Array("hello".utf8))))
    }

    func testExpectContinueComesOnceWhenTheBodyTricklesIn() throws {
        let input = Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".utf8)
        let outcome = Self.parse(pieces: input.map { [$0] })
        XCTAssertEqual(outcome.continues, 1)
        XCTAssertEqual(outcome.requests.map(\.body), [Array("abc".utf8)])
    }

    func testExpectContinueIsSkippedWhenTheBodyIsAlreadyBuffered() {
        let fixed = Self.parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        XCTAssertEqual(fixed.continues, 0)
        XCTAssertEqual(fixed.requests.count, 1)
        let chunked = Self.parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
        XCTAssertEqual(chunked.continues, 0)
        XCTAssertEqual(chunked.requests.count, 1)
    }

    func testExpectContinueIsSkippedWithoutABodyOrOnHTTP10() {
        let empty = Self.parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n")
        XCTAssertEqual(empty.continues, 0)
        XCTAssertEqual(empty.requests.count, 1)
        let old = Self.parse("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        XCTAssertEqual(old.continues, 0)
        XCTAssertEqual(old.requests.count, 0)
    }

    // MARK: Errors

    func testMalformedRequestsAreRejectedWith400() {
        let cases: [(String, String)] = [
            ("bad method character", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("missing version", "GET /\r\nHost: a\r\n\r\n"),
            ("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
            ("two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n"),
            ("space after version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"),
            ("double space", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("target not origin-form", "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("tab in target", "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("asterisk for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
            ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
            ("header without colon", "GET / HTTP/1.1\r\nHost: a\r\nX-Flag\r\n\r\n"),
            ("empty header name", "GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n"),
            ("obsolete line folding", "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n"),
            ("NUL in header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n"),
            ("CR in header value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n"),
            ("Content-Length with letters", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 12a\r\n\r\n"),
            ("negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
            ("conflicting Content-Length fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
            ("conflicting Content-Length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd"),
            ("Transfer-Encoding and Content-Length",
             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
            ("chunked not last", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
            ("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            ("bad chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            ("space after chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n"),
            ("chunk size overflow", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n"),
            ("missing CRLF after chunk data", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"),
            ("malformed trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n"),
            ("missing Host on HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"),
            ("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ]
        for (name, input) in cases {
            let error = Self.parse(input).error
            guard case .malformed = error else {
                XCTFail("\(name): expected malformed, got \(String(describing: error))")
                continue
            }
            XCTAssertEqual(error?.status, 400, name)
        }
    }

    func testHeadOfExactlyMaxHeaderBytesIsAcceptedAndOneByteMoreIsRejected() {
        let limits = HTTPParserLimits(maxHeaderBytes: 128)
        let atLimit = Self.parse(Self.head(ofLength: 128), limits: limits)
        XCTAssertNil(atLimit.error)
        XCTAssertEqual(atLimit.requests.count, 1)
        let overLimit = Self.parse(Self.head(ofLength: 129), limits: limits)
        XCTAssertEqual(overLimit.error, .headersTooLarge)
        XCTAssertEqual(overLimit.error?.status, 431)
    }

    func testOversizedHeadIsRejectedBeforeItsBlankLineArrives() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxHeaderBytes: 128))
        let unfinished = Array(Self.head(ofLength: 200).prefix(128))
        parser.append(unfinished)
        XCTAssertNil(try parser.next())
        parser.append([UInt8(ascii: "x")])
        XCTAssertThrowsError(try parser.next()) { XCTAssertEqual($0 as? HTTPParseError, .headersTooLarge) }
    }

    func testOversizedTrailerSectionIsRejected() {
        let trailer = "X-Pad: " + String(repeating: "p", count: 200) + "\r\n"
        let outcome = Self.parse(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + trailer + "\r\n",
            limits: HTTPParserLimits(maxHeaderBytes: 128)
        )
        XCTAssertEqual(outcome.error, .headersTooLarge)
    }

    func testContentLengthOverTheLimitIsRejectedAtTheHead() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 10))
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n".utf8))
        XCTAssertThrowsError(try parser.next()) { XCTAssertEqual($0 as? HTTPParseError, .bodyTooLarge) }
        XCTAssertEqual(HTTPParseError.bodyTooLarge.status, 413)
        let atLimit = Self.parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: HTTPParserLimits(maxBodyBytes: 10))
        XCTAssertEqual(atLimit.requests.count, 1)
        let huge = Self.parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        XCTAssertEqual(huge.error, .bodyTooLarge)
    }

    func testChunksOverTheLimitAreRejectedAsSoonAsTheirSizeIsKnown() throws {
        var parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 10))
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n".utf8))
        XCTAssertThrowsError(try parser.next()) { XCTAssertEqual($0 as? HTTPParseError, .bodyTooLarge) }
        let atLimit = Self.parse(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n",
            limits: HTTPParserLimits(maxBodyBytes: 10)
        )
        XCTAssertEqual(atLimit.requests.map(\.body), [Array("abcdefghij".utf8)])
    }

    func testTransferCodingOtherThanChunkedIsNotImplemented() {
        let outcome = Self.parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        XCTAssertEqual(outcome.error, .unsupportedTransferEncoding("gzip, chunked"))
        XCTAssertEqual(outcome.error?.status, 501)
    }

    func testHTTP2VersionIsNotSupported() {
        let outcome = Self.parse("GET / HTTP/2.0\r\nHost: a\r\n\r\n")
        XCTAssertEqual(outcome.error, .unsupportedVersion)
        XCTAssertEqual(outcome.error?.status, 505)
    }

    func testParserStaysPoisonedAfterAnError() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8))
        XCTAssertThrowsError(try parser.next())
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        for _ in 0..<2 {
            XCTAssertThrowsError(try parser.next()) {
                XCTAssertEqual($0 as? HTTPParseError, .malformed("whitespace between header field name and colon"))
            }
        }
        XCTAssertFalse(parser.isIdle)
    }

    // MARK: Connection handover and idleness

    func testTakeRemainingBytesReturnsWhatFollowsAnUpgradeRequest() throws {
        let frame: [UInt8] = [0x81, 0x82, 0x01, 0x02, 0x03, 0x04, 0x69, 0x6B]
        var parser = HTTPRequestParser()
        parser.append(Array("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n".utf8) + frame)
        guard case .request(let request) = try parser.next() else {
            return XCTFail("expected the upgrade request")
        }
        XCTAssertTrue(request.head.headers.containsToken("upgrade", in: "connection"))
        XCTAssertEqual(parser.bufferedByteCount, frame.count)
        XCTAssertEqual(parser.takeRemainingBytes(), frame)
        XCTAssertEqual(parser.bufferedByteCount, 0)
        XCTAssertTrue(parser.isIdle)
    }

    func testIsIdleOnlyWhenNoPartialRequestIsBuffered() throws {
        var parser = HTTPRequestParser()
        XCTAssertTrue(parser.isIdle)
        parser.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isIdle)
        parser.append(Array("st: a\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n".utf8))
        XCTAssertNotNil(try parser.next())
        XCTAssertFalse(parser.isIdle, "a second head is buffered")
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isIdle, "its body is awaited")
        parser.append(Array("ok\r\n".utf8))
        XCTAssertNotNil(try parser.next())
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.isIdle, "a trailing empty line is not a request")
    }

    // MARK: Headers

    func testHeaderLookupIgnoresCaseAndKeepsOrder() {
        var headers = HTTPHeaders([("Accept", "a"), ("X-Tag", "1"), ("x-tag", "2")])
        XCTAssertEqual(headers["ACCEPT"], "a")
        XCTAssertNil(headers["Missing"])
        XCTAssertEqual(headers.values("X-TAG"), ["1", "2"])
        headers.add(name: "X-Tag", value: "3")
        XCTAssertEqual(headers.count, 4)
        headers.replaceOrAdd(name: "x-TAG", value: "only")
        XCTAssertEqual(headers, HTTPHeaders([("Accept", "a"), ("X-Tag", "only")]))
        headers.replaceOrAdd(name: "Vary", value: "Origin")
        XCTAssertEqual(headers["vary"], "Origin")
    }

    func testContainsTokenMatchesWholeListElements() {
        let headers = HTTPHeaders([("Connection", "keep-alive ,  Upgrade"), ("connection", "TE")])
        XCTAssertTrue(headers.containsToken("upgrade", in: "CONNECTION"))
        XCTAssertTrue(headers.containsToken("te", in: "Connection"))
        XCTAssertFalse(headers.containsToken("keep", in: "Connection"))
        XCTAssertFalse(headers.containsToken("close", in: "Connection"))
    }

    // MARK: Fuzzing

    func testRandomAndMutatedInputsNeverTrapAndDoNotDependOnHowTheyAreSplit() {
        let seeds = [
            "GET /a?b=c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            "POST /orders HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
            Self.chunkedRequest,
            "GET / HTTP/1.0\r\n\r\nHEAD / HTTP/1.1\r\nHost: h\r\n\r\n",
            "PUT /x HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\nA;x=y\n0123456789\n0\nT: v\n\n",
        ].map { Array($0.utf8) }
        let interesting = Array("\r\n :;,0123456789abcdefABCDEF/?*".utf8) + [0, 0x09, 0x7F, 0x80, 0xC3, 0xFF]
        let limits = HTTPParserLimits(maxHeaderBytes: 96, maxBodyBytes: 24)
        var random = SplitMix64(seed: 0x5EED_CAFE)

        for iteration in 0..<20_000 {
            var input: [UInt8]
            if iteration % 10 == 0 {
                input = (0..<Int.random(in: 0...200, using: &random)).map { _ in
                    Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                }
            } else {
                input = seeds.randomElement(using: &random)! + (Bool.random(using: &random) ? seeds.randomElement(using: &random)! : [])
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    Self.mutate(&input, interesting: interesting, using: &random)
                }
            }
            var pieces: [[UInt8]] = []
            var start = 0
            while start < input.count {
                let end = min(input.count, start + Int.random(in: 1...16, using: &random))
                pieces.append(Array(input[start..<end]))
                start = end
            }

            let whole = Self.parse(pieces: [input], limits: limits)
            let split = Self.parse(pieces: pieces, limits: limits)
            XCTAssertEqual(whole.requests, split.requests, "iteration \(iteration)")
            XCTAssertEqual(whole.error, split.error, "iteration \(iteration)")
            XCTAssertTrue(split.poisonHeld, "iteration \(iteration)")
            XCTAssertFalse(whole.stalled || split.stalled, "iteration \(iteration)")
            XCTAssertLessThanOrEqual(split.continues, split.requests.count + 1, "iteration \(iteration)")
        }
    }

    // MARK: Helpers

    /// What a parser produced from a sequence of appends, draining events after each one.
    private struct Outcome {
        var requests: [HTTPRequest] = []
        var continues = 0
        var error: HTTPParseError?
        /// After the error, a further `next()` threw the same error again.
        var poisonHeld = true
        /// `next()` kept returning events without consuming input.
        var stalled = false
    }

    private static func parse(_ text: String, limits: HTTPParserLimits = .init()) -> Outcome {
        parse(pieces: [Array(text.utf8)], limits: limits)
    }

    private static func parse(_ bytes: [UInt8], limits: HTTPParserLimits = .init()) -> Outcome {
        parse(pieces: [bytes], limits: limits)
    }

    private static func parse(pieces: [[UInt8]], limits: HTTPParserLimits = .init()) -> Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var outcome = Outcome()
        let totalBytes = pieces.reduce(0) { $0 + $1.count }
        for piece in pieces {
            if piece.count % 2 == 0 {
                parser.append(piece)
            } else {
                piece.withUnsafeBytes { parser.append($0) }
            }
            do {
                // Every event consumes a byte, except one 100-continue per request: more means a loop.
                var drained = 0
                while let event = try parser.next() {
                    drained += 1
                    if drained > 2 * totalBytes + 2 {
                        outcome.stalled = true
                        return outcome
                    }
                    switch event {
                    case .request(let request): outcome.requests.append(request)
                    case .expectContinue: outcome.continues += 1
                    }
                }
            } catch {
                outcome.error = error
                do {
                    _ = try parser.next()
                    outcome.poisonHeld = false
                } catch {
                    outcome.poisonHeld = error == outcome.error
                }
                return outcome
            }
        }
        return outcome
    }

    /// A GET head of exactly `length` bytes, padded with one header field; length must be at least 40.
    private static func head(ofLength length: Int) -> [UInt8] {
        let prefix = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: "
        let suffix = "\r\n\r\n"
        return Array((prefix + String(repeating: "p", count: length - prefix.utf8.count - suffix.utf8.count) + suffix).utf8)
    }

    private static func mutate(_ input: inout [UInt8], interesting: [UInt8], using random: inout SplitMix64) {
        guard !input.isEmpty else {
            input.append(interesting.randomElement(using: &random)!)
            return
        }
        let index = Int.random(in: 0..<input.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: input[index] = interesting.randomElement(using: &random)!
        case 1: input.insert(interesting.randomElement(using: &random)!, at: index)
        case 2: input.remove(at: index)
        case 3: input.insert(contentsOf: input[index..<min(input.count, index + 8)], at: index)
        default: input.removeLast(Int.random(in: 0...(input.count - index), using: &random))
        }
    }
}
