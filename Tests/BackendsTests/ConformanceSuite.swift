import Foundation
import XCTest
@testable import Backends
import Primitives

/// One specification of the storage contract, run against SQLite and PostgreSQL alike
/// (`SQLiteConformanceTests`, `PostgresConformanceTests`).
struct ConformanceSuite {
    let backend: Backend

    static let now = 1_769_601_600_000  // 2026-01-28T12:00:00Z

    static func user(_ name: String, role: String = "trader", createdAt: Int = now) -> UserRecord {
        UserRecord(id: UUID().uuidString.lowercased(), username: name, passwordHash: "pbkdf2$x", role: role,
                   createdAt: createdAt, updatedAt: createdAt)
    }

    static func order(_ id: String = UUID().uuidString.lowercased(), symbol: String = "BTC/USDT", status: String = "Open",
                      side: String = "Buy", quantity: String = "0.1", createdAt: Int = now) -> OrderRecord {
        OrderRecord(id: id, symbol: symbol, side: side, orderType: "Limit", quantity: ExactDecimal(quantity)!,
                    price: ExactDecimal("50000.00"), status: status, createdAt: createdAt, updatedAt: createdAt)
    }

    func migrationsAreRecordedAndIdempotent() async throws {
        let applied = try await Migrator.appliedVersions(backend.database)
        XCTAssertEqual(applied, Migrator.migrations(for: backend.database.dialect).map { $0.version })
        let again = try await Migrator.migrate(backend.database)
        XCTAssertEqual(again, [], "a second run applies nothing")
    }

    func usersRoundTripAndUsernamesAreUnique() async throws {
        let ann = Self.user("ann")
        try await backend.write { r throws(StorageError) in try r.users.insert(ann) }
        let value1 = try await backend.read { r throws(StorageError) in try r.users.find(username: "ann") }
        XCTAssertEqual(value1, ann)
        let value2 = try await backend.read { r throws(StorageError) in try r.users.find(id: ann.id) }
        XCTAssertEqual(value2, ann)
        do {
            try await backend.write { r throws(StorageError) in try r.users.insert(Self.user("ann")) }
            XCTFail("duplicate username accepted")
        } catch {
            guard case .uniqueViolation = error else { return XCTFail("\(error)") }
        }
        var changed = ann
        changed.role = "admin"
        changed.disabled = true
        changed.updatedAt = Self.now + 1
        let update = changed
        let value3 = try await backend.write { r throws(StorageError) in try r.users.update(update) }
        XCTAssertTrue(value3)
        let value4 = try await backend.read { r throws(StorageError) in try r.users.find(id: ann.id) }
        XCTAssertEqual(value4, changed)
        try await backend.write { r throws(StorageError) in try r.users.insert(Self.user("반도체", createdAt: Self.now + 1)) }
        let value5 = try await backend.read { r throws(StorageError) in try r.users.list().map { $0.username } }
        XCTAssertEqual(value5, ["ann", "반도체"])
        let value6 = try await backend.read { r throws(StorageError) in try r.users.count() }
        XCTAssertEqual(value6, 2)
    }

    func usernamesAreUniqueWhateverTheirCaseAndFoundExactly() async throws {
        let ann = Self.user("ann")
        try await backend.write { r throws(StorageError) in try r.users.insert(ann) }
        for taken in ["Ann", "ANN", "aNn"] {
            do {
                try await backend.write { r throws(StorageError) in try r.users.insert(Self.user(taken)) }
                XCTFail("\(taken) accepted beside ann")
            } catch {
                guard case .uniqueViolation = error else { return XCTFail("\(error)") }
            }
        }
        let found = try await backend.read { r throws(StorageError) in try r.users.find(username: "ANN") }
        XCTAssertNil(found, "lookups by name are exact")
        // ASCII letters are folded, the others not: the same on both databases, whatever
        // PostgreSQL's locale (new usernames are ASCII anyway).
        try await backend.write { repositories throws(StorageError) in
            try repositories.users.insert(Self.user("Émile"))
            try repositories.users.insert(Self.user("émile"))
        }
        let count = try await backend.read { r throws(StorageError) in try r.users.count() }
        XCTAssertEqual(count, 3)
    }

    func deletingAUserRemovesTheirKeysAndTokens() async throws {
        let bob = Self.user("bob")
        let key = APIKeyRecord(id: "k1", userID: bob.id, name: "bot", role: "viewer", prefix: "tsk_abcd", keyHash: "h1", createdAt: Self.now)
        let token = RefreshTokenRecord(id: "t1", userID: bob.id, familyID: "f1", tokenHash: "th1", createdAt: Self.now, expiresAt: Self.now + 1)
        try await backend.write { repositories throws(StorageError) in
            try repositories.users.insert(bob)
            try repositories.apiKeys.insert(key)
            try repositories.refreshTokens.insert(token)
        }
        let value7 = try await backend.write { r throws(StorageError) in try r.users.delete(id: bob.id) }
        XCTAssertTrue(value7)
        let value8 = try await backend.read { r throws(StorageError) in try r.apiKeys.find(hash: "h1") }
        XCTAssertNil(value8)
        let value9 = try await backend.read { r throws(StorageError) in try r.refreshTokens.find(hash: "th1") }
        XCTAssertNil(value9)
        let value10 = try await backend.write { r throws(StorageError) in try r.users.delete(id: bob.id) }
        XCTAssertFalse(value10)
    }

    func apiKeysNeedAnOwnerAndTrackUseAndRevocation() async throws {
        let orphan = APIKeyRecord(id: "k0", userID: "nobody", name: "x", role: "viewer", prefix: "p0", keyHash: "h0", createdAt: Self.now)
        do {
            try await backend.write { r throws(StorageError) in try r.apiKeys.insert(orphan) }
            XCTFail("a key without an owner was accepted")
        } catch {
            guard case .foreignKeyViolation = error else { return XCTFail("\(error)") }
        }
        let cy = Self.user("cy")
        try await backend.write { r throws(StorageError) in try r.users.insert(cy) }
        let key = APIKeyRecord(id: "k2", userID: cy.id, name: "bot", role: "viewer", prefix: "p2", keyHash: "h2", createdAt: Self.now,
                               expiresAt: Self.now + 86_400_000)
        try await backend.write { r throws(StorageError) in try r.apiKeys.insert(key) }
        let value11 = try await backend.write { r throws(StorageError) in try r.apiKeys.markUsed(id: "k2", at: Self.now + 5) }
        XCTAssertTrue(value11)
        let value12 = try await backend.write { r throws(StorageError) in try r.apiKeys.revoke(id: "k2", at: Self.now + 6) }
        XCTAssertTrue(value12)
        let value13 = try await backend.write { r throws(StorageError) in try r.apiKeys.revoke(id: "k2", at: Self.now + 7) }
        XCTAssertFalse(value13, "revoking twice changes nothing")
        let stored = try await backend.read { r throws(StorageError) in try r.apiKeys.find(id: "k2") }
        XCTAssertEqual(stored?.lastUsedAt, Self.now + 5)
        XCTAssertEqual(stored?.revokedAt, Self.now + 6)
        let value14 = try await backend.read { r throws(StorageError) in try r.apiKeys.list(userID: cy.id).map { $0.id } }
        XCTAssertEqual(value14, ["k2"])
        let value15 = try await backend.read { r throws(StorageError) in try r.apiKeys.list(userID: nil).count }
        XCTAssertEqual(value15, 1)
    }

    func refreshTokensAreSpentOnceAndRevokedByFamily() async throws {
        let dee = Self.user("dee")
        try await backend.write { repositories throws(StorageError) in
            try repositories.users.insert(dee)
            for index in 1...3 {
                try repositories.refreshTokens.insert(RefreshTokenRecord(
                    id: "t\(index)", userID: dee.id, familyID: index < 3 ? "fam" : "other", tokenHash: "hash\(index)",
                    createdAt: Self.now, expiresAt: Self.now + 1000))
            }
        }
        let value16 = try await backend.write { r throws(StorageError) in try r.refreshTokens.spend(id: "t1", at: Self.now + 1) }
        XCTAssertTrue(value16)
        let value17 = try await backend.write { r throws(StorageError) in try r.refreshTokens.spend(id: "t1", at: Self.now + 2) }
        XCTAssertFalse(value17, "a replay is detected")
        let value18 = try await backend.write { r throws(StorageError) in try r.refreshTokens.revokeFamily("fam", at: Self.now + 3) }
        XCTAssertEqual(value18, 2)
        let value19 = try await backend.read { r throws(StorageError) in try r.refreshTokens.find(hash: "hash3") }?.revokedAt
        XCTAssertNil(value19)
        let value20 = try await backend.write { r throws(StorageError) in try r.refreshTokens.revokeAll(userID: dee.id, at: Self.now + 4) }
        XCTAssertEqual(value20, 1)
    }

    func revokingAllTokensOfAUserCanKeepOneFamily() async throws {
        let eli = Self.user("eli")
        try await backend.write { repositories throws(StorageError) in
            try repositories.users.insert(eli)
            for (index, family) in ["kept", "kept", "other", "third"].enumerated() {
                try repositories.refreshTokens.insert(RefreshTokenRecord(
                    id: "e\(index)", userID: eli.id, familyID: family, tokenHash: "eh\(index)", createdAt: Self.now, expiresAt: Self.now + 1000))
            }
        }
        let revoked = try await backend.write { r throws(StorageError) in try r.refreshTokens.revokeAll(userID: eli.id, at: Self.now + 1, keeping: "kept") }
        XCTAssertEqual(revoked, 2)
        let open = try await backend.read { r throws(StorageError) in
            (try r.refreshTokens.familyIsActive("kept", userID: eli.id),
             try r.refreshTokens.familyIsActive("other", userID: eli.id),
             try r.refreshTokens.familyIsActive("third", userID: eli.id))
        }
        XCTAssertTrue(open.0)
        XCTAssertFalse(open.1)
        XCTAssertFalse(open.2)
    }

    func ordersKeepExactDecimalsAndFilterByStatus() async throws {
        var order = Self.order("00000000-0000-4000-8000-000000000001")
        order.quantity = ExactDecimal("0.1")! + ExactDecimal("0.2")!
        order.price = ExactDecimal("12345678901234.5678")
        let inserted = order
        try await backend.write { r throws(StorageError) in try r.orders.insert(inserted) }
        let stored = try await backend.read { r throws(StorageError) in try r.orders.find(id: inserted.id) }
        XCTAssertEqual(stored?.quantity.description, "0.3")
        XCTAssertEqual(stored?.price?.description, "12345678901234.5678")
        XCTAssertEqual(stored, order)
        try await backend.write { repositories throws(StorageError) in
            try repositories.orders.insert(Self.order(status: "Filled", createdAt: Self.now + 1))
            try repositories.orders.insert(Self.order(symbol: "ETH/USDT", status: "PartiallyFilled", side: "Sell", createdAt: Self.now + 2))
            try repositories.orders.insert(Self.order(status: "Pending", createdAt: Self.now + 3))
        }
        let active = try await backend.read { r throws(StorageError) in try r.orders.list(statuses: OrderRepository.activeStatuses) }
        XCTAssertEqual(active.map { $0.status }, ["Pending", "PartiallyFilled", "Open"], "newest first")
        let value21 = try await backend.read { r throws(StorageError) in try r.orders.list(statuses: OrderRepository.activeStatuses, symbol: "ETH/USDT").count }
        XCTAssertEqual(value21, 1)
        let value22 = try await backend.read { r throws(StorageError) in try r.orders.list(statuses: OrderRepository.activeStatuses, limit: 1, offset: 1).map { $0.status } }
        XCTAssertEqual(value22,
                       ["PartiallyFilled"])
        let counts = try await backend.read { r throws(StorageError) in try r.orders.activeCounts() }
        XCTAssertEqual(counts.byStatus, ["Pending": 1, "Open": 1, "PartiallyFilled": 1])
        XCTAssertEqual(counts.bySide, ["Buy": 2, "Sell": 1])
        var filled = order
        filled.status = "Filled"
        filled.filledQuantity = ExactDecimal("0.3")!
        filled.averageFillPrice = ExactDecimal("49990.5")
        filled.updatedAt = Self.now + 10
        let update = filled
        let value23 = try await backend.write { r throws(StorageError) in try r.orders.update(update) }
        XCTAssertTrue(value23)
        let value24 = try await backend.read { r throws(StorageError) in try r.orders.find(id: inserted.id) }
        XCTAssertEqual(value24, filled)
    }

    func batchedOrdersRoundTripThroughTheBulkPath() async throws {
        var orders = (0..<3).map { Self.order("batch-\($0)", createdAt: Self.now + $0) }
        orders[1].exchangeOrderID = "ex\t\\1"
        orders[2].cancelReason = "줄바꿈\nreason"
        orders[2].price = nil
        let batch = orders
        try await backend.write { r throws(StorageError) in try r.orders.insert(batch) }
        for order in orders {
            let stored = try await backend.read { r throws(StorageError) in try r.orders.find(id: order.id) }
            XCTAssertEqual(stored, order)
        }
    }

    func aFailingTransactionLeavesNothingBehind() async throws {
        struct Abort: Error {}
        do {
            try await backend.write { repositories throws(StorageError) in
                try repositories.users.insert(Self.user("eve"))
                try repositories.orders.insert(Self.order())
                try repositories.users.insert(Self.user("eve"))  // unique violation aborts everything
            }
            XCTFail("expected a unique violation")
        } catch {}
        let value25 = try await backend.read { r throws(StorageError) in try r.users.find(username: "eve") }
        XCTAssertNil(value25)
        let value26 = try await backend.read { r throws(StorageError) in try r.orders.count(statuses: ["Open"]) }
        XCTAssertEqual(value26, 0)
    }

    func concurrentWritersAllLand() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<25 {
                        try await backend.write { r throws(StorageError) in try r.orders.insert(Self.order(createdAt: Self.now + writer * 1000 + index)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let value27 = try await backend.read { r throws(StorageError) in try r.orders.count(statuses: ["Open"]) }
        XCTAssertEqual(value27, 200)
    }

    func candlesAreReplacedAndSummarised() async throws {
        let candles = (0..<100).map { index in
            CandleRecord(timestamp: Self.now + index * 60_000, open: ExactDecimal("65000.10")!, high: ExactDecimal("65100")!,
                         low: ExactDecimal("64900.5")!, close: ExactDecimal("65050.25")!, volume: ExactDecimal("\(index).125")!)
        }
        try await backend.write { r throws(StorageError) in try r.candles.replace(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", candles: candles, at: Self.now) }
        // Importing the same range again replaces rather than duplicates.
        try await backend.write { r throws(StorageError) in try r.candles.replace(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", candles: candles, at: Self.now) }
        let series = try await backend.read { r throws(StorageError) in try r.candles.series() }
        XCTAssertEqual(series, [CandleSeriesInfo(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", firstTimestamp: Self.now,
                                                 lastTimestamp: Self.now + 99 * 60_000, count: 100, source: CandleSource.real)])
        let window = try await backend.read { r throws(StorageError) in
            try r.candles.candles(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", from: Self.now + 10 * 60_000, to: Self.now + 19 * 60_000)
        }
        XCTAssertEqual(window, Array(candles[10...19]))
        let newest = try await backend.read { r throws(StorageError) in try r.candles.candles(ticker: "BTC-USDT", market: "CRYPTO", timeframe: "1m", limit: 3, newest: true) }
        XCTAssertEqual(newest, Array(candles[97...99]))
    }

    func timestampsSurviveAnyTimeZone() async throws {
        let early = OrderRecord(id: "early", symbol: "GOOG", side: "Buy", orderType: "Market", quantity: ExactDecimal(1),
                                status: "Open", createdAt: -86_400_000, updatedAt: 32_503_680_000_000)
        try await backend.write { r throws(StorageError) in try r.orders.insert(early) }
        let value28 = try await backend.read { r throws(StorageError) in try r.orders.find(id: "early") }
        XCTAssertEqual(value28, early)
    }

    func settingsHoldJSON() async throws {
        let value29 = try await backend.read { r throws(StorageError) in try r.settings.value("jwt") }
        XCTAssertNil(value29)
        try await backend.write { r throws(StorageError) in try r.settings.set("watch", json: #"{"name":"반도체 관련주"}"#, at: Self.now) }
        try await backend.write { r throws(StorageError) in try r.settings.set("watch", json: #"{"name":"second"}"#, at: Self.now + 1) }
        let value = try await backend.read { r throws(StorageError) in try r.settings.value("watch") }
        XCTAssertEqual(value.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }, ["name": "second"])
        let claims = try await backend.write { r throws(StorageError) in
            [try r.settings.insertIfAbsent("once", json: "1", at: Self.now), try r.settings.insertIfAbsent("once", json: "2", at: Self.now)]
        }
        XCTAssertEqual(claims, [true, false])
        let kept = try await backend.read { r throws(StorageError) in try r.settings.value("once") }
        XCTAssertEqual(kept, "1", "the first value stays")
    }
}
