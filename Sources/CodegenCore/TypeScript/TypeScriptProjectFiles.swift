/// Renders the files around the sources: `src/index.ts`, `package.json` and `tsconfig.json`.
enum TypeScriptProjectFiles {
    /// `src/index.ts`: re-exports every module.
    static func index(modules: [String]) -> String {
        var writer = TypeScriptWriter()
        writer.line(TypeScriptSyntax.header)
        writer.line()
        for module in modules { writer.line("export * from \"./\(module)\";") }
        return writer.text
    }

    /// `package.json`: a private ES module without dependencies, typed from its sources.
    static func packageJSON(_ model: OpenAPIModel) -> String {
        let description = "\(model.title) client, generated from openapi.yaml by trading-server codegen"
        return """
            {
              "name": "@trading/client",
              "version": \(JSONLiteral.quoted(model.version)),
              "description": \(JSONLiteral.quoted(description)),
              "private": true,
              "type": "module",
              "main": "src/index.ts",
              "types": "src/index.ts",
              "scripts": {
                "typecheck": "tsc --noEmit -p ."
              }
            }

            """
    }

    /// `tsconfig.json`: strict checking of the sources, no output.
    static let tsconfigJSON = """
        {
          "compilerOptions": {
            "strict": true,
            "noImplicitAny": true,
            "noUncheckedIndexedAccess": true,
            "exactOptionalPropertyTypes": false,
            "noUnusedLocals": true,
            "noUnusedParameters": true,
            "target": "ES2020",
            "module": "ES2020",
            "moduleResolution": "node",
            "lib": ["ES2020", "DOM"],
            "noEmit": true
          },
          "include": ["src"]
        }

        """
}
