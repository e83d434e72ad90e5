/// Renders the files around the sources: `src/index.ts`, `package.json`, `tsconfig.json` and
/// `tsconfig.build.json`.
enum TypeScriptProjectFiles {
    /// `src/index.ts`: re-exports every module.
    static func index(modules: [String]) -> String {
        var writer = TypeScriptWriter()
        writer.line(TypeScriptSyntax.header)
        writer.line()
        for module in modules { writer.line("export * from \"./\(module).js\";") }
        return writer.text
    }

    /// `package.json`: an ES module without dependencies. `build` (run by `npm pack` too)
    /// compiles `src` to `dist` with declarations and source maps; the `exports` map gives
    /// the types and the JavaScript to TypeScript, Node and bundlers alike.
    static func packageJSON(_ model: OpenAPIModel) -> String {
        let description = "\(model.title) client, generated from openapi.yaml by trading-server codegen"
        return """
            {
              "name": "@trading/client",
              "version": \(JSONLiteral.quoted(model.version)),
              "description": \(JSONLiteral.quoted(description)),
              "private": true,
              "type": "module",
              "main": "./dist/index.js",
              "types": "./dist/index.d.ts",
              "exports": {
                ".": {
                  "types": "./dist/index.d.ts",
                  "import": "./dist/index.js"
                },
                "./package.json": "./package.json"
              },
              "files": [
                "dist",
                "src"
              ],
              "sideEffects": false,
              "engines": {
                "node": ">=18"
              },
              "scripts": {
                "build": "tsc -p tsconfig.build.json",
                "typecheck": "tsc --noEmit -p .",
                "prepack": "npm run build"
              }
            }

            """
    }

    /// `tsconfig.json`: the strictest checking of the sources, no output.
    static let tsconfigJSON = """
        {
          "compilerOptions": {
            "strict": true,
            "noImplicitAny": true,
            "noUncheckedIndexedAccess": true,
            "exactOptionalPropertyTypes": true,
            "noImplicitOverride": true,
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

    /// `tsconfig.build.json`: `src` → `dist` as ES modules with declarations and source maps.
    static let tsconfigBuildJSON = """
        {
          "extends": "./tsconfig.json",
          "compilerOptions": {
            "noEmit": false,
            "rootDir": "src",
            "outDir": "dist",
            "declaration": true,
            "declarationMap": true,
            "sourceMap": true
          },
          "include": ["src"]
        }

        """
}
