#if canImport(Glibc)
import Glibc
#endif

extension SQLiteDatabase {
    /// The sidecar file whose `flock` is the engine lease: `<database path>.engine-lock`
    /// (for a `file:` URI, the path inside it).
    public var engineLockPath: String {
        var file = path
        if file.hasPrefix("file:") {
            file = String(file.dropFirst("file:".count).prefix { $0 != "?" })
        }
        return file + ".engine-lock"
    }

    /// Takes an exclusive, non-blocking `flock` on `engineLockPath` (creating the file);
    /// nil when another open of it holds the lock, in this process or another. (Every
    /// `SQLiteDatabase` has a file: `init` refuses in-memory databases, which could not be
    /// shared and so would always be granted.)
    public func acquireEngineLease() async throws(StorageError) -> EngineLease? {
        let lockPath = engineLockPath
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .failed(message: "cannot open the engine lock file: \(String(cString: strerror(errno)))", statement: "open \(lockPath)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            Glibc.close(descriptor)
            if reason == EWOULDBLOCK { return nil }
            throw .failed(message: "cannot lock the engine lock file: \(String(cString: strerror(reason)))", statement: "flock \(lockPath)")
        }
        return EngineLease(.file(descriptor: descriptor))
    }
}
