import Foundation
import XCTest

@testable import CodegenCore

final class YAMLParserTests: XCTestCase {
    // MARK: - Helpers

    private func parse(_ text: String, file: String = "test.yaml") throws -> YAMLNode {
        try YAMLParser.parse(text, file: file)
    }

    /// Parses `text`, expecting a `SpecError`, and returns it.
    private func parseError(
        _ text: String, file: String = "test.yaml", line: UInt = #line
    ) -> SpecError? {
        do {
            let node = try YAMLParser.parse(text, file: file)
            XCTFail("expected an error, got \(node)", line: line)
            return nil
        } catch {
            return error
        }
    }

    private func keys(_ node: YAMLNode?) -> [String] {
        node?.mapping?.compactMap { $0.key.scalarText } ?? []
    }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("YAMLParserTests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
            .path
    }

    // MARK: - Structure

    func testBlockAndFlowStylesMixTogether() throws {
        let root = try parse("""
            name: demo
            tags: [a, "b", 'c']
            limits: {min: 1, max: 10}
            nested:
              list:
                - {x: 1, y: [2, 3]}
                - plain
            """)
        XCTAssertEqual(keys(root), ["name", "tags", "limits", "nested"])
        XCTAssertEqual(root["name"]?.string, "demo")
        XCTAssertEqual(root["tags"]?.sequence?.compactMap(\.string), ["a", "b", "c"])
        XCTAssertEqual(root["limits"]?["min"]?.int, 1)
        XCTAssertEqual(root["limits"]?["max"]?.int, 10)
        let list = try XCTUnwrap(root["nested"]?["list"]?.sequence)
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(list[0]["y"]?.sequence?.compactMap(\.int), [2, 3])
        XCTAssertEqual(list[1].string, "plain")
    }

    func testNestedSequencesOfMappingsKeepOrderAndShape() throws {
        let root = try parse("""
            servers:
              - url: https://a.example
                variables:
                  - name: port
                    default: 8080
                  - name: host
              - url: https://b.example
            """)
        let servers = try XCTUnwrap(root["servers"]?.sequence)
        XCTAssertEqual(servers.count, 2)
        XCTAssertEqual(servers[0]["url"]?.string, "https://a.example")
        XCTAssertEqual(keys(servers[0]), ["url", "variables"])
        let variables = try XCTUnwrap(servers[0]["variables"]?.sequence)
        XCTAssertEqual(variables.map { $0["name"]?.string }, ["port", "host"])
        XCTAssertEqual(variables[0]["default"]?.int, 8080)
        XCTAssertEqual(servers[1]["url"]?.string, "https://b.example")
    }

    func testLocationsAreOneBasedLineAndColumnOfEachNode() throws {
        let root = try parse("""
            a: 1
            b:
              - x
              - [y, z]
            """, file: "spec.yaml")
        XCTAssertEqual(root.location, SourceLocation(file: "spec.yaml", line: 1, column: 1))
        let pairs = try XCTUnwrap(root.mapping)
        XCTAssertEqual(pairs[0].value.location, SourceLocation(file: "spec.yaml", line: 1, column: 4))
        XCTAssertEqual(pairs[1].key.location, SourceLocation(file: "spec.yaml", line: 2, column: 1))
        let items = try XCTUnwrap(root["b"]?.sequence)
        XCTAssertEqual(items[0].location, SourceLocation(file: "spec.yaml", line: 3, column: 5))
        XCTAssertEqual(items[1].location, SourceLocation(file: "spec.yaml", line: 4, column: 5))
        XCTAssertEqual(items[1].sequence?[1].location, SourceLocation(file: "spec.yaml", line: 4, column: 9))
    }

    // MARK: - Scalars

    func testDoubleQuotedScalarEscapesAreDecoded() throws {
        let root = try parse(#"value: "a\tb\u00e9\n\"q\"\\""#)
        XCTAssertEqual(root["value"]?.kind, .scalar("a\tb\u{e9}\n\"q\"\\", .doubleQuoted))
    }

    func testSingleQuotedScalarUndoublesQuotes() throws {
        let root = try parse("value: 'it''s'\nraw: 'a\\tb'")
        XCTAssertEqual(root["value"]?.kind, .scalar("it's", .singleQuoted))
        XCTAssertEqual(root["raw"]?.kind, .scalar("a\\tb", .singleQuoted), "no escapes in single quotes")
    }

    func testLiteralBlockScalarKeepsLineBreaks() throws {
        let root = try parse("""
            clip: |
              line one
                indented
              line three

            next: 1
            """)
        XCTAssertEqual(root["clip"]?.kind, .scalar("line one\n  indented\nline three\n", .literal))
        XCTAssertEqual(root["next"]?.int, 1)
    }

    func testFoldedBlockScalarFoldsLinesIntoSpaces() throws {
        let root = try parse("""
            folded: >
              one
              two

              three
            next: 1
            """)
        XCTAssertEqual(root["folded"]?.kind, .scalar("one two\nthree\n", .folded))
    }

    func testBlockScalarChompingKeepAndStrip() throws {
        let root = try parse("keep: |+\n  text\n\n\nstrip: |-\n  text\n\n\nfoldstrip: >-\n  a\n  b\nend: x\n")
        XCTAssertEqual(root["keep"]?.kind, .scalar("text\n\n\n", .literal))
        XCTAssertEqual(root["strip"]?.kind, .scalar("text", .literal))
        XCTAssertEqual(root["foldstrip"]?.kind, .scalar("a b", .folded))
        XCTAssertEqual(root["end"]?.string, "x")
    }

    func testPlainScalarsResolveToNumbersBooleansAndNull() throws {
        let root = try parse("""
            int: 42
            negative: -7
            hex: 0x1F
            yes: true
            no: False
            tilde: ~
            null: null
            empty:
            float: 1.5
            word: hello
            """)
        XCTAssertEqual(root["int"]?.kind, .scalar("42", .plain))
        XCTAssertEqual(root["int"]?.int, 42)
        XCTAssertNil(root["int"]?.string)
        XCTAssertEqual(root["negative"]?.int, -7)
        XCTAssertEqual(root["hex"]?.int, 31)
        XCTAssertEqual(root["yes"]?.bool, true)
        XCTAssertEqual(root["no"]?.bool, false)
        XCTAssertNil(root["yes"]?.string)
        XCTAssertTrue(root["tilde"]?.isNull ?? false)
        XCTAssertTrue(root["null"]?.isNull ?? false)
        XCTAssertTrue(root["empty"]?.isNull ?? false)
        XCTAssertEqual(root["empty"]?.kind, .scalar("", .plain))
        XCTAssertEqual(root["float"]?.double, 1.5)
        XCTAssertNil(root["float"]?.int)
        XCTAssertEqual(root["word"]?.string, "hello")
    }

    func testQuotedScalarsThatLookLikeNumbersBooleansAndNullStayStrings() throws {
        let root = try parse("""
            int: "42"
            bool: 'true'
            null: "null"
            empty: ""
            """)
        XCTAssertEqual(root["int"]?.kind, .scalar("42", .doubleQuoted))
        XCTAssertNil(root["int"]?.int)
        XCTAssertEqual(root["int"]?.string, "42")
        XCTAssertEqual(root["bool"]?.kind, .scalar("true", .singleQuoted))
        XCTAssertNil(root["bool"]?.bool)
        XCTAssertEqual(root["bool"]?.string, "true")
        XCTAssertFalse(root["null"]?.isNull ?? true)
        XCTAssertEqual(root["null"]?.string, "null")
        XCTAssertFalse(root["empty"]?.isNull ?? true)
        XCTAssertEqual(root["empty"]?.string, "")
    }

    func testStrAndNonSpecificTagsMakePlainScalarsStrings() throws {
        let root = try parse("""
            a: !!str 123
            b: ! true
            c: !!int 7
            d: !!str 'quoted'
            """)
        XCTAssertEqual(root["a"]?.kind, .scalar("123", .doubleQuoted))
        XCTAssertEqual(root["a"]?.string, "123")
        XCTAssertEqual(root["b"]?.kind, .scalar("true", .doubleQuoted))
        XCTAssertEqual(root["c"]?.kind, .scalar("7", .plain), "other tags are ignored")
        XCTAssertEqual(root["d"]?.kind, .scalar("quoted", .singleQuoted))
    }

    func testKoreanTextInKeysAndValuesSurvivesIntact() throws {
        let root = try parse("""
            name: "반도체 관련주"
            설명: 반도체 섹터
            목록: ['삼성전자', 에스케이하이닉스]
            """)
        XCTAssertEqual(root["name"]?.kind, .scalar("반도체 관련주", .doubleQuoted))
        XCTAssertEqual(root["설명"]?.kind, .scalar("반도체 섹터", .plain))
        XCTAssertEqual(root["설명"]?.string, "반도체 섹터")
        XCTAssertEqual(root["목록"]?.sequence?.compactMap(\.string), ["삼성전자", "에스케이하이닉스"])
        XCTAssertEqual(keys(root), ["name", "설명", "목록"])
        // Columns count characters, not bytes.
        XCTAssertEqual(root["설명"]?.location.column, 5)
    }

    func testCommentsEverywhereAreIgnored() throws {
        let root = try parse("""
            # leading comment
            a: 1 # after a value
            # between entries
            b: # before a nested block
              # inside the block
              - x # after an item
              # between items
              - y
            c: [1, # inside flow
                2]
            d: "# not a comment"
            e: text#not a comment either
            # trailing comment
            """)
        XCTAssertEqual(keys(root), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(root["a"]?.int, 1)
        XCTAssertEqual(root["b"]?.sequence?.compactMap(\.string), ["x", "y"])
        XCTAssertEqual(root["c"]?.sequence?.compactMap(\.int), [1, 2])
        XCTAssertEqual(root["d"]?.string, "# not a comment")
        XCTAssertEqual(root["e"]?.string, "text#not a comment either")
    }

    // MARK: - Anchors, aliases and merge keys

    func testAliasExpandsToCopyOfAnchoredNode() throws {
        let root = try parse("""
            base: &base
              type: string
              format: uuid
            copy: *base
            scalar: &s hello
            again: *s
            """)
        XCTAssertEqual(root["copy"]?.kind, root["base"]?.kind)
        XCTAssertEqual(root["copy"]?["format"]?.string, "uuid")
        XCTAssertEqual(root["again"]?.kind, .scalar("hello", .plain))
        // The copy's top node sits where the alias is written.
        XCTAssertEqual(root["copy"]?.location, SourceLocation(file: "test.yaml", line: 4, column: 7))
    }

    func testAnchorRedefinitionAppliesToLaterAliases() throws {
        let root = try parse("""
            - &x one
            - *x
            - &x two
            - *x
            """)
        XCTAssertEqual(root.sequence?.compactMap(\.string), ["one", "one", "two", "two"])
    }

    func testMergeKeyAddsEntriesAndExplicitKeysWin() throws {
        let root = try parse("""
            defaults: &defaults
              timeout: 30
              retries: 3
              mode: fast
            service:
              mode: slow
              <<: *defaults
              retries: 5
            """)
        let service = try XCTUnwrap(root["service"])
        XCTAssertEqual(keys(service), ["mode", "timeout", "retries"])
        XCTAssertEqual(service["mode"]?.string, "slow")
        XCTAssertEqual(service["timeout"]?.int, 30)
        XCTAssertEqual(service["retries"]?.int, 5)
        XCTAssertNil(service["<<"], "the merge entry itself is not kept")
    }

    func testMergeKeyWithSequenceGivesEarlierMappingsPrecedence() throws {
        let root = try parse("""
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
              z: 3
            inline:
              <<: {k: v}
            """)
        let c = try XCTUnwrap(root["c"])
        XCTAssertEqual(keys(c), ["x", "y", "z"])
        XCTAssertEqual(c["x"]?.int, 1)
        XCTAssertEqual(c["y"]?.int, 1)
        XCTAssertEqual(c["z"]?.int, 3)
        XCTAssertEqual(root["inline"]?["k"]?.string, "v")
    }

    func testQuotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try parse("'<<': {a: 1}")
        XCTAssertEqual(keys(root), ["<<"])
    }

    func testMergeKeyWithScalarValueIsAnError() throws {
        let error = try XCTUnwrap(parseError("a:\n  <<: 5\n"))
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 7)
        XCTAssertTrue(error.message.contains("merge"), error.message)
    }

    func testUnknownAliasReportsNameLineAndColumn() throws {
        let error = try XCTUnwrap(parseError("a: 1\nb:\n  - *missing\n", file: "api.yaml"))
        XCTAssertEqual(error.message, "unknown alias 'missing'")
        XCTAssertEqual(error.location, SourceLocation(file: "api.yaml", line: 3, column: 5))
        XCTAssertEqual(error.description, "api.yaml:3:5: error: unknown alias 'missing'")
    }

    func testRecursiveAliasIsAnError() throws {
        let error = try XCTUnwrap(parseError("a: &a\n  b: *a\n"))
        XCTAssertTrue(error.message.contains("recursive alias 'a'"), error.message)
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 6)
    }

    func testExponentialAliasExpansionIsRejected() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let error = try XCTUnwrap(parseError(text))
        XCTAssertTrue(error.message.contains("aliases expand"), error.message)
    }

    // MARK: - Mapping errors

    func testDuplicateKeyReportsSecondKeyLocation() throws {
        let error = try XCTUnwrap(parseError("paths:\n  /a: 1\n  /b: 2\n  /a: 3\n", file: "dup.yaml"))
        XCTAssertEqual(error.message, "duplicate key '/a'")
        XCTAssertEqual(error.location, SourceLocation(file: "dup.yaml", line: 4, column: 3))
    }

    func testDuplicateKeyInFlowMappingIsAnError() throws {
        let error = try XCTUnwrap(parseError("{a: 1, b: 2, a: 3}"))
        XCTAssertEqual(error.message, "duplicate key 'a'")
        XCTAssertEqual(error.location.column, 14)
    }

    func testSameKeyInDifferentMappingsIsAllowed() throws {
        let root = try parse("a: {k: 1}\nb: {k: 2}\n")
        XCTAssertEqual(root["b"]?["k"]?.int, 2)
    }

    func testNonScalarKeyIsAnError() throws {
        let error = try XCTUnwrap(parseError("? [a, b]\n: value\n"))
        XCTAssertEqual(error.message, "mapping keys must be scalars")
        XCTAssertEqual(error.location.line, 1)
        XCTAssertEqual(error.location.column, 3)
    }

    // MARK: - Syntax errors from libyaml

    func testUnterminatedQuoteReportsFileLineAndColumn() throws {
        let error = try XCTUnwrap(parseError("a: 1\nb: \"abc\n", file: "broken.yaml"))
        XCTAssertEqual(error.location.file, "broken.yaml")
        XCTAssertEqual(error.location.line, 3)
        XCTAssertEqual(error.location.column, 1)
        XCTAssertTrue(error.message.contains("found unexpected end of stream"), error.message)
        XCTAssertTrue(error.message.contains("while scanning a quoted scalar at line 2, column 4"), error.message)
        XCTAssertTrue(error.description.hasPrefix("broken.yaml:3:1: error: "), error.description)
    }

    func testTabIndentationIsAnError() throws {
        let error = try XCTUnwrap(parseError("a:\n\tb: 1\n"))
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 1)
        XCTAssertTrue(error.message.contains("cannot start any token"), error.message)
    }

    func testBadIndentationIsAnError() throws {
        let error = try XCTUnwrap(parseError("a:\n    b: 1\n  c: 2\n"))
        XCTAssertEqual(error.location.line, 3)
    }

    func testControlCharacterIsReportedAtItsPosition() throws {
        let error = try XCTUnwrap(parseError("a: 1\nbé: x\u{1}\n"))
        XCTAssertTrue(error.message.contains("control characters"), error.message)
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 6)
    }

    // MARK: - Documents

    func testEmptyDocumentIsAnError() throws {
        for text in ["", "   \n\n", "# only a comment\n", "---\n", "--- \n...\n"] {
            let error = try XCTUnwrap(parseError(text), "input \(text.debugDescription)")
            XCTAssertEqual(error.message, "empty document", "input \(text.debugDescription)")
            XCTAssertEqual(error.location.line, 1)
        }
    }

    func testNullDocumentIsNotEmpty() throws {
        XCTAssertTrue(try parse("~").isNull)
        XCTAssertEqual(try parse("\"\"").string, "")
    }

    func testSecondDocumentIsAnError() throws {
        let error = try XCTUnwrap(parseError("a: 1\n---\nb: 2\n"))
        XCTAssertTrue(error.message.contains("expected a single document"), error.message)
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 1)
    }

    func testExplicitDocumentMarkersAroundOneDocumentAreAccepted() throws {
        let root = try parse("%YAML 1.1\n---\na: 1\n...\n")
        XCTAssertEqual(root["a"]?.int, 1)
    }

    // MARK: - Size and depth

    func testLargeGeneratedDocumentParsesQuickly() throws {
        var text = ""
        for index in 0..<5_000 {
            text += "key\(index):\n  name: \"value \(index)\"\n  count: \(index)\n"
        }
        XCTAssertGreaterThan(text.utf8.count, 150_000)
        let clock = ContinuousClock()
        var root: YAMLNode?
        let elapsed = try clock.measure { root = try parse(text) }
        XCTAssertEqual(root?.mapping?.count, 5_000)
        XCTAssertEqual(root?["key4999"]?["count"]?.int, 4_999)
        // Well under 100 ms in practice; the bound leaves room for slow CI machines.
        print("parsed \(text.utf8.count) bytes in \(elapsed)")
        XCTAssertLessThan(elapsed, .seconds(1), "took \(elapsed)")
    }

    func testLargeFlatMappingHasNoQuadraticDuplicateCheck() throws {
        let text = (0..<50_000).map { "k\($0): \($0)" }.joined(separator: "\n")
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure { count = try parse(text).mapping?.count ?? 0 }
        XCTAssertEqual(count, 50_000)
        XCTAssertLessThan(elapsed, .seconds(5), "took \(elapsed)")
    }

    func testDeeplyNestedFlowSequenceThrowsInsteadOfCrashing() throws {
        let depth = 5_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try XCTUnwrap(parseError(text))
        XCTAssertTrue(error.message.contains("nesting"), error.message)
        XCTAssertEqual(error.location.column, YAMLParser.maximumDepth + 1)

        // Unclosed brackets: an error either way, never a crash.
        XCTAssertNotNil(parseError(String(repeating: "[", count: 10_000)))
    }

    func testNestingUpToTheLimitParses() throws {
        let depth = YAMLParser.maximumDepth
        let text = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        var node = try parse(text)
        var levels = 0
        while let items = node.sequence {
            node = items[0]
            levels += 1
        }
        XCTAssertEqual(levels, depth)
        XCTAssertEqual(node.string, "x")
    }

    // MARK: - Files

    func testParseContentsOfReadsFileAndUsesPathInLocations() throws {
        let path = temporaryPath("ok.yaml")
        try "openapi: 3.1.0\ninfo:\n  title: 주식\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let root = try YAMLParser.parse(contentsOf: path)
        XCTAssertEqual(root["openapi"]?.string, "3.1.0")
        XCTAssertEqual(root["info"]?["title"]?.string, "주식")
        XCTAssertEqual(root["info"]?.location, SourceLocation(file: path, line: 3, column: 3))
    }

    func testParseContentsOfMissingFileReportsLineZero() throws {
        let path = temporaryPath("missing.yaml")
        do {
            _ = try YAMLParser.parse(contentsOf: path)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.location, SourceLocation(file: path, line: 0, column: 0))
            XCTAssertTrue(error.message.contains("cannot read"), error.message)
        }
    }

    func testParseContentsOfDirectoryReportsLineZero() throws {
        let path = FileManager.default.temporaryDirectory.path
        do {
            _ = try YAMLParser.parse(contentsOf: path)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.location.line, 0)
        }
    }

    func testInvalidUTF8InFileIsReportedWithLocation() throws {
        let path = temporaryPath("bad-utf8.yaml")
        let bytes: [UInt8] = Array("a: 1\nb: ".utf8) + [0xFF, 0x0A]
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try YAMLParser.parse(contentsOf: path)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.location, SourceLocation(file: path, line: 2, column: 4))
            XCTAssertTrue(error.message.contains("UTF-8"), error.message)
        }
    }
}
