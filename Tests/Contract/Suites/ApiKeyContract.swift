import XCTest

/// API keys: created by their owner, sent as `X-API-Key`, revoked by deleting them.
extension ContractSuite {
    func createdKeyAuthenticatesWithItsOwnRole() throws {
        let trader = try account("trader")
        let created = try trader.client.call("createApiKey", body: ["name": "bot", "role": "viewer"])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created["name"], "bot")
        XCTAssertEqual(created["role"], "viewer")
        XCTAssertEqual(created["user_id"], .string(trader.id))
        XCTAssertEqual(created["expires_at"], .null, "a key without expires_at never expires")
        let key = try XCTUnwrap(created["key"].string)
        XCTAssertTrue(key.contains(try XCTUnwrap(created["prefix"].string)), "the prefix recognises the key")
        let me = try api.apiKey(key).call("getCurrentUser")
        XCTAssertEqual(me.status, 200)
        XCTAssertEqual(me["id"], .string(trader.id), "the key acts for its owner")
        assertError(try api.apiKey(key).call("createApiKey", body: ["name": "escalate", "role": "trader"]), 403, "INSUFFICIENT_PERMISSION")
    }

    func anApiKeyCannotCreateApiKeys() throws {
        let trader = try account("trader")
        let parent = try trader.client.call("createApiKey", body: ["name": "parent", "role": "trader"])
        let key = try XCTUnwrap(parent["key"].string)
        let refused = try api.apiKey(key).call("createApiKey", body: ["name": "child", "role": "viewer"])
        assertError(refused, 403, "INSUFFICIENT_PERMISSION")
        let ids = (try trader.client.call("listApiKeys")["api_keys"].array ?? []).compactMap { $0["id"]?.string }
        XCTAssertEqual(ids, [try XCTUnwrap(parent["id"].string)], "no key was made")
    }

    func listedKeysAreTheCallersAndNeverShowTheSecret() throws {
        let viewer = try account("viewer")
        let other = try account("viewer")
        let mine = try viewer.client.call("createApiKey", body: ["name": "mine", "role": "viewer"])
        _ = try other.client.call("createApiKey", body: ["name": "theirs", "role": "viewer"])
        let listed = try viewer.client.call("listApiKeys")
        XCTAssertEqual(listed.status, 200)
        let keys = try XCTUnwrap(listed["api_keys"].array)
        XCTAssertEqual(keys.compactMap { $0["id"]?.string }, [try XCTUnwrap(mine["id"].string)], "only the caller's own key")
        XCTAssertEqual(listed["total"], 1)
        XCTAssertNil(keys.first?["key"], "the secret is shown only when the key is created")
    }

    func anAdminListsEveryKey() throws {
        let viewer = try account("viewer")
        let created = try viewer.client.call("createApiKey", body: ["name": "seen-by-admin", "role": "viewer"])
        let listed = try admin().call("listApiKeys")
        XCTAssertEqual(listed.status, 200)
        let ids = (listed["api_keys"].array ?? []).compactMap { $0["id"]?.string }
        XCTAssertTrue(ids.contains(try XCTUnwrap(created["id"].string)), "an admin sees every key")
    }

    func createApiKeyRefusesARoleAboveTheCaller() throws {
        let viewer = try account("viewer")
        assertError(try viewer.client.call("createApiKey", body: ["name": "too-strong", "role": "admin"]), 403, "INSUFFICIENT_PERMISSION")
    }

    func createApiKeyRefusesAnInvalidBody() throws {
        let viewer = try account("viewer")
        let cases: [(body: JSONInstance, field: String)] = [
            (["role": "viewer"], "name"),
            (["name": "", "role": "viewer"], "name"),
            (["name": "bad-expiry", "role": "viewer", "expires_at": "tomorrow"], "expires_at"),
        ]
        for (body, field) in cases {
            assertValidationError(try viewer.client.call("createApiKey", body: body), field: field)
        }
    }

    func createApiKeyExpiringInThePastIsAConflict() throws {
        let viewer = try account("viewer")
        assertError(try viewer.client.call("createApiKey", body: ["name": "past", "role": "viewer", "expires_at": "2001-01-01T00:00:00Z"]),
                    409, "CONFLICT")
    }

    func apiKeysNeedAuthentication() throws {
        assertError(try api.call("listApiKeys"), 401, "MISSING_TOKEN")
        assertError(try api.call("createApiKey", body: ["name": "anonymous", "role": "viewer"]), 401, "MISSING_TOKEN")
        assertError(try api.call("deleteApiKey", path: ["id": Self.unknownID]), 401, "MISSING_TOKEN")
        assertError(try api.apiKey("tsk_not_a_real_key").call("listApiKeys"), 401, "INVALID_TOKEN")
    }

    func deletedKeyNoLongerAuthenticates() throws {
        let viewer = try account("viewer")
        let created = try viewer.client.call("createApiKey", body: ["name": "short-lived", "role": "viewer"])
        let id = try XCTUnwrap(created["id"].string)
        let key = try XCTUnwrap(created["key"].string)
        let response = try viewer.client.call("deleteApiKey", path: ["id": id])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["success"], true)
        assertError(try api.apiKey(key).call("getCurrentUser"), 401, "INVALID_TOKEN")
        XCTAssertEqual(try viewer.client.call("listApiKeys")["total"], 0)
        assertError(try viewer.client.call("deleteApiKey", path: ["id": id]), 404, "NOT_FOUND")
    }

    func someoneElsesKeyIsNotFound() throws {
        let owner = try account("viewer")
        let stranger = try account("viewer")
        let created = try owner.client.call("createApiKey", body: ["name": "not-yours", "role": "viewer"])
        let id = try XCTUnwrap(created["id"].string)
        assertError(try stranger.client.call("deleteApiKey", path: ["id": id]), 404, "NOT_FOUND")
        XCTAssertEqual(try owner.client.call("listApiKeys")["total"], 1, "the key survives")
    }

    func deleteApiKeyRefusesAnIdThatIsNotAUUID() throws {
        assertValidationError(try admin().call("deleteApiKey", path: ["id": "42"]), field: "path.id")
    }
}

/// API keys on SQLite.
final class SQLiteApiKeyContractTests: SQLiteContractTestCase {
    func testCreatedKeyAuthenticatesWithItsOwnRole() throws { try suite.createdKeyAuthenticatesWithItsOwnRole() }
    func testAnApiKeyCannotCreateApiKeys() throws { try suite.anApiKeyCannotCreateApiKeys() }
    func testListedKeysAreTheCallersAndNeverShowTheSecret() throws { try suite.listedKeysAreTheCallersAndNeverShowTheSecret() }
    func testAnAdminListsEveryKey() throws { try suite.anAdminListsEveryKey() }
    func testCreateApiKeyRefusesARoleAboveTheCaller() throws { try suite.createApiKeyRefusesARoleAboveTheCaller() }
    func testCreateApiKeyRefusesAnInvalidBody() throws { try suite.createApiKeyRefusesAnInvalidBody() }
    func testCreateApiKeyExpiringInThePastIsAConflict() throws { try suite.createApiKeyExpiringInThePastIsAConflict() }
    func testApiKeysNeedAuthentication() throws { try suite.apiKeysNeedAuthentication() }
    func testDeletedKeyNoLongerAuthenticates() throws { try suite.deletedKeyNoLongerAuthenticates() }
    func testSomeoneElsesKeyIsNotFound() throws { try suite.someoneElsesKeyIsNotFound() }
    func testDeleteApiKeyRefusesAnIdThatIsNotAUUID() throws { try suite.deleteApiKeyRefusesAnIdThatIsNotAUUID() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// API keys on PostgreSQL.
final class PostgresApiKeyContractTests: PostgresContractTestCase {
    func testCreatedKeyAuthenticatesWithItsOwnRole() throws { try suite.createdKeyAuthenticatesWithItsOwnRole() }
    func testAnApiKeyCannotCreateApiKeys() throws { try suite.anApiKeyCannotCreateApiKeys() }
    func testListedKeysAreTheCallersAndNeverShowTheSecret() throws { try suite.listedKeysAreTheCallersAndNeverShowTheSecret() }
    func testAnAdminListsEveryKey() throws { try suite.anAdminListsEveryKey() }
    func testCreateApiKeyRefusesARoleAboveTheCaller() throws { try suite.createApiKeyRefusesARoleAboveTheCaller() }
    func testCreateApiKeyRefusesAnInvalidBody() throws { try suite.createApiKeyRefusesAnInvalidBody() }
    func testCreateApiKeyExpiringInThePastIsAConflict() throws { try suite.createApiKeyExpiringInThePastIsAConflict() }
    func testApiKeysNeedAuthentication() throws { try suite.apiKeysNeedAuthentication() }
    func testDeletedKeyNoLongerAuthenticates() throws { try suite.deletedKeyNoLongerAuthenticates() }
    func testSomeoneElsesKeyIsNotFound() throws { try suite.someoneElsesKeyIsNotFound() }
    func testDeleteApiKeyRefusesAnIdThatIsNotAUUID() throws { try suite.deleteApiKeyRefusesAnIdThatIsNotAUUID() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
