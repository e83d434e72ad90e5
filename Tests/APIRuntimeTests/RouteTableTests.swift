import XCTest
@testable import Generated
import APIRuntime

/// Path matching: static segments first, parameters decoded, 404 and 405 told apart.
final class RouteTableTests: XCTestCase {
    private let table = RouteTable<String>([
        ("GET", "/api/v1/orders", "listOrders"),
        ("GET", "/api/v1/orders/stats", "getOrderStats"),
        ("GET", "/api/v1/orders/{id}", "getOrder"),
        ("DELETE", "/api/v1/orders/{id}", "cancelOrder"),
        ("DELETE", "/api/v1/watchlist/{id}/items/{symbol}", "removeWatchlistItem"),
    ])

    private func found(_ method: String, _ path: String) -> (String, [String])? {
        if case .found(let target, let parameters) = table.match(method: method, path: path) { return (target, parameters) }
        return nil
    }

    func testStaticSegmentWinsOverParameter() {
        XCTAssertEqual(found("GET", "/api/v1/orders/stats")?.0, "getOrderStats")
        XCTAssertEqual(found("GET", "/api/v1/orders/stats")?.1, [])
    }

    func testAConcretePathAnswersOnlyItsOwnMethods() {
        guard case .methodNotAllowed(let allowed) = table.match(method: "DELETE", path: "/api/v1/orders/stats") else {
            return XCTFail("DELETE /orders/stats is not cancelOrder of an order named stats")
        }
        XCTAssertEqual(allowed, ["GET"])
    }

    func testParametersArePercentDecodedInTemplateOrder() {
        let match = found("DELETE", "/api/v1/watchlist/7/items/BTC%2FUSDT")
        XCTAssertEqual(match?.0, "removeWatchlistItem")
        XCTAssertEqual(match?.1, ["7", "BTC/USDT"])
    }

    func testWrongMethodListsTheAllowedOnes() {
        guard case .methodNotAllowed(let allowed) = table.match(method: "POST", path: "/api/v1/orders/abc") else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(allowed, ["DELETE", "GET"])
    }

    func testUnknownPathsAreNotFound() {
        for path in ["/api/v1/nothing", "/api/v1/orders/a/b", "", "api/v1/orders", "/api/v1/orders//", "/api/v1/orders/%zz"] {
            guard case .notFound = table.match(method: "GET", path: path) else { return XCTFail("\(path) matched") }
        }
    }

    func testEmptyParameterSegmentDoesNotMatch() {
        guard case .notFound = table.match(method: "GET", path: "/api/v1/orders/") else { return XCTFail() }
    }
}
