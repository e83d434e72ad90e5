import Dispatch

/// An outgoing HTTP request.
public struct HTTPClientRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The answer of a server: any status, the caller decides what it means.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why a request got no answer. The descriptions never contain the URL, which may hold a
/// secret (a Telegram bot token is part of its path).
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an absolute http or https URL.
    case invalidURL
    /// No answer within the timeout.
    case timedOut(seconds: Double)
    /// The host could not be resolved or refused the connection.
    case unreachable(String)
    /// The answer's body is larger than the limit; the transfer was cut off.
    case tooLarge(limit: Int)
    /// Any other transport failure (TLS, a dropped connection).
    case transport(String)

    public var description: String {
        switch self {
        case .invalidURL: "not an absolute http(s) URL"
        case .timedOut(let seconds): "no answer within \(Self.format(seconds)) s"
        case .unreachable(let reason): "unreachable: \(reason)"
        case .tooLarge(let limit): "the answer is larger than \(limit) bytes"
        case .transport(let reason): "transport failure: \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Limits of one client: how long a request may take, how large an answer may be, how
/// `sendRetrying` retries, and which certificates `https` trusts.
public struct HTTPClientSettings: Sendable {
    /// Seconds one attempt may take, from resolving the host to the last byte (redirects
    /// included). Not finite or not positive means one second.
    public var timeout: Double {
        didSet { timeout = Self.positive(timeout) }
    }
    /// Largest body accepted; a larger one fails with `.tooLarge` (and is not retried).
    public var maxResponseBytes: Int
    /// Attempts after the first one that `sendRetrying` makes.
    public var retries: Int
    /// Wait before the first retry; each further retry waits twice as long.
    public var initialBackoff: Double
    /// A PEM file of the certificates `https` servers must chain to, instead of the system's
    /// (a private certificate authority).
    public var trustedCertificatesFile: String?

    public init(timeout: Double = 10, maxResponseBytes: Int = 16 << 20, retries: Int = 2, initialBackoff: Double = 0.25,
                trustedCertificatesFile: String? = nil) {
        self.timeout = Self.positive(timeout)
        self.maxResponseBytes = maxResponseBytes
        self.retries = retries
        self.initialBackoff = initialBackoff
        self.trustedCertificatesFile = trustedCertificatesFile
    }

    private static func positive(_ seconds: Double) -> Double {
        seconds.isFinite && seconds > 0 ? seconds : 1
    }
}

/// A small HTTP/1.1 and HTTPS client of our own, over sockets and libssl (no libcurl): one
/// connection per request (`Connection: close`), a deadline per attempt covering every step,
/// a cap on the answer's size enforced while it arrives, up to five redirects followed, and
/// retries with exponential backoff for failures worth retrying. Each attempt blocks a
/// Dispatch worker, not the caller's task; cancelling the task ends it within 50 ms. Safe to
/// share; requests run concurrently.
public final class HTTPClient: Sendable {
    public let settings: HTTPClientSettings
    /// How `https` is verified; nil when it could not be set up (every https request then fails
    /// with that error).
    private let tls: Result<HTTPClientTLS, HTTPClientError>

    /// Redirects one attempt follows before answering with the last redirect.
    static let maxRedirects = 5

    public init(settings: HTTPClientSettings = HTTPClientSettings()) {
        self.settings = settings
        if let file = settings.trustedCertificatesFile {
            tls = Result { () throws(HTTPClientError) in try HTTPClientTLS(trustedCertificatesFile: file) }
        } else {
            tls = HTTPClientTLS.system
        }
    }

    /// One attempt.
    public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        guard let target = HTTPTarget(request.url) else { throw .invalidURL }
        for header in request.headers where !Self.isValidHeader(header) {
            throw .transport("header \(Self.printable(header.name)) is not valid in HTTP/1.1")
        }
        let cancellation = HTTPCancellation()
        let deadline = HTTPDeadline(seconds: settings.timeout, cancellation: cancellation)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>) in
                DispatchQueue.global(qos: .utility).async { [self] in
                    continuation.resume(returning: Result { () throws(HTTPClientError) in
                        try exchange(request, at: target, deadline: deadline)
                    })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }

    /// Sends until an answer worth keeping arrives: timeouts, unreachable hosts, transport
    /// failures, 429 and 5xx answers are retried up to `settings.retries` times, waiting
    /// `initialBackoff`, then twice as long each time (a `Retry-After` of at most 30 s is
    /// honoured when longer). The last attempt's answer or error is returned.
    public func sendRetrying(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        var wait = settings.initialBackoff
        var attempt = 0
        while true {
            let outcome: Result<HTTPClientResponse, HTTPClientError>
            do {
                outcome = .success(try await send(request))
            } catch {
                outcome = .failure(error)
            }
            guard attempt < settings.retries, Self.worthRetrying(outcome), !Task.isCancelled else { return try outcome.get() }
            attempt += 1
            var delay = wait
            if case .success(let response) = outcome, let retryAfter = response.headers["retry-after"].flatMap(Double.init),
               retryAfter > delay, retryAfter <= 30 {
                delay = retryAfter
            }
            try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            wait *= 2
        }
    }

    static func worthRetrying(_ outcome: Result<HTTPClientResponse, HTTPClientError>) -> Bool {
        switch outcome {
        case .success(let response): response.status == 429 || response.status >= 500
        case .failure(.timedOut), .failure(.unreachable), .failure(.transport): true
        case .failure(.invalidURL), .failure(.tooLarge): false
        }
    }

    /// One attempt, blocking: the request, then each redirect it is answered with (301, 302,
    /// 303, 307, 308 with a `Location`), as browsers do: 303, and 301 or 302 after a POST,
    /// continue as a GET without body; credentials (`Authorization`, `Cookie`) go to the same
    /// origin only; https never continues over http.
    private func exchange(_ request: HTTPClientRequest, at first: HTTPTarget, deadline: HTTPDeadline) throws(HTTPClientError) -> HTTPClientResponse {
        var request = request
        var target = first
        var redirects = 0
        while true {
            let response = try exchangeOnce(request, at: target, deadline: deadline)
            guard [301, 302, 303, 307, 308].contains(response.status), redirects < Self.maxRedirects,
                  let location = response.headers["location"], let next = target.resolving(location),
                  next.secure || !target.secure else { return response }
            redirects += 1
            if response.status == 303 || ((response.status == 301 || response.status == 302) && request.method == "POST") {
                if request.method != "HEAD" { request.method = "GET" }
                request.body = nil
                request.headers.removeAll { ["content-type", "content-length"].contains($0.name.lowercased()) }
            }
            if !next.sameOrigin(as: target) {
                request.headers.removeAll { ["authorization", "cookie", "proxy-authorization"].contains($0.name.lowercased()) }
            }
            target = next
        }
    }

    private func exchangeOnce(_ request: HTTPClientRequest, at target: HTTPTarget, deadline: HTTPDeadline) throws(HTTPClientError) -> HTTPClientResponse {
        let connection = try HTTPClientConnection(to: target, tls: target.secure ? try tls.get() : nil, deadline: deadline)
        try connection.write(Self.head(of: request, at: target) + (request.body ?? []))
        var reader = HTTPResponseReader(source: ConnectionSource(connection: connection), limit: settings.maxResponseBytes)
        return try reader.read(headRequest: request.method == "HEAD")
    }

    /// The request line and headers: `Host`, `Connection: close`, `Content-Length` when a body
    /// is sent (or the method usually has one), then the caller's (which may replace
    /// `User-Agent`, `Accept` and `Accept-Encoding`, but not the framing ones).
    static func head(of request: HTTPClientRequest, at target: HTTPTarget) -> [UInt8] {
        let own = Set(request.headers.map { $0.name.lowercased() })
        var head = "\(request.method) \(target.requestTarget) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nConnection: close\r\n"
        if !own.contains("user-agent") { head += "User-Agent: trading-server\r\n" }
        if !own.contains("accept") { head += "Accept: */*\r\n" }
        if !own.contains("accept-encoding") { head += "Accept-Encoding: identity\r\n" }
        if let body = request.body {
            head += "Content-Length: \(body.count)\r\n"
        } else if ["POST", "PUT", "PATCH"].contains(request.method) {
            head += "Content-Length: 0\r\n"
        }
        for header in request.headers where !framing.contains(header.name.lowercased()) {
            head += "\(header.name): \(header.value)\r\n"
        }
        return Array((head + "\r\n").utf8)
    }

    /// Headers the client writes itself from the request.
    private static let framing: Set<String> = ["host", "connection", "content-length", "transfer-encoding"]

    /// A token name and a value without CR, LF or NUL.
    private static func isValidHeader(_ header: (name: String, value: String)) -> Bool {
        !header.name.isEmpty && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            && header.value.utf8.allSatisfy { $0 != 0x0D && $0 != 0x0A && $0 != 0 }
    }

    private static func printable(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }.prefix(40).map(Character.init))
    }
}

/// A connection as the reader's byte source.
private struct ConnectionSource: HTTPByteSource {
    let connection: HTTPClientConnection

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        try connection.read(into: buffer)
    }
}
