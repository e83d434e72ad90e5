import XCTest
@testable import Server

/// The WebSocket codec against RFC 6455: handshake, framing, reassembly, validation.
final class WebSocketCodecTests: XCTestCase {
    /// The masking key of the RFC 6455 §5.7 examples.
    private let rfcKey: (UInt8, UInt8, UInt8, UInt8) = (0x37, 0xFA, 0x21, 0x3D)

    // MARK: Handshake

    private let validUpgradeHeaders: [(name: String, value: String)] = [
        (name: "Host", value: "server.example.com"),
        (name: "Upgrade", value: "websocket"),
        (name: "Connection", value: "Upgrade"),
        (name: "Sec-WebSocket-Key", value: "dGhlIHNhbXBsZSBub25jZQ=="),
        (name: "Sec-WebSocket-Version", value: "13"),
    ]

    private func headers(
        replacing name: String, with value: String?
    ) -> [(name: String, value: String)] {
        var headers = validUpgradeHeaders.filter { $0.name != name }
        if let value { headers.append((name: name, value: value)) }
        return headers
    }

    private func handshakeError(
        method: String = "GET", versionMinor: Int = 1, headers: [(name: String, value: String)]
    ) -> WebSocketHandshakeError? {
        if case .failure(let error) = WebSocketHandshake.accept(method: method, versionMinor: versionMinor, headers: HTTPHeaders(headers)) {
            return error
        }
        return nil
    }

    func testAcceptValueMatchesRFC6455Example() {
        XCTAssertEqual(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    func testHandshakeAcceptsUpgradeAmongConnectionTokens() throws {
        let request = headers(replacing: "Connection", with: "keep-alive, Upgrade")
        let response = try WebSocketHandshake.accept(method: "GET", versionMinor: 1, headers: HTTPHeaders(request)).get()
        XCTAssertEqual(response.map(\.name), ["Upgrade", "Connection", "Sec-WebSocket-Accept"])
        XCTAssertEqual(response.map(\.value), ["websocket", "Upgrade", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="])
    }

    func testHandshakeMatchesHeaderNamesAndTokensCaseInsensitively() {
        let request: [(name: String, value: String)] = [
            (name: "upgrade", value: "WebSocket"),
            (name: "CONNECTION", value: "UPGRADE"),
            (name: "sec-websocket-key", value: " dGhlIHNhbXBsZSBub25jZQ== "),
            (name: "sec-websocket-version", value: "13"),
        ]
        XCTAssertNil(handshakeError(headers: request))
    }

    func testHandshakeRejectsMissingKey() {
        XCTAssertEqual(handshakeError(headers: headers(replacing: "Sec-WebSocket-Key", with: nil))?.status, 400)
    }

    func testHandshakeRejectsKeyThatIsNotSixteenBytes() {
        XCTAssertEqual(handshakeError(headers: headers(replacing: "Sec-WebSocket-Key", with: "dGhlIHNhbXBsZQ=="))?.status, 400)
        XCTAssertEqual(handshakeError(headers: headers(replacing: "Sec-WebSocket-Key", with: "not base64 at all!!!!!!!"))?.status, 400)
    }

    func testHandshakeRejectsVersion8With426NamingVersion13() throws {
        let error = try XCTUnwrap(handshakeError(headers: headers(replacing: "Sec-WebSocket-Version", with: "8")))
        XCTAssertEqual(error.status, 426)
        XCTAssertEqual(error.headers.map(\.name), ["Sec-WebSocket-Version"])
        XCTAssertEqual(error.headers.map(\.value), ["13"])
    }

    func testHandshakeRejectsPost() {
        XCTAssertEqual(handshakeError(method: "POST", headers: validUpgradeHeaders)?.status, 400)
    }

    func testHandshakeRejectsHTTP10() {
        XCTAssertEqual(handshakeError(versionMinor: 0, headers: validUpgradeHeaders)?.status, 400)
    }

    func testHandshakeRejectsMissingUpgradeToken() {
        XCTAssertEqual(handshakeError(headers: headers(replacing: "Upgrade", with: "h2c"))?.status, 400)
    }

    func testHandshakeRejectsConnectionWithoutUpgrade() {
        XCTAssertEqual(handshakeError(headers: headers(replacing: "Connection", with: "keep-alive"))?.status, 400)
    }

    // MARK: Frame parsing

    private func parseAll(
        _ bytes: [UInt8], requireMasking: Bool = true, maxFrameSize: Int = 1 << 20
    ) throws(WebSocketProtocolError) -> [WebSocketFrame] {
        var parser = WebSocketFrameParser(maxFrameSize: maxFrameSize, requireMasking: requireMasking)
        parser.append(bytes)
        var frames: [WebSocketFrame] = []
        while let frame = try parser.next() { frames.append(frame) }
        return frames
    }

    private func assertProtocolError(
        _ expected: WebSocketCloseCode, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws(WebSocketProtocolError) -> Void
    ) {
        do {
            try body()
            XCTFail("expected close code \(expected.rawValue)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.code, expected, error.reason, file: file, line: line)
        }
    }

    func testParsesRFCMaskedHelloFrame() throws {
        let bytes: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        XCTAssertEqual(try parseAll(bytes), [WebSocketFrame(fin: true, opcode: .text, payload: Array("Hello".utf8))])
    }

    func testParsesRFCUnmaskedFragmentsWhenMaskingIsNotRequired() throws {
        let bytes: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F]
        XCTAssertEqual(try parseAll(bytes, requireMasking: false), [
            WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
            WebSocketFrame(fin: true, opcode: .continuation, payload: Array("lo".utf8)),
        ])
    }

    func testParsesRFCPingAndMaskedPong() throws {
        let bytes: [UInt8] = [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
            + [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        XCTAssertEqual(try parseAll(bytes, requireMasking: false), [
            WebSocketFrame(opcode: .ping, payload: Array("Hello".utf8)),
            WebSocketFrame(opcode: .pong, payload: Array("Hello".utf8)),
        ])
    }

    func testParsesRFC256ByteBinaryWith16BitLength() throws {
        let payload = (0..<256).map { UInt8(truncatingIfNeeded: $0) }
        let frames = try parseAll([0x82, 0x7E, 0x01, 0x00] + payload, requireMasking: false)
        XCTAssertEqual(frames, [WebSocketFrame(opcode: .binary, payload: payload)])
    }

    func testParsesRFC64KiBBinaryWith64BitLength() throws {
        let payload = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let header: [UInt8] = [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]
        XCTAssertEqual(try parseAll(header + payload, requireMasking: false), [WebSocketFrame(opcode: .binary, payload: payload)])
    }

    func testAcceptsNonMinimalLengthEncoding() throws {
        let bytes: [UInt8] = [0x81, 0xFE, 0x00, 0x05, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        XCTAssertEqual(try parseAll(bytes), [WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))])
    }

    func testUnmasksLargePayloadWithUnalignedTail() throws {
        let payload = (0..<(1 << 20) + 3).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let frame = WebSocketFrameEncoder.encodeMasked(.binary, payload: payload, maskKey: rfcKey)
        XCTAssertEqual(try parseAll(frame, maxFrameSize: 2 << 20).first?.payload, payload)
    }

    func testSplittingAtEveryByteBoundaryYieldsTheSameFrames() throws {
        let stream = WebSocketFrameEncoder.encodeMasked(.text, payload: Array("Hel".utf8), fin: false, maskKey: rfcKey)
            + WebSocketFrameEncoder.encodeMasked(.ping, payload: Array("Hello".utf8), maskKey: (1, 2, 3, 4))
            + WebSocketFrameEncoder.encodeMasked(.continuation, payload: Array("lo".utf8), maskKey: rfcKey)
            + WebSocketFrameEncoder.encodeMasked(.binary, payload: (0..<300).map { UInt8($0 % 251) }, maskKey: (9, 8, 7, 6))
            + WebSocketFrameEncoder.encodeMasked(.close, payload: [0x03, 0xE8], maskKey: rfcKey)
        let expected = try parseAll(stream)
        XCTAssertEqual(expected.count, 5)
        for split in 0...stream.count {
            var parser = WebSocketFrameParser()
            var frames: [WebSocketFrame] = []
            parser.append(Array(stream[..<split]))
            while let frame = try parser.next() { frames.append(frame) }
            stream[split...].withUnsafeBytes { parser.append($0) }
            while let frame = try parser.next() { frames.append(frame) }
            XCTAssertEqual(frames, expected, "split at \(split)")
        }
    }

    func testRejectsUnmaskedClientFrame() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try parseAll([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        }
    }

    func testRejectsReservedBits() {
        for first: UInt8 in [0xC1, 0xA1, 0x91] {
            assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
                _ = try parseAll([first, 0x80, 1, 2, 3, 4])
            }
        }
    }

    func testRejectsReservedOpcodes() {
        for opcode: UInt8 in [3, 4, 5, 6, 7, 11, 12, 13, 14, 15] {
            assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
                _ = try parseAll([0x80 | opcode, 0x80, 1, 2, 3, 4])
            }
        }
    }

    func testRejectsFragmentedControlFrame() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try parseAll([0x09, 0x80, 1, 2, 3, 4])
        }
    }

    func testRejectsControlFrameLongerThan125Bytes() {
        // Only the two-byte header is needed to refuse it.
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try parseAll([0x89, 0xFE])
        }
    }

    func testRejects64BitLengthWithHighBitSet() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try parseAll([0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0], maxFrameSize: .max)
        }
    }

    func testRejectsOversizedFrameBeforeItsPayloadArrives() {
        // 1001 bytes announced, none sent.
        assertProtocolError(.messageTooBig) { () throws(WebSocketProtocolError) in
            _ = try parseAll([0x82, 0xFE, 0x03, 0xE9], maxFrameSize: 1000)
        }
    }

    func testKeepsThrowingAfterAnError() throws {
        var parser = WebSocketFrameParser()
        parser.append([0x81, 0x05])
        for _ in 0..<2 {
            assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in _ = try parser.next() }
        }
    }

    // MARK: Message assembly

    private func assemble(
        _ frames: [WebSocketFrame], maxMessageSize: Int = 1 << 20
    ) throws(WebSocketProtocolError) -> [WebSocketEvent] {
        var assembler = WebSocketMessageAssembler(maxMessageSize: maxMessageSize)
        var events: [WebSocketEvent] = []
        for frame in frames {
            if let event = try assembler.push(frame) { events.append(event) }
        }
        return events
    }

    func testJoinsFragmentsIntoOneMessage() throws {
        let events = try assemble([
            WebSocketFrame(fin: false, opcode: .binary, payload: [1, 2]),
            WebSocketFrame(fin: false, opcode: .continuation, payload: []),
            WebSocketFrame(fin: true, opcode: .continuation, payload: [3]),
        ])
        XCTAssertEqual(events, [.binary([1, 2, 3])])
    }

    func testReturnsPingInterleavedInFragmentedMessageImmediately() throws {
        var assembler = WebSocketMessageAssembler()
        XCTAssertNil(try assembler.push(WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8))))
        XCTAssertEqual(try assembler.push(WebSocketFrame(opcode: .ping, payload: [7])), .ping([7]))
        XCTAssertEqual(try assembler.push(WebSocketFrame(opcode: .continuation, payload: Array("lo".utf8))), .text("Hello"))
    }

    func testRejectsContinuationWithoutStartedMessage() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try assemble([WebSocketFrame(opcode: .continuation, payload: [1])])
        }
    }

    func testRejectsNewMessageWhileFragmentedMessageIsInProgress() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in
            _ = try assemble([
                WebSocketFrame(fin: false, opcode: .text, payload: [0x41]),
                WebSocketFrame(fin: true, opcode: .binary, payload: [1]),
            ])
        }
    }

    func testRejectsMessageTooBigAcrossFragments() {
        assertProtocolError(.messageTooBig) { () throws(WebSocketProtocolError) in
            _ = try assemble([
                WebSocketFrame(fin: false, opcode: .binary, payload: [UInt8](repeating: 0, count: 6)),
                WebSocketFrame(fin: true, opcode: .continuation, payload: [UInt8](repeating: 0, count: 6)),
            ], maxMessageSize: 10)
        }
    }

    func testRejectsInvalidUTF8Text() {
        let invalid: [String: [UInt8]] = [
            "overlong solidus": [0xC0, 0xAF],
            "surrogate": [0xED, 0xA0, 0x80],
            "truncated sequence": [0x41, 0xE2, 0x82],
            "above U+10FFFF": [0xF4, 0x90, 0x80, 0x80],
        ]
        for (name, bytes) in invalid {
            do {
                _ = try assemble([WebSocketFrame(opcode: .text, payload: bytes)])
                XCTFail("\(name) accepted")
            } catch {
                XCTAssertEqual(error.code, .invalidPayload, name)
            }
        }
    }

    func testRejectsInvalidUTF8AtTheFragmentThatShowsIt() {
        var assembler = WebSocketMessageAssembler()
        assertProtocolError(.invalidPayload) { () throws(WebSocketProtocolError) in
            _ = try assembler.push(WebSocketFrame(fin: false, opcode: .text, payload: [0x41, 0xC0, 0xAF]))
        }
    }

    func testRejectsTextMessageEndingInsideASequenceAcrossFragments() {
        assertProtocolError(.invalidPayload) { () throws(WebSocketProtocolError) in
            _ = try assemble([
                WebSocketFrame(fin: false, opcode: .text, payload: [0x41, 0xF0, 0x9F]),
                WebSocketFrame(fin: true, opcode: .continuation, payload: [0x98]),
            ])
        }
    }

    func testAcceptsKoreanTextInOneFrame() throws {
        XCTAssertEqual(try assemble([WebSocketFrame(opcode: .text, payload: Array("반도체".utf8))]), [.text("반도체")])
    }

    func testAcceptsMultiByteScalarsSplitAcrossFragments() throws {
        let bytes = Array("반도체 😀".utf8)
        // Cut inside "도" (bytes 3-5) and inside the emoji (its last 4 bytes).
        let cuts = [0, 4, bytes.count - 2, bytes.count]
        let frames = (0..<cuts.count - 1).map { index in
            WebSocketFrame(
                fin: index == cuts.count - 2, opcode: index == 0 ? .text : .continuation,
                payload: Array(bytes[cuts[index]..<cuts[index + 1]]))
        }
        XCTAssertEqual(try assemble(frames), [.text("반도체 😀")])
    }

    // MARK: Close frames

    private func closeEvent(_ payload: [UInt8]) throws(WebSocketProtocolError) -> WebSocketEvent? {
        try assemble([WebSocketFrame(opcode: .close, payload: payload)]).first
    }

    func testEmptyCloseHasNoCode() throws {
        XCTAssertEqual(try closeEvent([]), .close(code: nil, reason: ""))
    }

    func testRejectsOneByteClosePayload() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in _ = try closeEvent([0x03]) }
    }

    func testRejectsCloseCode1005OnTheWire() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in _ = try closeEvent([0x03, 0xED]) }
    }

    func testRejectsCloseCode999() {
        assertProtocolError(.protocolError) { () throws(WebSocketProtocolError) in _ = try closeEvent([0x03, 0xE7]) }
    }

    func testAcceptsPrivateCloseCode3000WithReason() throws {
        XCTAssertEqual(try closeEvent([0x0B, 0xB8] + Array("bye".utf8)), .close(code: WebSocketCloseCode(rawValue: 3000), reason: "bye"))
    }

    func testRejectsCloseReasonThatIsNotUTF8() {
        assertProtocolError(.invalidPayload) { () throws(WebSocketProtocolError) in _ = try closeEvent([0x03, 0xE8, 0xC0, 0xAF]) }
    }

    func testCloseCodesValidOnTheWireFollowRFCAndRegistry() {
        let valid = (0...5000).filter { WebSocketCloseCode(rawValue: UInt16($0)).isValidOnWire }
        XCTAssertEqual(valid, Array(1000...1003) + Array(1007...1014) + Array(3000...4999))
    }

    // MARK: Encoding

    func testEncodesUnmaskedServerTextAsInRFC() {
        XCTAssertEqual(WebSocketFrameEncoder.text("Hello"), [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
    }

    func testEncodedFramesRoundTripThroughParserAtLengthBoundaries() throws {
        let expectedHeaderLengths = [0: 2, 125: 2, 126: 4, 65535: 4, 65536: 10]
        for (size, headerLength) in expectedHeaderLengths {
            let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let unmasked = WebSocketFrameEncoder.encode(.binary, payload: payload)
            XCTAssertEqual(unmasked.count, headerLength + size, "size \(size)")
            let masked = WebSocketFrameEncoder.encodeMasked(.binary, payload: payload, maskKey: rfcKey)
            XCTAssertEqual(masked.count, headerLength + 4 + size, "size \(size)")
            XCTAssertEqual(try parseAll(masked), [WebSocketFrame(opcode: .binary, payload: payload)], "size \(size)")
            XCTAssertEqual(try parseAll(unmasked, requireMasking: false), [WebSocketFrame(opcode: .binary, payload: payload)], "size \(size)")
        }
    }

    func testTruncatesCloseReasonTo123BytesAtAUTF8Boundary() throws {
        let ascii = WebSocketFrameEncoder.close(.goingAway, reason: String(repeating: "x", count: 200))
        XCTAssertEqual(ascii.count, 2 + 125)

        // "a" then three-byte scalars: 1 + 3 × 40 = 121 bytes fit, the 41st would end at 124.
        let reason = "a" + String(repeating: "반", count: 50)
        let frames = try parseAll(WebSocketFrameEncoder.close(.normal, reason: reason), requireMasking: false)
        XCTAssertEqual(frames.first?.payload.count, 2 + 121)
        let event = try assemble(frames).first
        XCTAssertEqual(event, .close(code: .normal, reason: "a" + String(repeating: "반", count: 40)))
    }

    // MARK: UTF-8 validation

    func testUTF8ValidatorAcceptsScalarsAtEncodingBoundaries() {
        let boundaries: [UInt32] = [0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
        for value in boundaries {
            let bytes = Array(String(Character(Unicode.Scalar(value)!)).utf8)
            XCTAssertTrue(UTF8Validator.isValid(Array("long ascii prefix".utf8) + bytes), String(value, radix: 16))
        }
    }

    func testUTF8ValidatorRejectsMalformedSequences() {
        let malformed: [[UInt8]] = [
            [0x80], [0xBF], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xED, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC2, 0x41], [0xE2, 0x82],
        ]
        for bytes in malformed {
            XCTAssertFalse(UTF8Validator.isValid(Array("12345678".utf8) + bytes), "\(bytes)")
        }
    }

    func testUTF8ValidatorAgreesWithStandardLibrary() {
        var random = SplitMix64(seed: 0x5EED_0007)
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random) ? 0x61 : interesting.randomElement(using: &random)!
            }
            XCTAssertEqual(UTF8Validator.isValid(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
    }

    // MARK: Robustness

    func testRandomByteStreamsNeverTrap() {
        var random = SplitMix64(seed: 6455)
        var outcomes = (frames: 0, events: 0, errors: 0)
        for _ in 0..<20_000 {
            var stream: [UInt8] = []
            // Half plausible frames, half noise, so both the deep and the shallow paths run.
            while stream.count < 64 {
                if Bool.random(using: &random) {
                    let opcode = [WebSocketOpcode.continuation, .text, .binary, .close, .ping, .pong].randomElement(using: &random)!
                    let payload = (0..<Int.random(in: 0...(opcode.isControl ? 20 : 300), using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }
                    let key = (UInt8.random(in: 0...255, using: &random), UInt8(7), UInt8(0), UInt8(200))
                    stream += WebSocketFrameEncoder.encodeMasked(
                        opcode, payload: payload, fin: opcode.isControl || Bool.random(using: &random), maskKey: key)
                } else {
                    stream += (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                }
            }
            var parser = WebSocketFrameParser(maxFrameSize: 256, requireMasking: Bool.random(using: &random))
            var assembler = WebSocketMessageAssembler(maxMessageSize: 512)
            var offset = 0
            do {
                while offset < stream.count {
                    let end = min(stream.count, offset + Int.random(in: 1...40, using: &random))
                    parser.append(Array(stream[offset..<end]))
                    offset = end
                    while let frame = try parser.next() {
                        outcomes.frames += 1
                        if try assembler.push(frame) != nil { outcomes.events += 1 }
                    }
                }
            } catch {
                outcomes.errors += 1
            }
        }
        XCTAssertGreaterThan(outcomes.frames, 10_000)
        XCTAssertGreaterThan(outcomes.events, 1_000)
        XCTAssertGreaterThan(outcomes.errors, 1_000)
    }
}
