import Glibc
import Synchronization
import XCTest
@testable import Accounts

/// The gate PBKDF2 runs through: never more than its width at once, and every job runs.
final class HashingGateTests: XCTestCase {
    private final class Gauge: Sendable {
        let state = Mutex((running: 0, highest: 0))
        func enter() { state.withLock { $0.running += 1; $0.highest = max($0.highest, $0.running) } }
        func leave() { state.withLock { $0.running -= 1 } }
    }

    func testAtMostWidthJobsRunAtOnceAndAllFinish() async {
        let gate = HashingGate(width: 2)
        let gauge = Gauge()
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask {
                    await gate.run {
                        gauge.enter()
                        usleep(2_000)
                        gauge.leave()
                        return index
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(results.sorted(), Array(0..<40))
        XCTAssertLessThanOrEqual(gauge.state.withLock { $0.highest }, 2)
    }
}
