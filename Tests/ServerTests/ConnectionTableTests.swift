import XCTest
@testable import Server

final class ConnectionTableTests: XCTestCase {
    private final class Box {
        let id: UInt64
        init(_ id: UInt64) { self.id = id }
    }

    /// Random inserts, replacements and removals agree with a Dictionary at every step, through
    /// growth and the backward shifts of removal.
    func testItAgreesWithADictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = ConnectionTable<Box>()
        var reference: [UInt64: Box] = [:]
        var next: UInt64 = 16
        for step in 0..<20_000 {
            switch UInt8.random(in: 0..<10, using: &generator) {
            case 0..<5:
                next += UInt64.random(in: 1...3, using: &generator)
                let box = Box(next)
                table[next] = box
                reference[next] = box
            case 5..<8:
                if let key = reference.keys.randomElement(using: &generator) {
                    XCTAssertTrue(table.removeValue(forKey: key) === reference.removeValue(forKey: key))
                }
            case 8:
                XCTAssertNil(table.removeValue(forKey: next + 1_000))
            default:
                if let key = reference.keys.randomElement(using: &generator) {
                    let box = Box(key)
                    table[key] = box
                    reference[key] = box
                }
            }
            XCTAssertEqual(table.count, reference.count)
            if step % 500 == 0 {
                for (key, box) in reference { XCTAssertTrue(table[key] === box, "key \(key) at step \(step)") }
                XCTAssertEqual(Set(table.all.map(\.id)), Set(reference.keys))
            }
        }
        for key in Array(reference.keys) { table[key] = nil }
        XCTAssertTrue(table.isEmpty)
        XCTAssertNil(table[17])
    }

    /// Ids that collide on their home slot (a full run) are all found, and removing the first
    /// of the run keeps the others reachable.
    func testARunStaysReachableAfterARemoval() {
        var table = ConnectionTable<Box>()
        let keys: [UInt64] = (1...7).map { $0 * 16 }
        for key in keys { table[key] = Box(key) }
        table[keys[0]] = nil
        for key in keys.dropFirst() { XCTAssertEqual(table[key]?.id, key) }
        XCTAssertEqual(table.count, 6)
    }
}
