/// Generates the TypeScript client (`clients/typescript`) from the model: the types of every
/// schema, a fetch-based HTTP client with one method per operation, reconnecting WebSocket
/// clients, and the package files. Dependency-free; the output is a pure function of the model.
public enum TypeScriptEmitter {
    /// Every file of the client, path relative to the client folder → contents. Deterministic output.
    public static func emit(_ model: OpenAPIModel) -> [(path: String, contents: String)] {
        let context = TypeScriptContext(model: model)
        var files: [(path: String, contents: String)] = [
            ("src/types.ts", TypeScriptTypesFile(context: context).render()),
            ("src/client.ts", TypeScriptClientFile(context: context).render()),
        ]
        var modules = ["types", "client"]
        if !model.webSockets.isEmpty {
            files.append(("src/ws.ts", TypeScriptSocketFile(context: context).render()))
            modules.append("ws")
        }
        files.append(("src/index.ts", TypeScriptProjectFiles.index(modules: modules)))
        files.append(("package.json", TypeScriptProjectFiles.packageJSON(model)))
        files.append(("tsconfig.json", TypeScriptProjectFiles.tsconfigJSON))
        files.append(("tsconfig.build.json", TypeScriptProjectFiles.tsconfigBuildJSON))
        files.append((".gitignore", "dist/\nnode_modules/\n*.tgz\n"))
        files.append(("README.md", TypeScriptProjectFiles.readme(model, hasSockets: !model.webSockets.isEmpty)))
        return files
    }
}
