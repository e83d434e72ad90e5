import XCTest
@testable import CodegenCore

/// Every name the generated TypeScript client declares on its own, not for a schema or an
/// operation, is one `ReservedSchemaNames` refuses to schemas, so that a schema can never
/// meet it. Fails when an emitter starts declaring a new name without reserving it.
final class ClientDeclarationTests: XCTestCase {
    func testEveryDeclarationTheClientMakesItselfIsReserved() throws {
        let model = try ModelBuilder.build(contentsOf: SpecConformanceTests.specPath)
        let context = TypeScriptContext(model: model)
        var generated = Set(model.schemas.map { context.typeName(of: $0.name) })
        generated.formUnion(context.operations.compactMap(\.paramsTypeName))
        generated.formUnion(generated.map { $0 + "Values" })
        let paths = model.webSockets.map(\.path)
        var checked = 0
        for file in TypeScriptEmitter.emit(model) where file.path.hasSuffix(".ts") {
            for name in Self.declarations(in: file.contents) where !generated.contains(name) {
                checked += 1
                XCTAssertNotNil(ReservedSchemaNames.conflict(of: name, webSocketPaths: paths),
                                "\(file.path) declares '\(name)', which is not in ReservedSchemaNames")
            }
        }
        XCTAssertGreaterThan(checked, 10, "the walk finds the client's own declarations")
    }

    /// The names of the top-level declarations of a TypeScript file.
    private static func declarations(in source: String) -> [String] {
        let declaration = /^(?:export )?(?:abstract )?(?:class|interface|type|const|let|function|enum) ([A-Za-z_$][A-Za-z0-9_$]*)/
        return source.split(separator: "\n").compactMap { line in
            (try? declaration.prefixMatch(in: line)).map { String($0.output.1) }
        }
    }
}
