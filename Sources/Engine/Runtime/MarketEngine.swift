#if canImport(Glibc)
import Glibc
#endif
import Backends
import Primitives
import Synchronization

/// The engine's one writer: a thread that owns the `MarketCore` and runs it on the injected
/// clock, executing commands from a bounded queue between feed slots, publishing snapshots
/// that readers on any thread take without waiting, and handing candles to persistence
/// write-behind (one batch in flight; the rest wait, merged, in `PendingCandles`).
///
/// `@unchecked Sendable`: the core and the pending candles are touched only by the engine
/// thread (between `start` and the end of its loop); everything else is a `Mutex`, an
/// `Atomic` or immutable.
public final class MarketEngine: @unchecked Sendable {
    /// Work for the engine thread; it gets the core to itself while it runs.
    public typealias Command = @Sendable (MarketCore) -> Void

    private let core: MarketCore
    private let clock: any EngineClock
    private let store: (any CandleStore)?
    private let published: Mutex<MarketSnapshot>
    private let queue = Mutex(CommandQueue())
    private let wakeUp = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let writing = Atomic(false)
    private let stopped = Atomic(false)
    private let finished = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private var pending = PendingCandles(limit: 100_000)
    private let storeFailures = Atomic(0)
    /// The database's engine lease, held while the engine runs and released when it stops.
    private let lease: EngineLease?
    /// Where the exchange's changes go, one batch in flight; what waits for it (engine
    /// thread only), and the commands of the step under way waiting for their batch.
    private let exchangeStore: (any ExchangeStore)?
    private var exchangeQueue: [PendingExchangeWrite] = []
    private var stepWaiters: [ExchangeWaiter] = []
    private let exchangeWriting = Atomic(false)
    private var exchangeRetryAt = Int.min
    private let exchangeFailures = Atomic(0)
    /// How long an acknowledged command waits for its batch to commit (ms).
    public let acknowledgementTimeout: Int
    /// Called after each exchange batch commits with what it changed (the streams of orders
    /// and positions), on a task of the store's.
    private let committed: (@Sendable (ExchangeChanges) -> Void)?
    public let queueCapacity: Int

    private struct CommandQueue {
        var commands: [Command] = []
    }

    /// An engine over `core`, reading time from `clock`, persisting candles to `store`,
    /// holding `lease` (released by `stop`).
    public init(core: MarketCore, clock: any EngineClock, store: (any CandleStore)?, lease: EngineLease? = nil,
                exchangeStore: (any ExchangeStore)? = nil, acknowledgementTimeout: Int = 10_000,
                committed: (@Sendable (ExchangeChanges) -> Void)? = nil, queueCapacity: Int = 4096) {
        self.core = core
        self.lease = lease
        self.exchangeStore = exchangeStore
        self.acknowledgementTimeout = acknowledgementTimeout
        self.committed = committed
        self.clock = clock
        self.store = store
        self.queueCapacity = queueCapacity
        published = Mutex(core.snapshot.published())
        sem_init(wakeUp, 0, 0)
        sem_init(finished, 0, 0)
    }

    deinit {
        sem_destroy(wakeUp)
        wakeUp.deallocate()
        sem_destroy(finished)
        finished.deallocate()
    }

    /// The market as last published.
    public var snapshot: MarketSnapshot { published.withLock { $0 } }

    /// The published snapshot's `version`, without copying it.
    public var snapshotVersion: UInt64 { published.withLock { $0.version } }

    /// Queues `command` for the engine thread; false when the queue is full (the caller
    /// answers "busy" instead of waiting).
    @discardableResult
    public func submit(_ command: @escaping Command) -> Bool {
        let accepted = queue.withLock { queue -> Bool in
            guard queue.commands.count < queueCapacity else { return false }
            queue.commands.append(command)
            return true
        }
        if accepted { sem_post(wakeUp) }
        return accepted
    }

    /// Runs `body` on the engine thread and returns its result.
    public func perform<Result: Sendable>(_ body: @escaping @Sendable (MarketCore) -> Result) async -> Result? {
        await withCheckedContinuation { continuation in
            let accepted = submit { core in continuation.resume(returning: body(core)) }
            if !accepted { continuation.resume(returning: nil) }
        }
    }

    /// Runs `body` on the engine thread; when it succeeds, answers only once the batch holding
    /// its exchange changes has committed (at once when there is no exchange store). A refusal
    /// from `body` answers at once and changed nothing.
    public func performAcknowledged<Result: Sendable>(_ body: @escaping @Sendable (MarketCore) throws(ExchangeRefusal) -> Result)
        async throws -> Result {
        let outcome: Swift.Result<Result, any Error> = await withCheckedContinuation { continuation in
            let accepted = submit { [self] core in
                let result: Result
                do {
                    result = try body(core)
                } catch {
                    return continuation.resume(returning: .failure(error))
                }
                guard exchangeStore != nil else { return continuation.resume(returning: .success(result)) }
                stepWaiters.append(ExchangeWaiter(deadline: clock.now() + acknowledgementTimeout) { acknowledgement in
                    continuation.resume(returning: acknowledgement.map { result }.mapError { $0 })
                })
            }
            if !accepted { continuation.resume(returning: .failure(AcknowledgementError.busy)) }
        }
        return try outcome.get()
    }

    /// Candle batches the store failed to write (each is retried with the next batch).
    public var candlePersistenceFailures: Int { storeFailures.load(ordering: .relaxed) }

    /// Exchange batches the store failed to write (each is retried).
    public var exchangePersistenceFailures: Int { exchangeFailures.load(ordering: .relaxed) }

    /// Starts the engine thread.
    public func start() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        pthread_create(&thread, nil, { argument in
            let engine = Unmanaged<MarketEngine>.fromOpaque(argument!).takeRetainedValue()
            engine.run()
            return nil
        }, box.toOpaque())
        pthread_detach(thread)
    }

    /// Stops the thread after its current step and flushes the candles it holds to the store
    /// (waiting for that write).
    public func stop() async {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        sem_post(wakeUp)
        while sem_wait(finished) != 0 && errno == EINTR {}
        // The batch in flight goes first, so the last states are written last.
        while writing.load(ordering: .acquiring) || exchangeWriting.load(ordering: .acquiring) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        let last = pending.take()
        if let store, !last.isEmpty { try? await store.store(last) }
        if let exchangeStore, !exchangeQueue.isEmpty {
            var write = exchangeQueue.removeFirst()
            for next in exchangeQueue { write.changes.merge(next.changes); write.waiters += next.waiters }
            exchangeQueue.removeAll()
            do {
                try await exchangeStore.store(write.changes, at: write.time)
                for waiter in write.waiters { waiter.resume(.success(())) }
            } catch {
                for waiter in write.waiters { waiter.resume(.failure(.unconfirmed("the engine stopped: \(error)"))) }
            }
        }
        lease?.release()
    }

    private func run() {
        while !stopped.load(ordering: .acquiring) {
            step(now: clock.now())
            let wait = core.nextDue() - clock.now()
            if wait > 0 { sleep(milliseconds: min(wait, 1000)) }
        }
        pending.merge(core.takeWrites(now: clock.now(), force: true))
        queueExchangeChanges(now: clock.now())
        sem_post(finished)
    }

    /// One round: the feed up to `now`, commands, the snapshot, persistence.
    private func step(now: Int) {
        let commands = queue.withLock { queue -> [Command] in
            defer { queue.commands.removeAll(keepingCapacity: true) }
            return queue.commands
        }
        // The market first reaches the present, so commands act on it.
        let moved = core.advance(to: now)
        for command in commands { command(core) }
        if !commands.isEmpty { core.settle(at: now) }
        // The account as this step left it, so REST already shows what the streams will send
        // once the step's batch commits.
        let accountChanged = core.refreshAccount()
        if moved || !commands.isEmpty || accountChanged {
            let snapshot = core.snapshot.published()
            published.withLock { $0 = snapshot }
        }
        let writes = core.takeWrites(now: now)
        if store != nil { pending.merge(writes) }
        flush()
        queueExchangeChanges(now: now)
    }

    /// Queues what the exchange changed in this step with the commands waiting for it, fails
    /// waits past their deadline, and hands the queue to the store when it is free.
    /// Without a store (an engine that persists nothing) the changes are taken and dropped, so
    /// they do not pile up.
    private func queueExchangeChanges(now: Int) {
        guard let exchange = core.exchange else { return }
        var changes = exchange.takeChanges()
        core.strategies?.takeChanges(into: &changes)
        guard exchangeStore != nil else { return }
        if !changes.isEmpty || !stepWaiters.isEmpty {
            exchangeQueue.append(PendingExchangeWrite(changes: changes, waiters: stepWaiters, time: now))
            stepWaiters.removeAll()
        }
        for index in exchangeQueue.indices {
            let (expired, waiting) = exchangeQueue[index].waiters.partitioned { $0.deadline <= now }
            for waiter in expired { waiter.resume(.failure(.unconfirmed("waited \(acknowledgementTimeout) ms"))) }
            exchangeQueue[index].waiters = waiting
        }
        flushExchange(now: now)
    }

    /// Writes every queued exchange change as one batch (one transaction), unless a batch is
    /// being written or a failed one waits for its retry time.
    private func flushExchange(now: Int) {
        guard let exchangeStore, !exchangeQueue.isEmpty, now >= exchangeRetryAt,
              !exchangeWriting.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var write = exchangeQueue.removeFirst()
        while !exchangeQueue.isEmpty {
            let next = exchangeQueue.removeFirst()
            write.changes.merge(next.changes)
            write.waiters += next.waiters
            write.time = next.time
        }
        let batch = write
        Task { [self] in
            do {
                try await exchangeStore.store(batch.changes, at: batch.time)
                for waiter in batch.waiters { waiter.resume(.success(())) }
                committed?(batch.changes)
            } catch {
                exchangeFailures.add(1, ordering: .relaxed)
                // Back at the head of the queue, retried in half a second; its commands wait on.
                _ = submit { [self] _ in
                    exchangeQueue.insert(batch, at: 0)
                    exchangeRetryAt = clock.now() + 500
                }
            }
            exchangeWriting.store(false, ordering: .releasing)
            sem_post(wakeUp)
        }
    }

    /// Hands the pending candles to the store unless a batch is still being written.
    private func flush() {
        guard let store, !pending.isEmpty, !writing.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let batch = pending.take()
        Task { [self] in
            do {
                try await store.store(batch)
            } catch {
                storeFailures.add(1, ordering: .relaxed)
                // Back in line (merged under newer states of the same candles) for the next batch.
                submit { _ in self.pending.mergeOlder(batch) }
            }
            writing.store(false, ordering: .releasing)
        }
    }

    private func sleep(milliseconds: Int) {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let nanoseconds = Int(deadline.tv_nsec) + milliseconds * 1_000_000
        deadline.tv_sec += nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        _ = sem_timedwait(wakeUp, &deadline)
    }
}
