import Primitives
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 connection on its event loop: parses requests as bytes arrive, hands each to
/// the responder (one at a time, so pipelined responses keep their order), writes responses,
/// enforces timeouts, and upgrades to WebSocket when asked.
final class HTTPConnection: LoopConnection {
    let id: UInt64
    let stream: ByteStream
    let remoteAddress: String
    private unowned let loop: EventLoop
    private var parser: HTTPRequestParser
    private var output = OutputBuffer()
    /// The request with the responder, as its log line names it; nil while none is.
    private var pendingRequest: (method: String, path: Substring)?
    /// A request is with the responder.
    private var busy: Bool { pendingRequest != nil }
    private var currentIsHead = false
    private var currentKeepAlive = true
    private var currentOrigin: String?
    private var closeAfterWrite = false
    private var peerClosedInput = false
    private var readingEnabled = true
    private var writingEnabled = false
    /// The last write left bytes the socket would not take.
    private var writeBlocked = false
    /// Input buffered while a request is with the responder, beyond which reading pauses.
    private static let pipelinedInputLimit = 64 * 1024
    /// When the request being read must be complete (set by its first byte).
    private var readDeadline: UInt64?
    private var lastActivity: UInt64
    /// After the last response of a closing connection: reads are drained and discarded
    /// until the peer closes or this deadline passes.
    private var lingerDeadline: UInt64?

    private var configuration: ServerConfiguration { loop.context.configuration }

    init(id: UInt64, stream: ByteStream, remoteAddress: String, loop: EventLoop) {
        self.id = id
        self.stream = stream
        self.remoteAddress = remoteAddress
        self.loop = loop
        parser = HTTPRequestParser(limits: HTTPParserLimits(
            maxHeaderBytes: loop.context.configuration.maxHeaderBytes,
            maxBodyBytes: loop.context.configuration.maxBodyBytes))
        lastActivity = Timestamp.monotonicNanoseconds()
    }

    // MARK: Input

    func readable() {
        if lingerDeadline != nil { return drainLingering() }
        // Reads stopped at end of input; another event now is a hang-up or an error.
        if peerClosedInput { return loop.remove(self) }
        while true {
            switch stream.read(into: loop.readBuffer) {
            case .bytes(let count):
                parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
                lastActivity = Timestamp.monotonicNanoseconds()
                if count < loop.readBuffer.count { return processInput() }
            case .wouldBlock:
                return processInput()
            case .closed, .failed:
                peerClosedInput = true
                processInput()
                if !busy && output.isEmpty { loop.remove(self) }
                return
            }
        }
    }

    private func processInput() {
        // Pipelined requests wait while the answers already made cannot be written (a client
        // that sends without reading): `flush` goes on once they drain.
        while !busy && !closeAfterWrite && !writeBlocked {
            let event: HTTPParseEvent?
            do {
                event = try parser.next()
            } catch {
                respondWithError(error.status, error.reason)
                break
            }
            guard let event else { break }
            switch event {
            case .expectContinue:
                output.append("HTTP/1.1 100 Continue\r\n\r\n")
                loop.markDirty(self)
            case .request(let request):
                if upgradeIfRequested(request) { return }
                dispatch(request)
            }
        }
        // An unfinished TLS handshake is timed like a request being received.
        if busy || (parser.isIdle && !stream.isHandshaking) {
            readDeadline = nil
        } else if readDeadline == nil {
            readDeadline = Timestamp.monotonicNanoseconds() + UInt64(configuration.requestReadTimeout * 1e9)
        }
        updateInterest()
    }

    private func dispatch(_ request: HTTPRequest) {
        pendingRequest = (request.head.method, request.head.path)
        let startedAt = Timestamp.monotonicNanoseconds()
        currentIsHead = request.head.method == "HEAD"
        currentKeepAlive = request.head.keepAlive && !loop.shuttingDown
        currentOrigin = request.head.headers["Origin"]
        let requestID = Self.sanitizedRequestID(request.head.headers["X-Request-Id"]) ?? loop.makeRequestID()
        loop.markDirty(self)
        let context = loop.context
        if let preflight = context.cors.preflightResponse(for: request.head) {
            return finish(hardened(preflight), requestID: requestID, startedAt: startedAt)
        }
        var routed = request
        if currentIsHead { routed.head.method = "GET" }
        let requestContext = HTTPRequestContext(requestID: requestID, remoteAddress: remoteAddress)
        // What the responder answers from memory is written now, without the hop to the pool;
        // it never waits, so it is not counted against the in-flight limit (nor does it touch
        // the counter the loops share).
        if let response = context.responder.respondOnLoop(to: routed, context: requestContext) {
            return finish(response, requestID: requestID, startedAt: startedAt)
        }
        guard context.inFlight.wrappingAdd(1, ordering: .relaxed).newValue <= configuration.maxInFlightRequests else {
            context.inFlight.wrappingSubtract(1, ordering: .relaxed)
            return finish(errorResponse(503, "The server is busy; retry shortly"), requestID: requestID, startedAt: startedAt)
        }
        let inbox = loop.inbox
        let connectionID = id
        Task {
            let response = await context.responder.respond(to: routed, context: requestContext)
            context.inFlight.wrappingSubtract(1, ordering: .relaxed)
            inbox.post(.respond(connection: connectionID, response: response, requestID: requestID, startedAt: startedAt))
        }
    }

    /// Writes the response of the request in flight (answered on the pool), then goes on with
    /// pipelined input.
    func complete(_ response: HTTPResponse, requestID: String, startedAt: UInt64) {
        guard pendingRequest != nil else { return }
        finish(response, requestID: requestID, startedAt: startedAt)
        processInput()
    }

    /// Writes the response of the request in flight. Answers made during `dispatch` end here, so
    /// `processInput`'s loop goes on with the next pipelined request instead of recursing.
    private func finish(_ response: HTTPResponse, requestID: String, startedAt: UInt64) {
        guard let request = pendingRequest else { return }
        pendingRequest = nil
        if !currentKeepAlive || peerClosedInput || loop.shuttingDown { closeAfterWrite = true }
        write(response, requestID: requestID)
        if configuration.logRequests {
            let milliseconds = Double(Timestamp.monotonicNanoseconds() - startedAt) / 1e6
            loop.context.log(RequestLog.line(method: request.method, path: String(request.path), status: response.status,
                                              durationMilliseconds: milliseconds, requestID: requestID, remote: remoteAddress))
        }
        loop.markDirty(self)
    }

    // MARK: Output

    private func write(_ response: HTTPResponse, requestID: String) {
        output.append(HTTPStatus.statusLine(response.status))
        for (name, value) in response.headers.ownFields where !HTTPHeaders.isManaged(name) {
            appendHeader(name, value)
        }
        if let block = response.headers.block { output.append(block.bytes) }
        if currentOrigin != nil {
            for (name, value) in loop.context.cors.responseHeaders(for: currentOrigin) where response.headers[name] == nil {
                appendHeader(name, value)
            }
        }
        if !HTTPStatus.forbidsBody(response.status) {
            output.append("Content-Length: ")
            output.appendDecimal(response.body.count)
            output.append("\r\n")
        }
        appendHeader("X-Request-Id", requestID)
        output.append(closeAfterWrite ? "Connection: close\r\nDate: " : "Connection: keep-alive\r\nDate: ")
        output.append(loop.date.bytes())
        output.append("\r\n\r\n")
        if !currentIsHead && !HTTPStatus.forbidsBody(response.status) {
            output.append(response.body)
        }
    }

    private func appendHeader(_ name: String, _ value: String) {
        output.append(contentsOf: name.utf8)
        output.append(": ")
        output.append(contentsOf: value.utf8)
        output.append("\r\n")
    }

    /// An error the transport answers itself: the configured body, with the security headers.
    private func errorResponse(_ status: Int, _ message: String) -> HTTPResponse {
        let rendered = configuration.errorBody(status, message)
        return hardened(HTTPResponse(status: status, contentType: rendered.contentType, body: rendered.body))
    }

    /// `response` with each configured security header it does not set itself.
    private func hardened(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        for header in configuration.securityHeaders where response.headers[header.name] == nil {
            response.headers.add(name: header.name, value: header.value)
        }
        return response
    }

    /// Answers a request the transport refuses (malformed, too large, too slow) and closes.
    private func respondWithError(_ status: Int, _ message: String) {
        closeAfterWrite = true
        currentIsHead = false
        currentOrigin = nil
        let requestID = loop.makeRequestID()
        write(errorResponse(status, message), requestID: requestID)
        if configuration.logRequests {
            loop.context.log(RequestLog.line(method: "-", path: "-", status: status, durationMilliseconds: 0,
                                              requestID: requestID, remote: remoteAddress))
        }
        loop.markDirty(self)
    }

    func flush() {
        guard lingerDeadline == nil else { return }
        switch output.flush(to: stream) {
        case .drained:
            if peerClosedInput && !busy { return loop.remove(self) }
            if closeAfterWrite { return beginLingering() }
            if writeBlocked {
                writeBlocked = false
                if !busy && parser.bufferedByteCount > 0 { return processInput() }
            }
        case .blocked:
            writeBlocked = true
        case .failed:
            return loop.remove(self)
        }
        updateInterest()
    }

    func writable() {
        // A TLS stream may need the socket writable to go on reading (handshake messages).
        if stream.wantsWrite { readable() }
        flush()
    }

    /// Epoll interest changes cost a system call each, so they happen only when needed:
    /// writability is watched only after a write blocked, and reading goes on while a request
    /// is being handled until a bounded amount of pipelined input is buffered.
    private func updateInterest() {
        let waiting = busy || writeBlocked
        let reading = !closeAfterWrite && !peerClosedInput && (!waiting || parser.bufferedByteCount < Self.pipelinedInputLimit)
        let writing = writeBlocked || stream.wantsWrite
        guard reading != readingEnabled || writing != writingEnabled else { return }
        readingEnabled = reading
        writingEnabled = writing
        loop.setInterest(self, reading: reading, writing: writing)
    }

    private func beginLingering() {
        stream.shutdownWrite()
        lingerDeadline = Timestamp.monotonicNanoseconds() + 2_000_000_000
        readingEnabled = true
        writingEnabled = false
        loop.setInterest(self, reading: true, writing: false)
    }

    private func drainLingering() {
        while true {
            switch stream.read(into: loop.readBuffer) {
            case .bytes: continue
            case .wouldBlock: return
            case .closed, .failed: return loop.remove(self)
            }
        }
    }

    // MARK: Timeouts and shutdown

    func tick(now: UInt64) {
        if let lingerDeadline {
            if now >= lingerDeadline { loop.remove(self) }
            return
        }
        if let readDeadline, now >= readDeadline, !busy {
            self.readDeadline = nil
            // A TLS handshake that did not finish has no channel an HTTP answer could go in.
            if stream.isHandshaking { return loop.remove(self) }
            respondWithError(408, "The request was not received in time")
        } else if !busy && parser.isIdle && output.isEmpty
                    && now - lastActivity >= UInt64(configuration.idleTimeout * 1e9) {
            loop.remove(self)
        }
    }

    func beginShutdown() {
        if lingerDeadline == nil && !busy && parser.isIdle && output.isEmpty { loop.remove(self) } else { currentKeepAlive = false }
    }

    // MARK: WebSocket upgrade

    /// Seconds a client refused for holding too many WebSockets is told to wait.
    static let webSocketRetryAfterSeconds = 5

    /// Answers a request to a WebSocket path: a refusal (the endpoint's, 426 without an
    /// `Upgrade`, a handshake error, 429 past the per-address cap) or 101 and the hand-over
    /// to a `WebSocketConnection`. Every answer is logged like a request.
    private func upgradeIfRequested(_ request: HTTPRequest) -> Bool {
        guard let endpoint = loop.context.webSocketEndpoint, endpoint.handles(path: String(request.head.path)) else {
            return false
        }
        let head = request.head
        let context = WebSocketContext(
            requestID: Self.sanitizedRequestID(head.headers["X-Request-Id"]) ?? loop.makeRequestID(),
            path: String(head.path), remoteAddress: remoteAddress,
            clientAddress: endpoint.clientAddress(of: head, remoteAddress: remoteAddress))
        currentIsHead = head.method == "HEAD"
        if let refusal = endpoint.refuseUpgrade(head, remoteAddress: remoteAddress) {
            refuseUpgrade(hardened(refusal), context: context, reason: "refused by the endpoint", closing: true)
            return true
        }
        guard head.headers.containsToken("websocket", in: "Upgrade") else {
            let message = "\(context.path) is a WebSocket endpoint: send an Upgrade request"
            var response = errorResponse(426, message)
            response.headers.add(name: "Upgrade", value: "websocket")
            refuseUpgrade(response, context: context, reason: message, closing: false)
            return true
        }
        let accepted: [(name: String, value: String)]
        switch WebSocketHandshake.accept(method: head.method, versionMinor: head.version.minor, headers: head.headers) {
        case .failure(let error):
            var response = errorResponse(error.status, error.message)
            for header in error.headers { response.headers.add(name: header.name, value: header.value) }
            refuseUpgrade(response, context: context, reason: error.message, closing: true)
            return true
        case .success(let headers):
            accepted = headers
        }
        let slots = loop.context.webSocketSlots
        guard slots.take(context.clientAddress) else {
            let message = "Too many WebSocket connections from \(context.clientAddress): at most \(slots.limit) at once"
            var response = errorResponse(429, message)
            response.headers.add(name: "Retry-After", value: String(Self.webSocketRetryAfterSeconds))
            refuseUpgrade(response, context: context, reason: message, closing: true)
            return true
        }
        var switching = "HTTP/1.1 101 Switching Protocols\r\n"
        for header in accepted { switching += "\(header.name): \(header.value)\r\n" }
        switching += "\r\n"
        output.append(contentsOf: switching.utf8)
        logUpgrade(status: 101, context: context, reason: nil)
        // Keep little unsent data in the kernel, so a slow reader's backlog builds up in the
        // connection's own queue, where market data is conflated and overflow is detected.
        var lowWater: Int32 = 128 * 1024
        setsockopt(stream.fileDescriptor, Int32(IPPROTO_TCP), TCP_NOTSENT_LOWAT, &lowWater, socklen_t(MemoryLayout<Int32>.size))
        let socket = WebSocketConnection(
            id: id, stream: stream, context: context, loop: loop, pendingOutput: output,
            initialInput: parser.takeRemainingBytes())
        loop.replace(with: socket)
        socket.open(endpoint: endpoint, request: head)
        return true
    }

    /// Writes a refused upgrade's answer under the upgrade's request id, and logs it.
    private func refuseUpgrade(_ response: HTTPResponse, context: WebSocketContext, reason: String, closing: Bool) {
        if closing { closeAfterWrite = true }
        write(response, requestID: context.requestID)
        logUpgrade(status: response.status, context: context, reason: reason)
        loop.markDirty(self)
    }

    private func logUpgrade(status: Int, context: WebSocketContext, reason: String?) {
        guard configuration.logRequests else { return }
        var line = context.logLine(.info, "websocket_upgrade")
        line.add("status", status)
        if let reason { line.add("reason", reason) }
        loop.context.log(line)
    }

    /// A client-supplied request id is echoed when it is short and printable.
    static func sanitizedRequestID(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
