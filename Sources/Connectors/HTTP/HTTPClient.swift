import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

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

/// Limits of one client: how long a request may take, how large an answer may be, and how
/// `sendRetrying` retries.
public struct HTTPClientSettings: Sendable {
    /// Seconds one attempt may take, from connecting to the last byte: whole seconds, at least
    /// one (libcurl under URLSession counts whole seconds; a fraction is rounded up).
    public var timeout: Double {
        didSet { timeout = Self.wholeSeconds(timeout) }
    }
    /// Largest body accepted; a larger one fails with `.tooLarge` (and is not retried).
    public var maxResponseBytes: Int
    /// Attempts after the first one that `sendRetrying` makes.
    public var retries: Int
    /// Wait before the first retry; each further retry waits twice as long.
    public var initialBackoff: Double

    public init(timeout: Double = 10, maxResponseBytes: Int = 16 << 20, retries: Int = 2, initialBackoff: Double = 0.25) {
        self.timeout = Self.wholeSeconds(timeout)
        self.maxResponseBytes = maxResponseBytes
        self.retries = retries
        self.initialBackoff = initialBackoff
    }

    private static func wholeSeconds(_ seconds: Double) -> Double {
        seconds.isFinite ? max(1, seconds.rounded(.up)) : 1
    }
}

/// A small HTTP/1.1 and HTTPS client over the toolchain's URLSession (libcurl underneath):
/// a timeout per attempt, a cap on the answer's size enforced while it arrives, and retries
/// with exponential backoff for failures worth retrying. Safe to share; requests run
/// concurrently.
public final class HTTPClient: Sendable {
    public let settings: HTTPClientSettings
    private let session: URLSession
    private let collector: ResponseCollector

    public init(settings: HTTPClientSettings = HTTPClientSettings()) {
        self.settings = settings
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        collector = ResponseCollector(limit: settings.maxResponseBytes, timeout: settings.timeout)
        session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// One attempt.
    public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            throw .invalidURL
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: settings.timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        let task = session.dataTask(with: urlRequest)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>) in
                collector.register(task.taskIdentifier, continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
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
}

/// The session's delegate: gathers each task's body up to the limit and resumes its waiter
/// once. URLSession calls it on its own serial queue; the table is guarded by a mutex
/// because `register` runs on the caller's thread.
private final class ResponseCollector: NSObject, URLSessionDataDelegate, Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>
        var body: [UInt8] = []
        var status = 0
        var headers: [String: String] = [:]
        var failure: HTTPClientError?
    }

    private let limit: Int
    private let timeout: Double
    private let pending = Mutex<[Int: Pending]>([:])

    init(limit: Int, timeout: Double) {
        self.limit = limit
        self.timeout = timeout
    }

    func register(_ task: Int, _ continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>) {
        pending.withLock { $0[task] = Pending(continuation: continuation) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        let tooLarge = response.expectedContentLength > Int64(limit)
        pending.withLock { table in
            table[dataTask.taskIdentifier]?.status = http?.statusCode ?? 0
            table[dataTask.taskIdentifier]?.headers = headers
            if tooLarge { table[dataTask.taskIdentifier]?.failure = .tooLarge(limit: limit) }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let exceeded = pending.withLock { table -> Bool in
            guard var entry = table[dataTask.taskIdentifier], entry.failure == nil else { return false }
            if entry.body.count + data.count > limit {
                entry.failure = .tooLarge(limit: limit)
                entry.body = []
                table[dataTask.taskIdentifier] = entry
                return true
            }
            table[dataTask.taskIdentifier] = nil
            entry.body.append(contentsOf: data)
            table[dataTask.taskIdentifier] = entry
            return false
        }
        if exceeded { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let failure = entry.failure {
            entry.continuation.resume(returning: .failure(failure))
        } else if let error {
            entry.continuation.resume(returning: .failure(Self.classify(error, timeout: timeout)))
        } else {
            entry.continuation.resume(returning: .success(HTTPClientResponse(status: entry.status, headers: entry.headers, body: entry.body)))
        }
    }

    /// URLSession's error as one of ours, without the URL it carries.
    private static func classify(_ error: Error, timeout: Double) -> HTTPClientError {
        let code = (error as NSError).code
        switch code {
        case NSURLErrorTimedOut: return .timedOut(seconds: timeout)
        case NSURLErrorCannotConnectToHost: return .unreachable("connection refused")
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .unreachable("host not found")
        case NSURLErrorNotConnectedToInternet: return .unreachable("no network")
        case NSURLErrorCancelled: return .transport("cancelled")
        case NSURLErrorNetworkConnectionLost: return .transport("connection lost")
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot:
            return .transport("TLS handshake failed")
        case NSURLErrorBadServerResponse: return .transport("malformed answer")
        default: return .transport("URL error \(code)")
        }
    }
}
