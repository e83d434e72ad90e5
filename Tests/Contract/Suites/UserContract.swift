import XCTest

/// User management (admin only).
extension ContractSuite {
    func createdUserIsListed() throws {
        let admin = try admin()
        let username = Self.uniqueName("trader")
        let created = try admin.call("createUser", body: ["username": .string(username), "password": "long-enough-password", "role": "trader"])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created["username"], .string(username))
        XCTAssertEqual(created["role"], "trader")
        XCTAssertEqual(created["disabled"], false)
        let listed = try admin.call("listUsers")
        XCTAssertEqual(listed.status, 200)
        let users = try XCTUnwrap(listed["users"].array)
        XCTAssertTrue(users.contains(try XCTUnwrap(created.json)), "the created user is listed as created")
        XCTAssertEqual(listed["total"].integer, users.count)
    }

    func listUsersPagesWithLimitAndOffset() throws {
        let admin = try admin()
        _ = try account("viewer")
        let all = try XCTUnwrap(try admin.call("listUsers")["users"].array)
        XCTAssertGreaterThanOrEqual(all.count, 2)
        let page = try admin.call("listUsers", query: ["limit": "1", "offset": "1"])
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page["users"].array, [all[1]], "limit 1 from offset 1 is the second user")
        XCTAssertEqual(page["total"].integer, all.count, "total counts every user, not the page")
    }

    func listUsersRefusesALimitOutOfRange() throws {
        assertValidationError(try admin().call("listUsers", query: ["limit": "0"]), field: "query.limit")
    }

    func userManagementNeedsAnAdmin() throws {
        let trader = try account("trader")
        assertError(try trader.client.call("listUsers"), 403, "INSUFFICIENT_PERMISSION")
        assertError(try trader.client.call("createUser", body: ["username": "sneaky", "password": "long-enough-password", "role": "admin"]),
                    403, "INSUFFICIENT_PERMISSION")
        assertError(try trader.client.call("updateUser", path: ["id": trader.id], body: ["role": "admin"]), 403, "INSUFFICIENT_PERMISSION")
        assertError(try trader.client.call("deleteUser", path: ["id": trader.id]), 403, "INSUFFICIENT_PERMISSION")
        assertError(try api.call("listUsers"), 401, "MISSING_TOKEN")
    }

    func createUserRefusesATakenUsername() throws {
        let viewer = try account("viewer")
        let response = try admin().call("createUser", body: ["username": .string(viewer.username), "password": "long-enough-password", "role": "viewer"])
        assertError(response, 409, "CONFLICT")
    }

    func createUserRefusesAUsernameDifferingOnlyInCase() throws {
        let viewer = try account("viewer")
        for variant in [viewer.username.uppercased(), viewer.username.capitalized] {
            let response = try admin().call("createUser", body: ["username": .string(variant), "password": "long-enough-password", "role": "viewer"])
            assertError(response, 409, "CONFLICT")
        }
    }

    func createUserRefusesAnInvalidBody() throws {
        let admin = try admin()
        let cases: [(body: JSONInstance, field: String)] = [
            (["username": "ab", "password": "long-enough-password", "role": "viewer"], "username"),
            (["username": .string(Self.uniqueName("short")), "password": "short", "role": "viewer"], "password"),
            (["username": .string(Self.uniqueName("boss")), "password": "long-enough-password", "role": "boss"], "role"),
            // U+0000: PostgreSQL text cannot hold it (libpq would cut the name there), so no backend takes it.
            (["username": .string("nul\u{0}" + Self.uniqueName("cut")), "password": "long-enough-password", "role": "viewer"], "body"),
        ]
        for (body, field) in cases {
            assertValidationError(try admin.call("createUser", body: body), field: field)
        }
    }

    func updateUserChangesTheRole() throws {
        let viewer = try account("viewer")
        let response = try admin().call("updateUser", path: ["id": viewer.id], body: ["role": "trader"])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["role"], "trader")
        XCTAssertEqual(try viewer.client.call("getCurrentUser")["role"], "trader", "the user now is a trader")
    }

    func disablingAUserStopsTheirLogin() throws {
        let viewer = try account("viewer")
        let response = try admin().call("updateUser", path: ["id": viewer.id], body: ["disabled": true])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["disabled"], true)
        let login = try api.call("login", body: ["username": .string(viewer.username), "password": .string(viewer.password)])
        XCTAssertEqual(login.status, 401, login.message.summary)
        assertError(try api.call("refreshToken", body: ["refresh_token": .string(viewer.refreshToken)]), 401, "INVALID_TOKEN")
    }

    func updateUserRefusesAnEmptyChange() throws {
        // UpdateUserRequest has minProperties: 1 ("at least one field").
        let viewer = try account("viewer")
        assertError(try admin().call("updateUser", path: ["id": viewer.id], body: [:]), 400, "VALIDATION_ERROR")
    }

    func updateUserAnswersNotFoundForAnUnknownUser() throws {
        assertError(try admin().call("updateUser", path: ["id": Self.unknownID], body: ["disabled": true]), 404, "NOT_FOUND")
    }

    func updateUserRefusesAnIdThatIsNotAUUID() throws {
        assertValidationError(try admin().call("updateUser", path: ["id": "not-a-uuid"], body: ["disabled": true]), field: "path.id")
    }

    func updatingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws {
        let admin = try account("admin")
        let other = try login(admin.username, admin.password)
        let missing = try admin.client.call("updateUser", path: ["id": admin.id], body: ["password": "a-new-long-password"])
        assertError(missing, 401, "INVALID_CREDENTIALS")
        XCTAssertTrue(missing["message"].string?.contains("current_password") ?? false, missing.message.summary)
        assertError(try admin.client.call("updateUser", path: ["id": admin.id],
                                          body: ["password": "a-new-long-password", "current_password": "not-the-password"]),
                    401, "INVALID_CREDENTIALS")
        XCTAssertEqual(try api.bearer(other.access).call("getCurrentUser").status, 200, "nothing changed yet")

        let changed = try admin.client.call("updateUser", path: ["id": admin.id],
                                            body: ["password": "a-new-long-password", "current_password": .string(admin.password)])
        XCTAssertEqual(changed.status, 200)
        XCTAssertEqual(try admin.client.call("getCurrentUser").status, 200, "the caller's session stays")
        assertError(try api.bearer(other.access).call("getCurrentUser"), 401, "INVALID_TOKEN")
        _ = try login(admin.username, "a-new-long-password")
    }

    func updateUserSetsAnotherUsersPasswordWithoutTheCurrentOne() throws {
        let viewer = try account("viewer")
        let response = try admin().call("updateUser", path: ["id": viewer.id], body: ["password": "set-by-the-admin"])
        XCTAssertEqual(response.status, 200)
        assertError(try viewer.client.call("getCurrentUser"), 401, "INVALID_TOKEN")
        _ = try login(viewer.username, "set-by-the-admin")
    }

    func updateUserRefusesABodyNamingAMemberTwice() throws {
        let viewer = try account("viewer")
        let response = try admin().call("updateUser", path: ["id": viewer.id], rawBody: #"{"disabled":false,"disabled":true}"#)
        assertValidationError(response, field: "body.disabled")
        XCTAssertEqual(try viewer.client.call("getCurrentUser").status, 200, "the user was not disabled")
    }

    func updateUserKeepsAnEnabledAdmin() throws {
        let admin = try admin()
        let me = try admin.call("getCurrentUser")
        let id = try XCTUnwrap(me["id"].string)
        assertError(try admin.call("updateUser", path: ["id": id], body: ["role": "viewer"]), 409, "CONFLICT")
        assertError(try admin.call("updateUser", path: ["id": id], body: ["disabled": true]), 409, "CONFLICT")
    }

    func deletedUserIsGone() throws {
        let admin = try admin()
        let viewer = try account("viewer")
        let response = try admin.call("deleteUser", path: ["id": viewer.id])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["success"], true)
        let users = try admin.call("listUsers")["users"].array ?? []
        XCTAssertFalse(users.contains { $0["id"]?.string == viewer.id }, "the deleted user is not listed")
        XCTAssertEqual(try viewer.client.call("getCurrentUser").status, 401, "their token no longer authenticates")
        assertError(try admin.call("deleteUser", path: ["id": viewer.id]), 404, "NOT_FOUND")
    }

    func deletingOneselfIsAConflict() throws {
        // The spec: "An admin cannot delete itself, so an admin always remains."
        let admin = try admin()
        let id = try XCTUnwrap(try admin.call("getCurrentUser")["id"].string)
        assertError(try admin.call("deleteUser", path: ["id": id]), 409, "CONFLICT")
    }
}

/// User management on SQLite.
final class SQLiteUserContractTests: SQLiteContractTestCase {
    func testCreatedUserIsListed() throws { try suite.createdUserIsListed() }
    func testListUsersPagesWithLimitAndOffset() throws { try suite.listUsersPagesWithLimitAndOffset() }
    func testListUsersRefusesALimitOutOfRange() throws { try suite.listUsersRefusesALimitOutOfRange() }
    func testUserManagementNeedsAnAdmin() throws { try suite.userManagementNeedsAnAdmin() }
    func testCreateUserRefusesATakenUsername() throws { try suite.createUserRefusesATakenUsername() }
    func testCreateUserRefusesAUsernameDifferingOnlyInCase() throws { try suite.createUserRefusesAUsernameDifferingOnlyInCase() }
    func testCreateUserRefusesAnInvalidBody() throws { try suite.createUserRefusesAnInvalidBody() }
    func testUpdateUserChangesTheRole() throws { try suite.updateUserChangesTheRole() }
    func testDisablingAUserStopsTheirLogin() throws { try suite.disablingAUserStopsTheirLogin() }
    func testUpdateUserRefusesAnEmptyChange() throws { try suite.updateUserRefusesAnEmptyChange() }
    func testUpdateUserAnswersNotFoundForAnUnknownUser() throws { try suite.updateUserAnswersNotFoundForAnUnknownUser() }
    func testUpdateUserRefusesAnIdThatIsNotAUUID() throws { try suite.updateUserRefusesAnIdThatIsNotAUUID() }
    func testUpdatingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws {
        try suite.updatingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions()
    }
    func testUpdateUserSetsAnotherUsersPasswordWithoutTheCurrentOne() throws { try suite.updateUserSetsAnotherUsersPasswordWithoutTheCurrentOne() }
    func testUpdateUserRefusesABodyNamingAMemberTwice() throws { try suite.updateUserRefusesABodyNamingAMemberTwice() }
    func testUpdateUserKeepsAnEnabledAdmin() throws { try suite.updateUserKeepsAnEnabledAdmin() }
    func testDeletedUserIsGone() throws { try suite.deletedUserIsGone() }
    func testDeletingOneselfIsAConflict() throws { try suite.deletingOneselfIsAConflict() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// User management on PostgreSQL.
final class PostgresUserContractTests: PostgresContractTestCase {
    func testCreatedUserIsListed() throws { try suite.createdUserIsListed() }
    func testListUsersPagesWithLimitAndOffset() throws { try suite.listUsersPagesWithLimitAndOffset() }
    func testListUsersRefusesALimitOutOfRange() throws { try suite.listUsersRefusesALimitOutOfRange() }
    func testUserManagementNeedsAnAdmin() throws { try suite.userManagementNeedsAnAdmin() }
    func testCreateUserRefusesATakenUsername() throws { try suite.createUserRefusesATakenUsername() }
    func testCreateUserRefusesAUsernameDifferingOnlyInCase() throws { try suite.createUserRefusesAUsernameDifferingOnlyInCase() }
    func testCreateUserRefusesAnInvalidBody() throws { try suite.createUserRefusesAnInvalidBody() }
    func testUpdateUserChangesTheRole() throws { try suite.updateUserChangesTheRole() }
    func testDisablingAUserStopsTheirLogin() throws { try suite.disablingAUserStopsTheirLogin() }
    func testUpdateUserRefusesAnEmptyChange() throws { try suite.updateUserRefusesAnEmptyChange() }
    func testUpdateUserAnswersNotFoundForAnUnknownUser() throws { try suite.updateUserAnswersNotFoundForAnUnknownUser() }
    func testUpdateUserRefusesAnIdThatIsNotAUUID() throws { try suite.updateUserRefusesAnIdThatIsNotAUUID() }
    func testUpdatingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws {
        try suite.updatingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions()
    }
    func testUpdateUserSetsAnotherUsersPasswordWithoutTheCurrentOne() throws { try suite.updateUserSetsAnotherUsersPasswordWithoutTheCurrentOne() }
    func testUpdateUserRefusesABodyNamingAMemberTwice() throws { try suite.updateUserRefusesABodyNamingAMemberTwice() }
    func testUpdateUserKeepsAnEnabledAdmin() throws { try suite.updateUserKeepsAnEnabledAdmin() }
    func testDeletedUserIsGone() throws { try suite.deletedUserIsGone() }
    func testDeletingOneselfIsAConflict() throws { try suite.deletingOneselfIsAConflict() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
