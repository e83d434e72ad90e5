/// Renders `src/ws.ts`: a reconnecting client class per WebSocket endpoint, the channel
/// name types and the `WS_CHANNELS` table.
struct TypeScriptSocketFile {
    /// One endpoint with the names generated for it.
    private struct Endpoint {
        let endpoint: WebSocketEndpoint
        let shape: TypeScriptSocketShape
        let className: String
        let clientType: String
        let serverType: String
        /// The channel-name type (`Channel`), for the channels shape.
        let channelType: String?
        /// `TradingSocketOptions`, when the class takes a token.
        let optionsType: String?
        /// `MarketSocketRequest`, for the requests shape.
        let requestType: String?
        /// The types a request is one of, without its action: the client message, or each
        /// variant when it is a union (`Omit` of a union would keep only the members the
        /// variants share).
        let requestMembers: [String]
        /// The server message's discriminating property, when it is a discriminated union.
        let serverTag: String?
    }

    private let context: TypeScriptContext
    private let endpoints: [Endpoint]

    init(context: TypeScriptContext) {
        var context = context
        var endpoints: [Endpoint] = []
        var namedTradingSocket = false
        for endpoint in context.model.webSockets {
            let shape = TypeScriptSocketShape(endpoint, context: context)
            var className: String
            var channelType: String?
            var optionsType: String?
            var requestType: String?
            switch shape {
            case .channels(_, _, let token):
                className = context.claim(namedTradingSocket ? Self.pathName(endpoint.path) + "Socket" : "TradingSocket")
                channelType = context.claim(namedTradingSocket ? className + "Channel" : "Channel")
                optionsType = token == nil ? nil : context.claim(className + "Options")
                namedTradingSocket = true
            case .requests:
                className = context.claim(Self.pathName(endpoint.path) + "Socket")
                requestType = context.claim(className + "Request")
            case .raw:
                className = context.claim(Self.pathName(endpoint.path) + "Socket")
            }
            var requestMembers = [context.typeName(of: endpoint.clientMessage)]
            if requestType != nil, case .union(let union)? = context.namedDefinition(of: Schema(.named(endpoint.clientMessage))) {
                requestMembers = union.variants.map(context.typeName(of:))
            }
            var serverTag: String?
            if case .union(let union)? = context.namedDefinition(of: Schema(.named(endpoint.serverMessage))) {
                serverTag = union.discriminator?.propertyName
            }
            endpoints.append(Endpoint(
                endpoint: endpoint, shape: shape, className: className,
                clientType: context.typeName(of: endpoint.clientMessage),
                serverType: context.typeName(of: endpoint.serverMessage),
                channelType: channelType, optionsType: optionsType, requestType: requestType,
                requestMembers: requestMembers, serverTag: serverTag))
        }
        self.context = context
        self.endpoints = endpoints
    }

    /// `/ws/market` → `Market`, `/ws` → `Ws`.
    private static func pathName(_ path: String) -> String {
        ReservedSchemaNames.socketNameStem(path)
    }

    func render() -> String {
        var writer = TypeScriptWriter()
        writer.line(TypeScriptSyntax.header)
        writer.line("// The WebSocket clients of \(context.model.title) \(context.model.version).")
        writer.line()
        let parameterTypes = endpoints.filter { $0.channelType != nil }.flatMap { endpoint in
            endpoint.endpoint.channels.flatMap { $0.parameterSchemas.values.flatMap(context.referencedTypes) }
        }
        let requestTypes = endpoints.filter { $0.requestType != nil }.flatMap(\.requestMembers)
        let imported = Set(endpoints.flatMap { [$0.clientType, $0.serverType] } + requestTypes + parameterTypes).sorted()
        writer.list("import type {", imported, closer: "} from \"./types.js\";", spaced: true, width: 100)
        if endpoints.contains(where: { $0.optionsType != nil }) {
            writer.line()
            writer.doc(["Where a socket gets the access token it authenticates with after each (re)connection: the token, "
                + "or a function giving the current one (e.g. `() => client.freshAccessToken()`)."])
            writer.line("export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);")
        }
        for endpoint in endpoints {
            guard let channelType = endpoint.channelType else { continue }
            writer.line()
            writeChannelType(channelType, endpoint.endpoint, into: &writer)
        }
        writer.line()
        writeChannelTable(into: &writer)
        writer.line()
        TypeScriptSocketRuntime.writeBase(into: &writer)
        if endpoints.contains(where: { $0.requestType != nil }) {
            writer.line()
            TypeScriptSocketRuntime.writeCanonicalJSON(into: &writer)
        }
        for endpoint in endpoints {
            writer.line()
            writeClass(endpoint, into: &writer)
        }
        return writer.text
    }

    // MARK: Channels

    /// `kline:{symbol}:{timeframe}` → `` `kline:${string}:${Timeframe}` ``: a parameter takes the
    /// type of the schema the channel declares for it, else `string`; a name without parameters
    /// stays a literal.
    private func writeChannelType(_ name: String, _ endpoint: WebSocketEndpoint, into writer: inout TypeScriptWriter) {
        let members = endpoint.channels.map { channel in
            TypeScriptSyntax.templateLiteral(channel.name) { parameter in
                channel.parameterSchemas[parameter].map(context.expression) ?? "string"
            }
        }
        writer.doc(["A channel name of `\(endpoint.path)`; each `${…}` stands for a parameter such as a symbol, "
                    + "typed by its schema where the spec declares one."])
        writer.union("export type \(name) =", members: members.isEmpty ? ["string"] : members, width: 100)
    }

    private func writeChannelTable(into writer: inout TypeScriptWriter) {
        writer.doc(["Every channel of every WebSocket endpoint, with the role a connection needs to subscribe."])
        let entries = endpoints.flatMap { endpoint in
            endpoint.endpoint.channels.map { channel in
                let messages = channel.messages.map(TypeScriptSyntax.stringLiteral).joined(separator: ", ")
                return "{ endpoint: \(TypeScriptSyntax.stringLiteral(endpoint.endpoint.path)), "
                    + "name: \(TypeScriptSyntax.stringLiteral(channel.name)), "
                    + "requiredRole: \(TypeScriptSyntax.stringLiteral(channel.requiredRole.rawValue)), "
                    + "messages: [\(messages)] },"
            }
        }
        guard !entries.isEmpty else {
            writer.line("export const WS_CHANNELS = [] as const;")
            return
        }
        writer.block("export const WS_CHANNELS = [", closer: "] as const;") { writer in
            for entry in entries { writer.line(entry) }
        }
    }

    // MARK: Classes

    private func writeClass(_ endpoint: Endpoint, into writer: inout TypeScriptWriter) {
        let spec = endpoint.endpoint
        if let optionsType = endpoint.optionsType {
            writer.doc(["Options of `\(endpoint.className)`."])
            writer.block("export interface \(optionsType) extends SocketOptions {") { writer in
                writer.doc(["The access token, or a getter of the current one, sent in an `auth` message after each "
                    + "(re)connection."])
                writer.line("token?: TokenSource | undefined;")
            }
            writer.line()
        }
        if let requestType = endpoint.requestType, case .requests(let action) = endpoint.shape {
            writer.doc(["A subscription of `\(endpoint.className)`: its client message without `\(action)`."])
            let omitted = endpoint.requestMembers.map { "Omit<\($0), \(TypeScriptSyntax.stringLiteral(action))>" }
            writer.union("export type \(requestType) =", members: omitted, width: 100)
            writer.line()
        }
        let channels = spec.channels.map { channel -> String in
            let text = "- `\(channel.name)` (\(channel.requiredRole.rawValue))"
            return channel.description.map { text + ": " + $0 } ?? text
        }
        writer.doc([
            "The client of `\(spec.path)` (role: \(spec.requiredRole.rawValue))" + (spec.summary.map { ": " + $0 } ?? "."),
            channels.isEmpty ? nil : "Channels:\n" + channels.joined(separator: "\n"),
        ])
        let base = "ReconnectingSocket<\(endpoint.clientType), \(endpoint.serverType)>"
        writer.block("export class \(endpoint.className) extends \(base) {") { writer in
            writer.doc(["The endpoint's path, to append to the server's `ws://` or `wss://` origin."])
            writer.line("static readonly path = \(TypeScriptSyntax.stringLiteral(spec.path));")
            switch endpoint.shape {
            case .channels(let tag, let channelsProperty, let token):
                writeChannelsMembers(endpoint, tag: tag, channelsProperty: channelsProperty, token: token, into: &writer)
            case .requests(let action):
                writeRequestsMembers(endpoint, action: action, into: &writer)
            case .raw:
                writeTypedHandler(endpoint, into: &writer)
                writer.line()
                writer.block("protected handshake(): \(endpoint.clientType)[] {") { writer in
                    writer.line("return [];")
                }
            }
        }
    }

    private func writeChannelsMembers(_ endpoint: Endpoint, tag: String, channelsProperty: String, token: String?,
                                      into writer: inout TypeScriptWriter) {
        let client = endpoint.clientType
        let channel = endpoint.channelType ?? "string"
        func message(_ value: String, _ payload: String) -> String {
            "{ \(TypeScriptSyntax.propertyKey(tag)): \(TypeScriptSyntax.stringLiteral(value)), \(payload) }"
        }
        let list = TypeScriptSyntax.propertyKey(channelsProperty)
        let tokenKey = token.map(TypeScriptSyntax.propertyKey)
        let refusal = refusalProperty(endpoint)
        if token != nil { writer.line("private token: TokenSource | undefined;") }
        writer.line("private readonly channels = new Set<\(channel)>();")
        if endpoint.optionsType != nil || refusal != nil {
            writer.line()
            writer.block("constructor(url: string, options: \(endpoint.optionsType ?? "SocketOptions") = {}) {") { writer in
                writer.line("super(url, options);")
                if endpoint.optionsType != nil { writer.line("this.token = options.token;") }
                if let refusal {
                    let tagOf = TypeScriptSyntax.member("message", tag)
                    let named = TypeScriptSyntax.member("message", refusal.property)
                    let transient = refusal.transientCodes.map { "\(TypeScriptSyntax.member("message", refusal.codeProperty)) !== "
                        + TypeScriptSyntax.stringLiteral($0) }
                    writer.line("// A refused channel is dropped, so that reconnections do not ask for it again"
                        + (refusal.transientCodes.isEmpty ? "." : "; a failure of the"))
                    if !refusal.transientCodes.isEmpty {
                        writer.line("// server's own (\(refusal.transientCodes.joined(separator: ", "))) keeps it.")
                    }
                    writer.block("this.onMessage((message) => {", closer: "});") { writer in
                        let conditions = ["\(tagOf) === \(TypeScriptSyntax.stringLiteral(refusal.value))",
                                          "\(named) !== undefined"] + transient
                        writer.line("if (\(conditions.joined(separator: " && "))) {")
                        writer.indented { writer in writer.line("this.channels.delete(\(named) as \(channel));") }
                        writer.line("}")
                    }
                }
            }
        }
        if let tokenKey {
            let payload = tokenKey == "token" ? "token" : tokenKey + ": token"
            writer.lines("""

                /** Sets where the token comes from for each (re)connection, and authenticates with it now when connected. */
                setToken(token: TokenSource | undefined): void {
                  this.token = token;
                  if (token === undefined || !this.connected) return;
                  this.currentToken().then(
                    (token) => {
                      if (token !== undefined) this.transmit(\(message("auth", payload)));
                    },
                    (error: unknown) => this.fail(error),
                  );
                }
                """)
        }
        writer.lines("""

            /**
             * Subscribes to channels, now when connected and again after every reconnection. A channel the server
             * refuses is dropped (subscribe again once the cause is gone, e.g. after authenticating).
             */
            subscribe(...channels: \(channel)[]): void {
              const added = channels.filter((channel) => !this.channels.has(channel));
              for (const channel of added) this.channels.add(channel);
              if (added.length > 0) this.transmit(\(message("subscribe", "\(list): added")));
            }

            /** Unsubscribes from channels. */
            unsubscribe(...channels: \(channel)[]): void {
              const removed = channels.filter((channel) => this.channels.has(channel));
              for (const channel of removed) this.channels.delete(channel);
              if (removed.length > 0) this.transmit(\(message("unsubscribe", "\(list): removed")));
            }

            /** The channels asked for, which every reconnection subscribes to again. */
            get subscriptions(): \(channel)[] {
              return [...this.channels];
            }
            """)
        writeTypedHandler(endpoint, into: &writer)
        writer.line()
        if let tokenKey {
            writer.doc(["Authenticates (when there is a token) and subscribes again to every channel. A token getter "
                + "that fails is reported to `onError`; the public channels are subscribed all the same."])
            writer.block("protected async handshake(): Promise<\(client)[]> {") { writer in
                writer.line("const messages: \(client)[] = [];")
                writer.line("let token: string | undefined;")
                writer.block("try {", closer: "} catch (error) {") { writer in writer.line("token = await this.currentToken();") }
                writer.indented { writer in writer.line("this.fail(error);") }
                writer.line("}")
                writer.line("if (token !== undefined) messages.push(\(message("auth", tokenKey == "token" ? "token" : tokenKey + ": token")));")
                writer.line("if (this.channels.size > 0) messages.push(\(message("subscribe", list + ": [...this.channels]")));")
                writer.line("return messages;")
            }
            writer.lines("""

                /** The token to authenticate with now: the token, or what the getter gives. */
                private async currentToken(): Promise<string | undefined> {
                  const source = this.token;
                  return typeof source === "function" ? source() : source;
                }
                """)
        } else {
            writer.doc(["Subscribes again to every channel."])
            writer.block("protected handshake(): \(client)[] {") { writer in
                writer.line("return this.channels.size > 0 ? [\(message("subscribe", list + ": [...this.channels]"))] : [];")
            }
        }
    }

    /// How the server names a refused channel: its message whose tag is `error`, when that
    /// message has an optional string property `channel` and a `code`.
    private func refusalProperty(_ endpoint: Endpoint) -> (value: String, property: String, codeProperty: String,
                                                           transientCodes: [String])? {
        guard case .union(let union)? = context.namedDefinition(of: Schema(.named(endpoint.endpoint.serverMessage))),
              let mapping = union.discriminator?.mapping.first(where: { $0.value == "error" }),
              let object = context.objectDefinition(of: Schema(.named(mapping.variant))),
              let channel = object.properties.first(where: { $0.name == "channel" }),
              context.valueKind(of: channel.schema) == .string,
              let code = object.properties.first(where: { $0.name == "code" })
        else { return nil }
        let known = Set(context.model.errorCodes.map(\.code))
        let transient = ["INTERNAL_ERROR", "SERVICE_UNAVAILABLE"].filter { known.isEmpty || known.contains($0) }
        return ("error", channel.name, code.name, transient)
    }

    /// `on(type, handler)`, when the server's messages are a discriminated union.
    private func writeTypedHandler(_ endpoint: Endpoint, into writer: inout TypeScriptWriter) {
        guard let tag = endpoint.serverTag else { return }
        let server = endpoint.serverType
        let selected = "Extract<\(server), { \(TypeScriptSyntax.propertyKey(tag)): T }>"
        writer.line()
        writer.doc(["Calls `handler` with every message of one `\(tag)`; returns a function that stops it."])
        let value = tag == "type" ? "type" : "value"
        writer.lines("""
            on<T extends \(server)[\(TypeScriptSyntax.stringLiteral(tag))]>(
              \(value): T,
              handler: (message: \(selected)) => void,
            ): () => void {
            """)
        writer.indented { writer in
            writer.block("return this.onMessage((message) => {", closer: "});") { writer in
                writer.line("if (\(TypeScriptSyntax.member("message", tag)) === \(value)) handler(message as \(selected));")
            }
        }
        writer.line("}")
    }

    private func writeRequestsMembers(_ endpoint: Endpoint, action: String, into writer: inout TypeScriptWriter) {
        let client = endpoint.clientType
        let request = endpoint.requestType ?? client
        let key = TypeScriptSyntax.propertyKey(action)
        let actionOf = { (value: String) in TypeScriptSyntax.member(value, action) }
        writer.line()
        writer.lines("""
            /** The requests to replay after a reconnection, oldest first. */
            private readonly requests: \(client)[] = [];

            /** Subscribes, now when connected and again after every reconnection. */
            subscribe(request: \(request)): void {
              this.record({ ...request, \(key): "subscribe" });
            }

            /** Unsubscribes; an identical earlier subscription is forgotten. */
            unsubscribe(request: \(request)): void {
              this.record({ ...request, \(key): "unsubscribe" });
            }
            """)
        writeTypedHandler(endpoint, into: &writer)
        writer.lines("""

            /** Replays the subscriptions. */
            protected handshake(): \(client)[] {
              return [...this.requests];
            }

            /**
             * Sends a request and keeps it for replay. An unsubscribe cancels an identical earlier subscribe
             * (and is then not kept), so that the replay list stays short.
             */
            private record(message: \(client)): void {
              this.transmit(message);
              const key = canonicalJson({ ...message, \(key): undefined });
              const sameRequest = (other: \(client)) => canonicalJson({ ...other, \(key): undefined }) === key;
              const opposite = this.requests.findIndex((other) => \(actionOf("other")) !== \(actionOf("message")) && sameRequest(other));
              if (opposite >= 0) {
                this.requests.splice(opposite, 1);
                if (\(actionOf("message")) === "unsubscribe") return;
              }
              if (!this.requests.some((other) => \(actionOf("other")) === \(actionOf("message")) && sameRequest(other))) {
                this.requests.push(message);
              }
            }
            """)
    }
}
