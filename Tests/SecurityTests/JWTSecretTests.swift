import Foundation
import Glibc
import Synchronization
import XCTest
@testable import Security
import Primitives

final class JWTSecretTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-secret-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var secretPath: String { directory + "/jwt-secret" }

    private func mode(of path: String) -> mode_t {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        return status.st_mode & 0o777
    }

    func testEnvironmentSecretIsUsedWhenLongEnough() throws {
        let value = String(repeating: "s", count: 32)
        let secret = try JWTSecret.resolve(environment: ["TRADING_JWT_SECRET": value], dataDirectory: directory)
        XCTAssertEqual(secret.bytes, Array(value.utf8))
        XCTAssertEqual(secret.source, .environment)
        XCTAssertFalse(FileManager.default.fileExists(atPath: secretPath))
    }

    func testShortEnvironmentSecretIsAnErrorSayingSo() {
        XCTAssertThrowsError(try JWTSecret.resolve(environment: ["TRADING_JWT_SECRET": "short"], dataDirectory: directory)) { error in
            XCTAssertEqual(error as? JWTSecretError, .environmentSecretTooShort(byteCount: 5))
            XCTAssertEqual("\(error)", "TRADING_JWT_SECRET must be at least 32 bytes; it has 5")
        }
    }

    func testEmptyEnvironmentSecretIsAnError() {
        XCTAssertThrowsError(try JWTSecret.resolve(environment: ["TRADING_JWT_SECRET": ""], dataDirectory: directory))
    }

    func testMissingFileIsCreatedWithThirtyTwoRandomBytesAsHex() throws {
        let secret = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        XCTAssertEqual(secret.source, .createdFile(path: secretPath))
        XCTAssertEqual(secret.bytes.count, 32)
        let content = try String(contentsOfFile: secretPath, encoding: .utf8)
        XCTAssertEqual(content, Hex.encode(secret.bytes) + "\n")
    }

    func testCreatedFileIsOwnerReadableOnly() throws {
        _ = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        XCTAssertEqual(mode(of: secretPath), 0o600)
    }

    func testExistingFileIsReadBack() throws {
        let first = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        let second = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        XCTAssertEqual(second.bytes, first.bytes)
        XCTAssertEqual(second.source, .existingFile(path: secretPath))
    }

    func testEnvironmentWinsOverFile() throws {
        _ = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        let value = String(repeating: "e", count: 40)
        XCTAssertEqual(try JWTSecret.resolve(environment: ["TRADING_JWT_SECRET": value], dataDirectory: directory).bytes,
                       Array(value.utf8))
    }

    func testGroupReadableFileIsTightenedTo0600() throws {
        let bytes = [UInt8](repeating: 0xAB, count: 32)
        XCTAssertTrue(FileManager.default.createFile(atPath: secretPath, contents: Data((Hex.encode(bytes) + "\n").utf8),
                                                     attributes: [.posixPermissions: 0o644]))
        XCTAssertEqual(mode(of: secretPath), 0o644)
        let secret = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        XCTAssertEqual(secret.bytes, bytes)
        XCTAssertEqual(mode(of: secretPath), 0o600)
    }

    func testFileWithoutEnoughHexIsRefused() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: secretPath, contents: Data("abcd\n".utf8),
                                                     attributes: [.posixPermissions: 0o600]))
        XCTAssertThrowsError(try JWTSecret.resolve(environment: [:], dataDirectory: directory, writerWait: 0.05)) { error in
            guard case JWTSecretError.invalidSecretFile(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, secretPath)
        }
    }

    func testEmptyFileIsRefusedAfterWaitingForAWriter() {
        XCTAssertTrue(FileManager.default.createFile(atPath: secretPath, contents: Data(), attributes: [.posixPermissions: 0o600]))
        XCTAssertThrowsError(try JWTSecret.resolve(environment: [:], dataDirectory: directory, writerWait: 0.05)) { error in
            XCTAssertEqual(error as? JWTSecretError, .invalidSecretFile(path: secretPath, reason: "empty"))
        }
    }

    func testMissingDataDirectoryIsCreated() throws {
        let nested = directory + "/a/b"
        let secret = try JWTSecret.resolve(environment: [:], dataDirectory: nested)
        XCTAssertEqual(secret.source, .createdFile(path: nested + "/jwt-secret"))
        XCTAssertEqual(mode(of: nested), 0o700)
    }

    func testInstancesStartingTogetherAgreeOnOneSecret() throws {
        let attempts = 16
        let results = Mutex<[JWTSecret]>([])
        let failures = Atomic<Int>(0)
        let directory = self.directory
        DispatchQueue.concurrentPerform(iterations: attempts) { _ in
            do {
                let secret = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
                results.withLock { $0.append(secret) }
            } catch {
                failures.add(1, ordering: .relaxed)
            }
        }
        let secrets = results.withLock { $0 }
        XCTAssertEqual(failures.load(ordering: .relaxed), 0)
        XCTAssertEqual(secrets.count, attempts)
        XCTAssertEqual(Set(secrets.map { Hex.encode($0.bytes) }).count, 1)
        XCTAssertEqual(secrets.filter { if case .createdFile = $0.source { true } else { false } }.count, 1)
    }

    func testDescriptionNeverShowsTheSecret() throws {
        let secret = try JWTSecret.resolve(environment: [:], dataDirectory: directory)
        XCTAssertFalse("\(secret)".contains(Hex.encode(secret.bytes)))
        XCTAssertEqual("\(secret)", "JWT secret created in \(secretPath)")
    }
}
