import COpenSSL
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPStub
import XCTest
@testable import Server

/// HTTPS and WSS through the real server with certificates made by the `openssl` tool: protocol
/// versions, refusals, large bodies, handshake timeout, certificate reload, loading errors.
final class TLSTests: XCTestCase {
    private var server: HTTPServer?
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        server?.shutdown()
        server = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private func start(_ tls: TLSConfiguration, _ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> Int {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.logRequests = false
        configuration.shutdownGracePeriod = 1
        configuration.tls = tls
        configure(&configuration)
        let server = try HTTPServer(
            configuration: configuration, responder: HTTPServerTests.EchoResponder(),
            webSocketEndpoint: WebSocketServerTests.EchoEndpoint(broadcaster: ChannelBroadcaster()))
        try server.start()
        self.server = server
        return server.port
    }

    private func certificate(_ name: String, serial: Int) throws -> TestCertificate {
        try TestCertificate(in: directory, name: name, serial: serial)
    }

    private func startWith(_ certificate: TestCertificate) throws -> Int {
        try start(TLSConfiguration(certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.keyPath))
    }

    // MARK: Serving

    func testServesHTTPSOverTLS13ByDefaultAndTLS12WhenTheClientAsks() throws {
        let first = try certificate("first", serial: 1001)
        let port = try startWith(first)
        for (maximum, expected) in [(Int32(0), "TLSv1.3"), (TLS1_2_VERSION, "TLSv1.2")] {
            let client = try TLSTestClient.connect(port: port, trusting: first.certificatePath, maximumVersion: maximum)
            XCTAssertEqual(client.version, expected)
            client.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = client.readResponses(1).first ?? ""
            XCTAssertTrue(response.hasPrefix("HTTP/1.1 200 OK\r\n"), response)
            XCTAssertTrue(response.hasSuffix("\r\n\r\nGET /health  "), response)
        }
    }

    func testTLS11AndTLS10AreRefusedWithAProtocolVersionAlert() throws {
        let port = try startWith(try certificate("first", serial: 1001))
        for version in [TLS1_1_VERSION, TLS1_VERSION] {
            XCTAssertThrowsError(try TLSTestClient.connect(port: port, maximumVersion: version)) { error in
                XCTAssertTrue("\(error)".contains("alert protocol version"), "\(error)")
            }
        }
    }

    func testPlainHTTPOnTheTLSPortIsClosedWithoutAnAnswer() throws {
        let client = try RawClient(port: try startWith(try certificate("first", serial: 1001)))
        client.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let result = client.read(timeout: 5) { _ in false }
        XCTAssertTrue(result.closed)
        XCTAssertFalse(result.text.contains("HTTP/"), result.text)
    }

    func testLargeBodiesCrossInBothDirections() throws {
        let first = try certificate("first", serial: 1001)
        let client = try TLSTestClient.connect(port: try startWith(first), trusting: first.certificatePath)
        let body = String(repeating: "0123456789abcdef", count: 40_000)
        client.send("POST /big HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        let response = client.readResponses(1, timeout: 10).first ?? ""
        XCTAssertTrue(response.hasSuffix("\r\n\r\nPOST /big  " + body), "got \(response.utf8.count) bytes")
    }

    func testWebSocketUpgradeAndEchoOverTLS() throws {
        let first = try certificate("first", serial: 1001)
        let client = try TLSTestClient.connect(port: try startWith(first), trusting: first.certificatePath)
        client.send("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let head = client.read { $0.contains("\r\n\r\n") }.text
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 101 "), head)
        client.send(WebSocketFrameEncoder.encodeMasked(.text, payload: Array("hello".utf8), maskKey: (1, 2, 3, 4)))
        var echoed: WebSocketFrame?
        _ = client.readBytes { bytes in
            var parser = WebSocketFrameParser(maxFrameSize: 1 << 16, requireMasking: false)
            parser.append(bytes)
            echoed = try? parser.next()
            return echoed != nil
        }
        XCTAssertEqual(echoed?.opcode, .text)
        XCTAssertEqual(echoed.map { String(decoding: $0.payload, as: UTF8.self) }, "echo:hello")
    }

    func testStalledHandshakeIsDroppedAfterTheRequestReadTimeout() throws {
        let first = try certificate("first", serial: 1001)
        let port = try start(try TLSConfiguration(certificateChainPath: first.certificatePath, privateKeyPath: first.keyPath)) {
            $0.requestReadTimeout = 0.5
            $0.idleTimeout = 30
        }
        let client = try RawClient(port: port)
        // A handshake record header announcing 512 bytes, then one byte of them.
        client.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        let started = Date()
        let result = client.read(timeout: 5) { _ in false }
        XCTAssertTrue(result.closed)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertEqual(result.text, "")
    }

    // MARK: Reload

    func testReloadServesNewConnectionsTheNewCertificateWhileOpenOnesKeepWorking() throws {
        let first = try certificate("first", serial: 1001)
        let second = try certificate("second", serial: 2002)
        let live = try first.copy(to: directory, name: "live")
        let tls = try TLSConfiguration(certificateChainPath: live.certificatePath, privateKeyPath: live.keyPath)
        let port = try start(tls)
        let before = try TLSTestClient.connect(port: port)
        XCTAssertEqual(before.peerCertificate?.subject, "/CN=first")
        XCTAssertEqual(before.peerCertificate?.serialNumber, "03E9")

        try second.replace(live)
        let reloaded = try tls.reload()
        XCTAssertEqual(reloaded.subject, "/CN=second")
        XCTAssertEqual(reloaded.serialNumber, "07D2")

        let after = try TLSTestClient.connect(port: port)
        XCTAssertEqual(after.peerCertificate?.subject, "/CN=second")
        for client in [before, after] {
            client.send("GET /again HTTP/1.1\r\nHost: localhost\r\n\r\n")
            XCTAssertTrue(client.readResponses(1).first?.hasPrefix("HTTP/1.1 200 OK\r\n") ?? false)
        }
        XCTAssertEqual(before.peerCertificate?.subject, "/CN=first")
    }

    func testFailedReloadKeepsTheCurrentCertificate() throws {
        let first = try certificate("first", serial: 1001)
        let second = try certificate("second", serial: 2002)
        let live = try first.copy(to: directory, name: "live")
        let tls = try TLSConfiguration(certificateChainPath: live.certificatePath, privateKeyPath: live.keyPath)
        let port = try start(tls)

        try FileManager.default.removeItem(atPath: live.keyPath)
        try FileManager.default.copyItem(atPath: second.keyPath, toPath: live.keyPath)
        XCTAssertThrowsError(try tls.reload()) { XCTAssertEqual(($0 as? TLSError)?.step, .keyMismatch) }

        XCTAssertEqual(tls.certificate.subject, "/CN=first")
        XCTAssertEqual(try TLSTestClient.connect(port: port).peerCertificate?.subject, "/CN=first")
    }

    // MARK: Loading errors

    func testMissingFileIsAReadErrorNamingThePath() throws {
        let first = try certificate("first", serial: 1001)
        let missing = directory.appendingPathComponent("missing.pem").path
        XCTAssertThrowsError(try TLSConfiguration(certificateChainPath: missing, privateKeyPath: first.keyPath)) { error in
            let tlsError = error as? TLSError
            XCTAssertEqual(tlsError?.step, .readFile)
            XCTAssertEqual(tlsError?.systemError, ENOENT)
            XCTAssertTrue("\(error)".contains(missing), "\(error)")
        }
    }

    func testFileWithoutACertificateIsRejected() throws {
        let first = try certificate("first", serial: 1001)
        XCTAssertThrowsError(try TLSConfiguration(certificateChainPath: first.keyPath, privateKeyPath: first.keyPath)) {
            XCTAssertEqual(($0 as? TLSError)?.step, .loadCertificateChain)
            XCTAssertFalse(($0 as? TLSError)?.openSSLErrors.isEmpty ?? true)
        }
    }

    func testEncryptedKeyIsRejectedWithoutAskingForAPassphrase() throws {
        let first = try certificate("first", serial: 1001)
        let encrypted = directory.appendingPathComponent("encrypted.key").path
        try OpenSSLTool.run(["pkey", "-in", first.keyPath, "-out", encrypted, "-aes256", "-passout", "pass:secret"])
        XCTAssertThrowsError(try TLSConfiguration(certificateChainPath: first.certificatePath, privateKeyPath: encrypted)) {
            XCTAssertEqual(($0 as? TLSError)?.step, .loadPrivateKey)
        }
    }
}

/// A self-signed P-256 certificate for 127.0.0.1 and localhost, made by the `openssl` tool.
struct TestCertificate {
    let certificatePath: String
    let keyPath: String

    init(in directory: URL, name: String, serial: Int) throws {
        certificatePath = directory.appendingPathComponent("\(name).crt").path
        keyPath = directory.appendingPathComponent("\(name).key").path
        try OpenSSLTool.run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=\(name)",
            "-set_serial", String(serial), "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
    }

    private init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// A copy of both files under another name.
    func copy(to directory: URL, name: String) throws -> TestCertificate {
        let copy = TestCertificate(
            certificatePath: directory.appendingPathComponent("\(name).crt").path,
            keyPath: directory.appendingPathComponent("\(name).key").path)
        try FileManager.default.copyItem(atPath: certificatePath, toPath: copy.certificatePath)
        try FileManager.default.copyItem(atPath: keyPath, toPath: copy.keyPath)
        return copy
    }

    /// Overwrites `other`'s files with this certificate's, as a renewal would.
    func replace(_ other: TestCertificate) throws {
        try Data(contentsOf: URL(fileURLWithPath: certificatePath)).write(to: URL(fileURLWithPath: other.certificatePath))
        try Data(contentsOf: URL(fileURLWithPath: keyPath)).write(to: URL(fileURLWithPath: other.keyPath))
    }
}

/// A blocking TLS client over libssl for tests. With a trusted certificate it verifies the
/// server's; without, it accepts any (to look at what the server presents).
final class TLSTestClient {
    /// A failed handshake with libssl's error queue.
    struct HandshakeFailure: Error, CustomStringConvertible {
        let description: String
    }

    private let fd: Int32
    private let context: OpaquePointer
    private let connection: OpaquePointer
    private let socketBIO: TLSSocketBIOMethod

    private init(port: Int, trusting certificatePath: String?, maximumVersion: Int32) throws {
        socketBIO = try TLSSocketBIOMethod.shared.get()
        fd = try RawClient.connectedSocket(port: port)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        context = SSL_CTX_new(TLS_client_method())!
        if maximumVersion != 0 {
            // Let this client offer versions (and suites) the library would refuse by default,
            // so that a refusal comes from the server.
            SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_VERSION), nil)
            SSL_CTX_ctrl(context, SSL_CTRL_SET_MAX_PROTO_VERSION, Int(maximumVersion), nil)
            SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
        }
        if let certificatePath {
            SSL_CTX_load_verify_locations(context, certificatePath, nil)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        }
        connection = SSL_new(context)!
        let bio = socketBIO.makeBIO(fileDescriptor: fd)
        SSL_set_bio(connection, bio, bio)
    }

    /// Connects and completes the handshake, or throws what libssl reported.
    static func connect(port: Int, trusting certificatePath: String? = nil, maximumVersion: Int32 = 0) throws -> TLSTestClient {
        let client = try TLSTestClient(port: port, trusting: certificatePath, maximumVersion: maximumVersion)
        let deadline = Date().addingTimeInterval(5)
        while true {
            ERR_clear_error()
            let result = SSL_connect(client.connection)
            if result == 1 { return client }
            let code = SSL_get_error(client.connection, result)
            guard code == SSL_ERROR_WANT_READ && Date() < deadline else {
                throw HandshakeFailure(description: "SSL_connect: error \(code) " + TLSError.drainErrorQueue().joined(separator: "; "))
            }
        }
    }

    deinit {
        SSL_free(connection)
        SSL_CTX_free(context)
        close(fd)
    }

    /// The negotiated protocol, e.g. `TLSv1.3`.
    var version: String { String(cString: SSL_get_version(connection)) }

    /// The certificate the server presented.
    var peerCertificate: TLSCertificateSummary? {
        guard let certificate = SSL_get1_peer_certificate(connection) else { return nil }
        defer { X509_free(certificate) }
        return TLSCertificateSummary(certificate)
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { SSL_write(connection, $0.baseAddress, Int32($0.count)) }
            guard written > 0 else { return }
            offset += Int(written)
        }
    }

    /// Reads until `done` says the data is complete, the server closes, or `timeout` passes.
    func readBytes(timeout: Double = 5, until done: ([UInt8]) -> Bool) -> (bytes: [UInt8], closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            ERR_clear_error()
            let count = SSL_read(connection, &buffer, Int32(buffer.count))
            if count > 0 {
                data.append(contentsOf: buffer[0..<Int(count)])
                if done(data) { break }
            } else if SSL_get_error(connection, count) != SSL_ERROR_WANT_READ {
                return (data, true)
            }
        }
        return (data, false)
    }

    /// `readBytes` as text.
    func read(timeout: Double = 5, until done: (String) -> Bool) -> (text: String, closed: Bool) {
        let result = readBytes(timeout: timeout) { done(String(decoding: $0, as: UTF8.self)) }
        return (String(decoding: result.bytes, as: UTF8.self), result.closed)
    }

    /// Reads `count` complete HTTP responses.
    func readResponses(_ count: Int, timeout: Double = 5) -> [String] {
        RawClient.split(read(timeout: timeout) { RawClient.split($0).count >= count }.text)
    }
}
