#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached-from-Swift-concurrency OS thread.
final class ThreadBody: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

@discardableResult
func startThread(_ body: @escaping () -> Void) -> pthread_t {
    let box = Unmanaged.passRetained(ThreadBody(body))
    var handle = pthread_t()
    let status = pthread_create(&handle, nil, { argument in
        let box = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
        box.body()
        return nil
    }, box.toOpaque())
    precondition(status == 0, "pthread_create failed: \(status)")
    return handle
}
