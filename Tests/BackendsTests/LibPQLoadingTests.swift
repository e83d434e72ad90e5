import XCTest

@testable import Backends

/// libpq is loaded at run time (`LibPQ`): a library that is missing, or that is not libpq,
/// is refused with a storage error naming it, never a crash. Needs no PostgreSQL server.
final class LibPQLoadingTests: XCTestCase {
    func testTheInstalledLibpqLoads() throws {
        XCTAssertNoThrow(try LibPQ.open(LibPQ.libraryName).get())
    }

    func testAMissingLibraryIsUnavailableAndNamed() {
        guard case .failure(.unavailable(let message)) = LibPQ.open("libpq-absent.so.99") else {
            return XCTFail("a missing library loaded")
        }
        XCTAssertTrue(message.hasPrefix("the PostgreSQL client library (libpq-absent.so.99) could not be loaded"), message)
    }

    func testALibraryThatIsNotLibpqIsRefusedWithTheMissingFunctions() {
        guard case .failure(.unavailable(let message)) = LibPQ.open("libm.so.6") else {
            return XCTFail("libm passed for libpq")
        }
        XCTAssertTrue(message.hasPrefix("the PostgreSQL client library (libm.so.6) lacks PQclear, PQcmdStatus"), message)
    }
}
