import Backends
import Connectors
@testable import Engine
import HTTPStub
import Primitives
import Synchronization
import Testing

/// The notification queue in front of Telegram (played by a local stub): rate limited,
/// batching, bounded, and never making `notify` wait.
@Suite struct NotificationQueueTests {
    static func event(_ number: Int, topic: NotificationTopic = .fills) -> NotificationEvent {
        NotificationEvent(topic: topic, text: "event \(number)", time: 1_769_601_600_000 + number * 1000)
    }

    static func queue(_ stub: HTTPStub, _ settings: NotificationQueue.Settings, timeout: Double = 5) throws -> NotificationQueue {
        NotificationQueue(channel: try TelegramNotifierTests.notifier(stub, timeout: timeout), settings: settings)
    }

    /// The texts Telegram received, in order.
    static func texts(_ stub: HTTPStub) -> [String] {
        stub.requests.compactMap { request in
            if case .string(let text)? = (try? JSONParser.parse(request.body))?["text"] { return text }
            return nil
        }
    }

    /// Waits until `condition` holds (up to `seconds`).
    static func eventually(_ seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    @Test func eventsThatPileUpGoInOneMessageAndMessagesKeepTheirInterval() async throws {
        let stub = try HTTPStub { _ in .json(TelegramNotifierTests.delivered) }
        defer { stub.stop() }
        let queue = try Self.queue(stub, NotificationQueue.Settings(minimumInterval: 700))
        for number in 1...5 { queue.notify(Self.event(number)) }
        let runner = Task { await queue.run() }
        defer { runner.cancel() }
        #expect(await Self.eventually { stub.requests.count == 1 })
        #expect(Self.texts(stub) == ["5 events\n• 12:00:01 event 1\n• 12:00:02 event 2\n• 12:00:03 event 3\n• 12:00:04 event 4\n• 12:00:05 event 5"])
        let first = ContinuousClock.now
        queue.notify(Self.event(6))
        queue.notify(Self.event(7))
        #expect(await Self.eventually { stub.requests.count == 2 })
        #expect(ContinuousClock.now - first >= .milliseconds(600), "the second message waits for the interval")
        #expect(Self.texts(stub).last == "2 events\n• 12:00:06 event 6\n• 12:00:07 event 7")
        queue.notify(Self.event(8))
        #expect(await Self.eventually { stub.requests.count == 3 })
        #expect(Self.texts(stub).last == "12:00:08 event 8", "a lone event is its own line")
        // The stub records a request before it answers: the counts move once the answer is in.
        let expected = NotificationQueue.Counts(queued: 0, delivered: 8, messages: 3, dropped: 0, failedMessages: 0)
        #expect(await Self.eventually { queue.counts == expected }, "\(queue.counts)")
    }

    @Test func aFullQueueDropsTheOldestAndTheNextMessageSaysSo() async throws {
        let stub = try HTTPStub { _ in .json(TelegramNotifierTests.delivered) }
        defer { stub.stop() }
        let queue = try Self.queue(stub, NotificationQueue.Settings(capacity: 3, minimumInterval: 0))
        for number in 1...5 { queue.notify(Self.event(number)) }
        #expect(queue.counts.dropped == 2)
        #expect(queue.counts.queued == 3)
        let runner = Task { await queue.run() }
        defer { runner.cancel() }
        #expect(await Self.eventually { stub.requests.count == 1 })
        #expect(Self.texts(stub) == ["3 events\n• 12:00:03 event 3\n• 12:00:04 event 4\n• 12:00:05 event 5\n"
                                     + "(2 older events were dropped: the notification queue was full)"])
    }

    @Test func onlyTheConfiguredTopicsAreSent() async throws {
        let stub = try HTTPStub { _ in .json(TelegramNotifierTests.delivered) }
        defer { stub.stop() }
        let queue = try Self.queue(stub, NotificationQueue.Settings(topics: [.errors], minimumInterval: 0))
        queue.notify(Self.event(1, topic: .fills))
        queue.notify(Self.event(2, topic: .warnings))
        queue.notify(Self.event(3, topic: .errors))
        #expect(queue.counts.queued == 1)
        let record = ErrorLogRecord(id: "1", severity: "warning", category: "strategy", message: "refused", details: nil, createdAt: 0)
        #expect(NotificationEvent.error(record).topic == .warnings)
        #expect(NotificationEvent.error(record).text == "[warning] strategy: refused")
    }

    @Test func aSlowTelegramNeverSlowsNotify() async throws {
        // The hanging answer outlasts the whole test: were it to time out while the 10,000 are
        // queued, the runner would take one off and make room, and fewer would be dropped.
        let stub = try HTTPStub { _ in .json(TelegramNotifierTests.delivered, delay: 12) }
        defer { stub.stop() }
        let queue = try Self.queue(stub, NotificationQueue.Settings(capacity: 100, minimumInterval: 0), timeout: 10)
        let runner = Task { await queue.run() }
        defer { runner.cancel() }
        queue.notify(Self.event(0))
        #expect(await Self.eventually { stub.requests.count == 1 }, "a message is on its way and hangs")
        let started = ContinuousClock.now
        for number in 1...10_000 { queue.notify(Self.event(number)) }
        #expect(ContinuousClock.now - started < .milliseconds(500), "10,000 notifications queue at once while Telegram hangs")
        #expect(queue.counts.queued == 100)
        #expect(queue.counts.dropped >= 9_900)
    }

    @Test func aTransientFailureIsRetriedAndAPermanentOneDropped() async throws {
        let calls = Counter()
        let stub = try HTTPStub { _ in
            calls.next() == 0
                ? .json(#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#, status: 429)
                : .json(TelegramNotifierTests.delivered)
        }
        defer { stub.stop() }
        let reports = Mutex<[String]>([])
        let queue = NotificationQueue(channel: try TelegramNotifierTests.notifier(stub), settings: NotificationQueue.Settings(minimumInterval: 100)) { line in
            reports.withLock { $0.append(line) }
        }
        let runner = Task { await queue.run() }
        defer { runner.cancel() }
        let started = ContinuousClock.now
        queue.notify(Self.event(1))
        #expect(await Self.eventually { queue.counts.delivered == 1 })
        #expect(ContinuousClock.now - started >= .milliseconds(950), "Telegram's retry_after is honoured")
        #expect(Self.texts(stub) == ["12:00:01 event 1", "12:00:01 event 1"])
        #expect(reports.withLock { $0 }.count == 2, "one line for the failure, one for the recovery: \(reports.withLock { $0 })")

        stub.respond { _ in .json(#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#, status: 400) }
        queue.notify(Self.event(2))
        #expect(await Self.eventually { queue.counts.dropped == 1 })
        #expect(queue.counts.queued == 0)
        #expect(queue.counts.failedMessages == 2)
    }

    @Test func aMessageNeverPassesTelegramsLimit() {
        let long = (1...200).map { NotificationEvent(topic: .errors, text: String(repeating: "x", count: 100) + " \($0)", time: 0) }
        let batch = NotificationQueue.compose(long, drops: 7, maximumLength: 4096)
        #expect(batch.text.count <= 4096)
        #expect(batch.events.count > 1 && batch.events.count < 200, "as many as fit; the rest wait")
        #expect(batch.text.hasSuffix("(7 older events were dropped: the notification queue was full)"))
        let huge = NotificationEvent(topic: .errors, text: String(repeating: "y", count: 10_000), time: 0)
        let cut = NotificationQueue.compose([huge] + long, drops: 0, maximumLength: 4096)
        #expect(cut.events.count == 1)
        #expect(cut.text.count <= 4096 && cut.text.hasSuffix("…"))
    }

    @Test func aFillReadsAsALine() {
        let fill = FillRecord(id: "f", orderID: "o", symbol: "BTC/USDT", side: "Buy", quantity: ExactDecimal("0.01")!,
                              price: ExactDecimal("43250.5")!, fee: ExactDecimal("0.21")!, liquidity: "taker", executedAt: 0)
        #expect(NotificationEvent.fill(fill, strategy: "grid_btc").text == "Fill: Buy 0.01 BTC/USDT at 43250.5, fee 0.21 USDT (taker), strategy grid_btc")
        #expect(NotificationEvent.fill(fill, strategy: nil).text.hasSuffix("manual order"))
        #expect(NotificationTopic.parse("fills, errors") == [.fills, .errors])
        #expect(NotificationTopic.parse("none") == [])
        #expect(NotificationTopic.parse("fills,trades") == nil)
    }
}
