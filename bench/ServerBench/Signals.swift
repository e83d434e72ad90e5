#if canImport(Glibc)
import Glibc
#endif

/// Blocks SIGINT and SIGTERM in every thread (call before starting any) and waits for one.
enum Signals {
    nonisolated(unsafe) static var set = sigset_t()

    static func block() {
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    static func wait() -> Int32 {
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }
}

/// Writes a line to standard error (progress; standard output carries results).
func note(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
