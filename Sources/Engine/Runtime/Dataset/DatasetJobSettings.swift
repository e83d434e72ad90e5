/// How dataset downloads run.
public struct DatasetJobSettings: Sendable, Equatable {
    /// Downloads running at once on one instance; the others wait, queued.
    public var concurrentJobs: Int
    /// Candles stored per transaction (the job's progress moves after each).
    public var batchSize: Int
    /// Milliseconds between two heartbeats of the jobs an instance holds (their `updated_at`).
    public var heartbeatMilliseconds: Int
    /// A queued or running job whose `updated_at` is older than this many milliseconds has no
    /// live runner (its server stopped): it is marked failed, "interrupted by a restart".
    public var staleAfterMilliseconds: Int

    public init(concurrentJobs: Int = 2, batchSize: Int = 5000, heartbeatMilliseconds: Int = 5000, staleAfterMilliseconds: Int = 30_000) {
        self.concurrentJobs = max(1, concurrentJobs)
        self.batchSize = max(1, batchSize)
        self.heartbeatMilliseconds = max(1, heartbeatMilliseconds)
        self.staleAfterMilliseconds = max(heartbeatMilliseconds * 2, staleAfterMilliseconds)
    }
}
