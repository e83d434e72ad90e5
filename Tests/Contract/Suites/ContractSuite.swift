import Foundation
import XCTest

/// The contract of the running server, one behaviour a method, written once and run on
/// SQLite and PostgreSQL alike. Every response passes `ResponseValidator` inside
/// `ContractClient.call` before a behaviour asserts anything about it.
struct ContractSuite {
    /// A user made for one test, logged in.
    struct Account {
        /// The user's id.
        let id: String
        /// Unique in the test's server.
        let username: String
        /// The password it logs in with.
        let password: String
        /// `viewer`, `trader` or `admin`.
        let role: String
        /// The access token of the login.
        let accessToken: String
        /// The refresh token of the login.
        let refreshToken: String
        /// A client carrying the access token.
        let client: ContractClient
    }

    /// The server under test.
    let server: ServerProcess
    /// The spec everything is checked against.
    let spec: SpecDocument
    /// A client without credentials.
    let api: ContractClient

    /// The suite against `server`, checked against the package's openapi.yaml.
    init(server: ServerProcess) throws {
        self.server = server
        spec = try SpecDocument.shared()
        api = ContractClient(port: server.port, spec: spec)
    }

    /// A fresh session of the bootstrap admin.
    func admin() throws -> ContractClient {
        let tokens = try login(ServerProcess.adminUsername, ServerProcess.adminPassword)
        return api.bearer(tokens.access)
    }

    /// Logs in and returns the token pair.
    func login(_ username: String, _ password: String) throws -> (access: String, refresh: String) {
        let response = try api.call("login", body: ["username": .string(username), "password": .string(password)])
        XCTAssertEqual(response.status, 200, "login of \(username): \(response.message.summary)")
        guard let access = response["access_token"].string, let refresh = response["refresh_token"].string else {
            throw ContractViolation(exchange: "login of \(username)", received: response.message.summary, violations: [])
        }
        return (access, refresh)
    }

    /// A new user of `role` (created by the admin, with a unique name), logged in.
    func account(_ role: String) throws -> Account {
        let username = Self.uniqueName(role)
        let password = "pw-" + UUID().uuidString
        let created = try admin().call("createUser", body: ["username": .string(username), "password": .string(password), "role": .string(role)])
        XCTAssertEqual(created.status, 201, created.message.summary)
        let tokens = try login(username, password)
        return Account(id: created["id"].string ?? "", username: username, password: password, role: role,
                       accessToken: tokens.access, refreshToken: tokens.refresh, client: api.bearer(tokens.access))
    }

    /// A username no other test uses: the fresh database is shared by the tests of a class.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.prefix(12).lowercased()
    }

    /// Asserts an `ErrorResponse` with `status` and `code` (the body's shape is already checked).
    func assertError(_ response: ContractResponse, _ status: Int, _ code: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(response.status, status, response.message.summary, file: file, line: line)
        XCTAssertEqual(response.errorCode, code, response.message.summary, file: file, line: line)
    }

    /// Asserts a 400 `VALIDATION_ERROR` whose `details` all name `field`: a parameter as
    /// `query.limit` or `path.id` (the spec's style), a body member as `name` or `body.name`
    /// (the spec's example says `quantity`, the generated validator writes `body.quantity`).
    func assertValidationError(_ response: ContractResponse, field: String, file: StaticString = #filePath, line: UInt = #line) {
        assertError(response, 400, "VALIDATION_ERROR", file: file, line: line)
        let fields = response["details"].array?.compactMap { $0["field"]?.string } ?? []
        XCTAssertFalse(fields.isEmpty, "details name the field: \(response.message.summary)", file: file, line: line)
        for named in fields where named != field && named != "body." + field {
            XCTAssertEqual(named, field, response.message.summary, file: file, line: line)
        }
    }

    /// A UUID no user, key or order has.
    static let unknownID = "00000000-0000-4000-8000-000000000000"
}
