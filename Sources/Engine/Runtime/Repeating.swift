import Backends

/// A piece of storage work done on a schedule in the instance running the engine (the
/// ranking, the reality check): done once now, then every interval until the task is
/// cancelled; a failure is reported and the work tried again at the next interval.
enum Repeating {
    /// Does `work` every `interval` ms until the task is cancelled, reporting failures to `failed`.
    static func run(every interval: Int, failed: @Sendable (StorageError) -> Void,
                    _ work: () async throws(StorageError) -> Void) async {
        while !Task.isCancelled {
            do {
                try await work()
            } catch {
                failed(error)
            }
            try? await Task.sleep(for: .milliseconds(interval))
        }
    }
}
