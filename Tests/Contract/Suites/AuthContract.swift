import XCTest

/// Login, token refresh (rotation), logout and the current user.
extension ContractSuite {
    func loginAnswersATokenPairThatAuthenticates() throws {
        let response = try api.call("login", body: ["username": .string(ServerProcess.adminUsername),
                                                     "password": .string(ServerProcess.adminPassword)])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["token_type"], "Bearer")
        XCTAssertEqual(response["expires_in"], 1800, "the default access-token lifetime")
        let me = try api.bearer(try XCTUnwrap(response["access_token"].string)).call("getCurrentUser")
        XCTAssertEqual(me.status, 200)
        XCTAssertEqual(me["username"], .string(ServerProcess.adminUsername))
        XCTAssertEqual(me["role"], "admin")
    }

    func loginRefusesAWrongPassword() throws {
        let response = try api.call("login", body: ["username": .string(ServerProcess.adminUsername), "password": "not-the-password"])
        assertError(response, 401, "INVALID_CREDENTIALS")
    }

    func loginRefusesAnUnknownUserLikeAWrongPassword() throws {
        let response = try api.call("login", body: ["username": .string(Self.uniqueName("nobody")), "password": "whatever-password"])
        assertError(response, 401, "INVALID_CREDENTIALS")
    }

    func loginRefusesMalformedJSON() throws {
        assertValidationError(try api.call("login", rawBody: "{\"username\": "), field: "body")
    }

    func loginRefusesABodyWithoutThePassword() throws {
        assertValidationError(try api.call("login", body: ["username": "admin"]), field: "password")
    }

    func loginRefusesUnknownFields() throws {
        assertValidationError(try api.call("login", body: ["username": "admin", "password": "x", "remember_me": true]), field: "remember_me")
    }

    func loginRefusesABodyNamingAMemberTwice() throws {
        // The first `username` is the admin's, the password is the admin's: only a reader
        // taking the first of the two would let this in.
        let body = #"{"username":"\#(ServerProcess.adminUsername)","password":"\#(ServerProcess.adminPassword)","username":"nobody"}"#
        let response = try api.call("login", rawBody: body)
        assertValidationError(response, field: "body.username")
        XCTAssertEqual(response["details"].array?.first?["message"], "is given more than once")
    }

    func loginMatchesTheUsernameExactly() throws {
        let viewer = try account("viewer")
        for other in [viewer.username.uppercased(), viewer.username.capitalized] {
            assertError(try api.call("login", body: ["username": .string(other), "password": .string(viewer.password)]), 401, "INVALID_CREDENTIALS")
        }
    }

    func refreshRotatesTheTokenPair() throws {
        let tokens = try login(ServerProcess.adminUsername, ServerProcess.adminPassword)
        let response = try api.call("refreshToken", body: ["refresh_token": .string(tokens.refresh)])
        XCTAssertEqual(response.status, 200)
        let refresh = try XCTUnwrap(response["refresh_token"].string)
        XCTAssertNotEqual(refresh, tokens.refresh, "a new refresh token")
        let me = try api.bearer(try XCTUnwrap(response["access_token"].string)).call("getCurrentUser")
        XCTAssertEqual(me.status, 200, "the new access token authenticates")
    }

    func refreshWithASpentTokenRevokesTheFamily() throws {
        let tokens = try login(ServerProcess.adminUsername, ServerProcess.adminPassword)
        let rotated = try api.call("refreshToken", body: ["refresh_token": .string(tokens.refresh)])
        XCTAssertEqual(rotated.status, 200)
        assertError(try api.call("refreshToken", body: ["refresh_token": .string(tokens.refresh)]), 401, "INVALID_TOKEN")
        let successor = try XCTUnwrap(rotated["refresh_token"].string)
        assertError(try api.call("refreshToken", body: ["refresh_token": .string(successor)]), 401, "INVALID_TOKEN")
    }

    func refreshRefusesAnUnknownToken() throws {
        assertError(try api.call("refreshToken", body: ["refresh_token": "no-such-refresh-token"]), 401, "INVALID_TOKEN")
    }

    func refreshRefusesAnEmptyBody() throws {
        assertValidationError(try api.call("refreshToken", body: [:]), field: "refresh_token")
    }

    func logoutEndsTheSession() throws {
        let tokens = try login(ServerProcess.adminUsername, ServerProcess.adminPassword)
        let session = api.bearer(tokens.access)
        let response = try session.call("logout")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["success"], true)
        assertError(try session.call("getCurrentUser"), 401, "INVALID_TOKEN")
        assertError(try api.call("refreshToken", body: ["refresh_token": .string(tokens.refresh)]), 401, "INVALID_TOKEN")
    }

    func logoutNeedsAToken() throws {
        assertError(try api.call("logout"), 401, "MISSING_TOKEN")
    }

    func currentUserIsTheCaller() throws {
        let viewer = try account("viewer")
        let response = try viewer.client.call("getCurrentUser")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response["id"], .string(viewer.id))
        XCTAssertEqual(response["username"], .string(viewer.username))
        XCTAssertEqual(response["role"], "viewer")
        XCTAssertEqual(response["disabled"], false)
    }

    func currentUserNeedsAToken() throws {
        assertError(try api.call("getCurrentUser"), 401, "MISSING_TOKEN")
    }

    func currentUserRefusesAMalformedToken() throws {
        assertError(try api.bearer("not.a.token").call("getCurrentUser"), 401, "INVALID_TOKEN")
    }
}

/// Authentication on SQLite.
final class SQLiteAuthContractTests: SQLiteContractTestCase {
    func testLoginAnswersATokenPairThatAuthenticates() throws { try suite.loginAnswersATokenPairThatAuthenticates() }
    func testLoginRefusesAWrongPassword() throws { try suite.loginRefusesAWrongPassword() }
    func testLoginRefusesAnUnknownUserLikeAWrongPassword() throws { try suite.loginRefusesAnUnknownUserLikeAWrongPassword() }
    func testLoginRefusesMalformedJSON() throws { try suite.loginRefusesMalformedJSON() }
    func testLoginRefusesABodyWithoutThePassword() throws { try suite.loginRefusesABodyWithoutThePassword() }
    func testLoginRefusesUnknownFields() throws { try suite.loginRefusesUnknownFields() }
    func testLoginRefusesABodyNamingAMemberTwice() throws { try suite.loginRefusesABodyNamingAMemberTwice() }
    func testLoginMatchesTheUsernameExactly() throws { try suite.loginMatchesTheUsernameExactly() }
    func testRefreshRotatesTheTokenPair() throws { try suite.refreshRotatesTheTokenPair() }
    func testRefreshWithASpentTokenRevokesTheFamily() throws { try suite.refreshWithASpentTokenRevokesTheFamily() }
    func testRefreshRefusesAnUnknownToken() throws { try suite.refreshRefusesAnUnknownToken() }
    func testRefreshRefusesAnEmptyBody() throws { try suite.refreshRefusesAnEmptyBody() }
    func testLogoutEndsTheSession() throws { try suite.logoutEndsTheSession() }
    func testLogoutNeedsAToken() throws { try suite.logoutNeedsAToken() }
    func testCurrentUserIsTheCaller() throws { try suite.currentUserIsTheCaller() }
    func testCurrentUserNeedsAToken() throws { try suite.currentUserNeedsAToken() }
    func testCurrentUserRefusesAMalformedToken() throws { try suite.currentUserRefusesAMalformedToken() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}

/// Authentication on PostgreSQL.
final class PostgresAuthContractTests: PostgresContractTestCase {
    func testLoginAnswersATokenPairThatAuthenticates() throws { try suite.loginAnswersATokenPairThatAuthenticates() }
    func testLoginRefusesAWrongPassword() throws { try suite.loginRefusesAWrongPassword() }
    func testLoginRefusesAnUnknownUserLikeAWrongPassword() throws { try suite.loginRefusesAnUnknownUserLikeAWrongPassword() }
    func testLoginRefusesMalformedJSON() throws { try suite.loginRefusesMalformedJSON() }
    func testLoginRefusesABodyWithoutThePassword() throws { try suite.loginRefusesABodyWithoutThePassword() }
    func testLoginRefusesUnknownFields() throws { try suite.loginRefusesUnknownFields() }
    func testLoginRefusesABodyNamingAMemberTwice() throws { try suite.loginRefusesABodyNamingAMemberTwice() }
    func testLoginMatchesTheUsernameExactly() throws { try suite.loginMatchesTheUsernameExactly() }
    func testRefreshRotatesTheTokenPair() throws { try suite.refreshRotatesTheTokenPair() }
    func testRefreshWithASpentTokenRevokesTheFamily() throws { try suite.refreshWithASpentTokenRevokesTheFamily() }
    func testRefreshRefusesAnUnknownToken() throws { try suite.refreshRefusesAnUnknownToken() }
    func testRefreshRefusesAnEmptyBody() throws { try suite.refreshRefusesAnEmptyBody() }
    func testLogoutEndsTheSession() throws { try suite.logoutEndsTheSession() }
    func testLogoutNeedsAToken() throws { try suite.logoutNeedsAToken() }
    func testCurrentUserIsTheCaller() throws { try suite.currentUserIsTheCaller() }
    func testCurrentUserNeedsAToken() throws { try suite.currentUserNeedsAToken() }
    func testCurrentUserRefusesAMalformedToken() throws { try suite.currentUserRefusesAMalformedToken() }
    func testWhenSentSIGTERMTheServerExitsCleanly() { assertServerExitsCleanlyOnSIGTERM() }
}
