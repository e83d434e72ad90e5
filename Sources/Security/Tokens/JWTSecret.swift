import Foundation
import Glibc
import Primitives

/// The HMAC key that signs access tokens, and where it came from.
///
/// `TRADING_JWT_SECRET` wins when set (it must then be at least 32 bytes; its UTF-8
/// bytes are the key). Otherwise the key lives in `<data directory>/jwt-secret` as 64
/// hex characters: created once with `open(O_CREAT|O_EXCL, 0600)`, so of several
/// instances starting together exactly one writes it and the others read the same
/// key back. An existing file whose mode lets group or others read it is tightened
/// to 0600 rather than refused, so a copy made with a loose umask keeps working but
/// stops leaking.
public struct JWTSecret: Sendable, CustomStringConvertible {
    /// Where a secret came from.
    public enum Source: Sendable, Equatable {
        /// The `TRADING_JWT_SECRET` environment variable.
        case environment
        /// A secret file that already existed.
        case existingFile(path: String)
        /// A secret file this call created.
        case createdFile(path: String)
    }

    /// The environment variable that overrides the secret file.
    public static let environmentVariable = "TRADING_JWT_SECRET"
    /// The secret file's name inside the data directory.
    public static let fileName = "jwt-secret"
    /// Shortest accepted key, in bytes (the HMAC-SHA256 output size).
    public static let minimumByteCount = 32
    /// How long a reader waits for another instance to finish writing a file it has
    /// just created, in seconds.
    static let concurrentWriterWait = 2.0

    /// The key bytes, for `JWTSigner(secret:)`.
    public let bytes: [UInt8]
    /// Where the key came from (for the startup log).
    public let source: Source

    /// Describes the source only; the key never reaches a log through this.
    public var description: String {
        switch source {
        case .environment: "JWT secret from \(Self.environmentVariable)"
        case .existingFile(let path): "JWT secret from \(path)"
        case .createdFile(let path): "JWT secret created in \(path)"
        }
    }

    /// The secret from `environment` (usually `ProcessInfo.processInfo.environment`)
    /// or from the secret file in `dataDirectory`, which is created (with the
    /// directory, mode 0700) when missing.
    public static func resolve(environment: [String: String], dataDirectory: String) throws(JWTSecretError) -> JWTSecret {
        try resolve(environment: environment, dataDirectory: dataDirectory, writerWait: concurrentWriterWait)
    }

    /// `resolve(environment:dataDirectory:)` with the wait for a concurrent writer
    /// given (tests shorten it).
    static func resolve(environment: [String: String], dataDirectory: String,
                        writerWait: Double) throws(JWTSecretError) -> JWTSecret {
        if let value = environment[environmentVariable] {
            let bytes = Array(value.utf8)
            guard bytes.count >= minimumByteCount else { throw .environmentSecretTooShort(byteCount: bytes.count) }
            return JWTSecret(bytes: bytes, source: .environment)
        }
        try createDirectory(dataDirectory)
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        // Two rounds: if the file vanishes between our failed create and our read
        // (someone deleted it), creating it again is the right answer.
        for _ in 0..<2 {
            if let created = try createFile(at: path) { return created }
            if let existing = try readFile(at: path, writerWait: writerWait) { return existing }
        }
        throw .fileSystem(operation: "open", path: path, errno: ENOENT)
    }

    /// `mkdir -p` with mode 0700 for the directories it creates.
    private static func createDirectory(_ path: String) throws(JWTSecretError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 {
                let code = errno
                guard code == EEXIST else { throw .fileSystem(operation: "mkdir", path: prefix, errno: code) }
            }
            prefix += "/"
        }
    }

    /// Creates the file with a new key; nil when it already exists.
    private static func createFile(at path: String) throws(JWTSecretError) -> JWTSecret? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return nil }
            throw .fileSystem(operation: "create", path: path, errno: code)
        }
        let secret: [UInt8]
        do {
            secret = try SecureRandom.bytes(minimumByteCount)
        } catch {
            close(descriptor)
            unlink(path)
            throw .randomUnavailable(error)
        }
        let content = Array((Hex.encode(secret) + "\n").utf8)
        var written = 0
        while written < content.count {
            let count = content[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let code = errno
                close(descriptor)
                unlink(path)
                throw .fileSystem(operation: "write", path: path, errno: code)
            }
            written += count
        }
        // The key must survive a power cut: tokens signed with it are already out.
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            unlink(path)
            throw .fileSystem(operation: "fsync", path: path, errno: code)
        }
        close(descriptor)
        return JWTSecret(bytes: secret, source: .createdFile(path: path))
    }

    /// Reads an existing file; nil when it no longer exists. Waits briefly for a
    /// concurrent creator that has opened the file but not yet written the key.
    private static func readFile(at path: String, writerWait: Double) throws(JWTSecretError) -> JWTSecret? {
        let deadline = Date().addingTimeInterval(writerWait)
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                if code == ENOENT { return nil }
                throw .fileSystem(operation: "open", path: path, errno: code)
            }
            defer { close(descriptor) }
            try tightenPermissions(descriptor, path: path)
            let content = try readAll(descriptor, path: path)
            let text = String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let bytes = Hex.decode(text), bytes.count >= minimumByteCount {
                return JWTSecret(bytes: bytes, source: .existingFile(path: path))
            }
            guard Date() < deadline else {
                let reason = text.isEmpty ? "empty" : "expected at least \(minimumByteCount * 2) hex characters"
                throw .invalidSecretFile(path: path, reason: reason)
            }
            usleep(10_000)
        }
    }

    /// Refuses anything but a regular file and drops group/other permissions.
    private static func tightenPermissions(_ descriptor: Int32, path: String) throws(JWTSecretError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fileSystem(operation: "fstat", path: path, errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .invalidSecretFile(path: path, reason: "not a regular file") }
        if status.st_mode & 0o077 != 0 {
            guard fchmod(descriptor, 0o600) == 0 else { throw .fileSystem(operation: "chmod 0600", path: path, errno: errno) }
        }
    }

    /// The file's bytes, at most 4 KiB (a valid file is 65).
    private static func readAll(_ descriptor: Int32, path: String) throws(JWTSecretError) -> [UInt8] {
        var content: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while content.count < 4_096 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .fileSystem(operation: "read", path: path, errno: errno) }
            if count == 0 { break }
            content += buffer[..<count]
        }
        return content
    }
}
