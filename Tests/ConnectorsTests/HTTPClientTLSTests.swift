@testable import Connectors
import Foundation
import HTTPStub
import Testing

/// HTTPS against `openssl s_server -www` (a real TLS server answering `GET /` with a status
/// page, then closing) with certificates made by the `openssl` tool: the chain is verified,
/// the name or IP is checked, and a trusted file replaces the system's certificates.
@Suite(.serialized) struct HTTPClientTLSTests {
    @Test func aTrustedCertificateForTheAddressIsAccepted() async throws {
        let server = try TLSTestServer(subjectAltName: "IP:127.0.0.1,DNS:localhost")
        defer { server.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5, retries: 0, trustedCertificatesFile: server.certificatePath))
        for host in ["127.0.0.1", "localhost"] {
            let response = try await client.send(HTTPClientRequest(url: "https://\(host):\(server.port)/"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains("s_server"))
        }
    }

    @Test func anUntrustedCertificateFailsTheHandshake() async throws {
        let server = try TLSTestServer(subjectAltName: "IP:127.0.0.1")
        defer { server.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5, retries: 0))
        await #expect(throws: HTTPClientError.transport("TLS handshake failed: self-signed certificate")) {
            try await client.send(HTTPClientRequest(url: "https://127.0.0.1:\(server.port)/"))
        }
    }

    @Test func aCertificateForAnotherNameOrAddressIsRefused() async throws {
        let server = try TLSTestServer(subjectAltName: "DNS:other.example,IP:10.9.8.7")
        defer { server.stop() }
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 5, retries: 0, trustedCertificatesFile: server.certificatePath))
        await #expect(throws: HTTPClientError.transport("TLS handshake failed: IP address mismatch")) {
            try await client.send(HTTPClientRequest(url: "https://127.0.0.1:\(server.port)/"))
        }
        await #expect(throws: HTTPClientError.transport("TLS handshake failed: hostname mismatch")) {
            try await client.send(HTTPClientRequest(url: "https://localhost:\(server.port)/"))
        }
    }

    @Test func aMissingTrustFileFailsEveryHTTPSRequest() async throws {
        let client = HTTPClient(settings: HTTPClientSettings(timeout: 2, retries: 0, trustedCertificatesFile: "/nonexistent/ca.pem"))
        await #expect(throws: HTTPClientError.transport("the trusted certificates could not be loaded")) {
            try await client.send(HTTPClientRequest(url: "https://127.0.0.1:1/"))
        }
    }
}

/// `openssl s_server -www` on a free loopback port with a new self-signed P-256 certificate.
private struct TLSTestServer {
    let port: Int
    let certificatePath: String
    private let directory: URL
    private let process: Process

    init(subjectAltName: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        certificatePath = directory.appendingPathComponent("server.crt").path
        let keyPath = directory.appendingPathComponent("server.key").path
        try OpenSSLTool.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyPath,
                      "-out", certificatePath, "-days", "2", "-subj", "/CN=test", "-addext", "subjectAltName=\(subjectAltName)"])
        var lastError: Error?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificatePath, "-key", keyPath,
                                 "-www", "-quiet", "-naccept", "100"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Self.waitForPort(port, while: process) {
                self.port = port
                self.process = process
                return
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            lastError = CocoaError(.fileNoSuchFile)
        }
        throw lastError ?? CocoaError(.fileNoSuchFile)
    }

    /// Kills the server: SIGKILL, since a process started from a test thread inherits its
    /// blocked signals, SIGTERM among them.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func waitForPort(_ port: Int, while process: Process) -> Bool {
        for _ in 0..<100 where process.isRunning {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return true }
            usleep(50_000)
        }
        return false
    }
}
