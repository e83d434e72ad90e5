import XCTest

/// The strict reader `/metrics` is held to: it accepts the format and refuses each kind of
/// mistake it is there to catch.
final class PrometheusExpositionTests: XCTestCase {
    static let valid = """
        # HELP requests_total Requests.
        # TYPE requests_total counter
        requests_total{op="a",status="200"} 3
        requests_total{op="b\\"q\\\\\\n"} 1 1700000000000
        # TYPE up gauge
        up 1
        # HELP latency_seconds Latency.
        # TYPE latency_seconds histogram
        latency_seconds_bucket{op="read",le="0.1"} 1
        latency_seconds_bucket{op="read",le="1"} 2
        latency_seconds_bucket{op="read",le="+Inf"} 3
        latency_seconds_sum{op="read"} 4.5
        latency_seconds_count{op="read"} 3
        # TYPE took_seconds summary
        took_seconds_sum 0.5
        took_seconds_count 2

        """

    func testAcceptsTheFormat() throws {
        let parsed = try PrometheusExposition(parsing: Self.valid)
        XCTAssertEqual(parsed.value("requests_total", ["op": "a", "status": "200"]), 3)
        XCTAssertEqual(parsed.value("requests_total", ["op": "b\"q\\\n"]), 1, "escapes are read")
        XCTAssertEqual(parsed.families["latency_seconds"]?.help, "Latency.")
        XCTAssertEqual(parsed.order, ["requests_total", "up", "latency_seconds", "took_seconds"])
    }

    func testRefusesEachMistake() {
        let mistakes: [(String, String)] = [
            ("undeclared", "other_total 1\n"),
            ("foreign sample", "# TYPE a counter\nb 1\n"),
            ("split family", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# HELP a again\n"),
            ("second type", "# TYPE a gauge\n# TYPE a counter\n"),
            ("repeated series", "# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n"),
            ("bad value", "# TYPE a gauge\na one\n"),
            ("bad label", "# TYPE a gauge\na{1x=\"1\"} 1\n"),
            ("unquoted label", "# TYPE a gauge\na{x=1} 1\n"),
            ("bad escape", "# TYPE a gauge\na{x=\"\\t\"} 1\n"),
            ("no newline at the end", "# TYPE a gauge\na 1"),
            ("not cumulative", "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"),
            ("no +Inf", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"),
            ("le descending", "# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"),
            ("count off", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n"),
            ("no sum", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"),
        ]
        for (mistake, text) in mistakes {
            XCTAssertThrowsError(try PrometheusExposition(parsing: text), mistake)
        }
    }
}
