/// Renders the files around the sources: `src/index.ts`, `package.json`, `tsconfig.json`,
/// `tsconfig.build.json` and `README.md`.
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

    /// `README.md`: how a front-end team installs and uses the client.
    static func readme(_ model: OpenAPIModel, hasSockets: Bool) -> String {
        var text = """
            # @trading/client

            The TypeScript client of \(model.title) \(model.version), generated from `openapi.yaml` by
            `trading-server codegen` (do not edit: run `make clients`). One typed method per operation, the types
            of every schema, and \(hasSockets ? "reconnecting WebSocket clients" : "no WebSocket clients"). No dependencies.

            ## Install

            ```sh
            cd clients/typescript && npm pack        # builds dist/ with tsc (ES modules, .d.ts, source maps)
            cd your-app && npm install path/to/trading-client-\(model.version).tgz
            ```

            It runs where `fetch`, `Headers` and `atob` exist (browsers, Node 18 and later) and works with bundlers
            through its `exports` map. TypeScript projects need the `DOM` lib (for the fetch and WebSocket types);
            `moduleResolution` `node16`, `nodenext`, `bundler` and `node` all resolve it.

            ## Calls and errors

            ```ts
            import { ApiError, NetworkError, SessionExpiredError, TradingClient } from "@trading/client";

            const client = new TradingClient({
              baseUrl: "http://localhost:3000",
              onTokens: (tokens) => sessionStorage.setItem("refresh", tokens.refresh_token),
              onSessionExpired: () => showLogin(),
            });
            await client.login({ username: "admin", password }); // the client keeps the token pair
            try {
              const orders = await client.listOrders({ symbol: "BTC/USDT" }); // symbols as they are; encoded once
            } catch (error) {
              if (error instanceof ApiError && error.hasCode("RATE_LIMITED")) await wait(error.retryAfter ?? 1);
              else if (error instanceof NetworkError) retryLater(error.cause);
              else if (error instanceof SessionExpiredError) showLogin();
              else throw error;
            }
            ```

            - `ApiError`: `status`, `code` (an `ErrorCode`, or `HTTP_<status>`), `message`, `details`, `requestId`,
              the answer's `headers` and parsed `body`, `retryAfter` (seconds) and `rateLimit` (`X-RateLimit-*`).
            - `NetworkError`: no answer (unreachable, connection broken, unreadable body); `cause` is what fetch threw.
            - A documented error status whose body is a result (readiness' 503) is returned, not thrown.

            ## Sessions

            `login` keeps the access and refresh tokens, `logout` forgets them. When a call meets an expired access
            token, the client refreshes once, shared by every call that met it, and retries them. The refresh
            token is presented once (the server rotates it); when the refresh is refused the calls reject with
            `SessionExpiredError` and `onSessionExpired` is called once. `setTokens` restores a kept pair;
            `freshAccessToken()` gives a token that is still valid, refreshing first if needed.

            """
        if hasSockets {
            text += """
                ## WebSockets

                ```ts
                import { TradingSocket } from "@trading/client";

                const socket = new TradingSocket("ws://localhost:3000" + TradingSocket.path, {
                  token: () => client.freshAccessToken(), // asked again on every reconnection
                });
                socket.on("order_update", (update) => render(update));
                socket.subscribe("orders", "market:BTC-USDT");
                socket.connect();
                ```

                Sockets reconnect with backoff, authenticate with the current token, and subscribe again; a channel
                the server refuses is dropped rather than asked for on every reconnection. Node 20 needs
                `--experimental-websocket` (or pass an implementation as the `WebSocket` option).

                """
        }
        return text
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

    /// `tsconfig.build.json`, `README.md`. `src` → `dist` as ES modules with declarations and source maps.
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
