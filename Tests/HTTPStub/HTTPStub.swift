import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A request the stub received.
public struct StubRequest: Sendable {
    public var method: String
    /// Path and query, as sent.
    public var target: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public var path: Substring { target.split(separator: "?", maxSplits: 1).first ?? "" }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the stub answers.
public struct StubResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Seconds to wait before answering (to play a slow or hanging service).
    public var delay: Double

    public init(status: Int = 200, headers: [(String, String)] = [("Content-Type", "application/json")], body: [UInt8] = [], delay: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    public static func json(_ text: String, status: Int = 200, delay: Double = 0) -> StubResponse {
        StubResponse(status: status, body: Array(text.utf8), delay: delay)
    }
}

/// A local HTTP/1.1 server for tests that plays an outside service (a market data provider,
/// the Telegram Bot API): it listens on 127.0.0.1 on a free port, answers each request with
/// `respond` on its own thread (one connection, one request, then close), and records what
/// it received.
public final class HTTPStub: Sendable {
    public let port: Int
    private let listener: Int32
    private let received = Mutex<[StubRequest]>([])
    private let responder: Mutex<@Sendable (StubRequest) -> StubResponse>
    private let stopped = Atomic<Bool>(false)

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Every request so far, oldest first.
    public var requests: [StubRequest] { received.withLock { $0 } }

    public init(_ respond: @escaping @Sendable (StubRequest) -> StubResponse) throws {
        responder = Mutex(respond)
        let (fd, port) = try loopbackSocket(reuseAddress: true)
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw StubError.socket(errno)
        }
        self.port = port
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        stop()
    }

    /// Replaces the answer for the requests still to come.
    public func respond(with respond: @escaping @Sendable (StubRequest) -> StubResponse) {
        responder.withLock { $0 = respond }
    }

    /// Stops listening; connections in progress finish.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let request = Self.read(fd) else { return }
        received.withLock { $0.append(request) }
        let respond = responder.withLock { $0 }
        let response = respond(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) Stub\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        Self.write(fd, Array(head.utf8) + response.body)
    }

    private static func read(_ fd: Int32) -> StubRequest? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
            headerEnd = find(Array("\r\n\r\n".utf8), in: buffer)
        }
        guard let end = headerEnd else { return nil }
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(end + 4)...])
        while body.count < length {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { break }
            body += chunk[0..<n]
        }
        return StubRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

public enum StubError: Error {
    case socket(Int32)
}

/// A TCP socket bound to a free port of 127.0.0.1, not yet listening, and its port; with
/// `reuseAddress`, SO_REUSEADDR (a server's, so that a restart may bind again at once).
func loopbackSocket(reuseAddress: Bool) throws(StubError) -> (descriptor: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw StubError.socket(errno) }
    if reuseAddress {
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else {
        let failure = errno
        close(fd)
        throw StubError.socket(failure)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A port of 127.0.0.1 where a connection is refused: bound and never listening, so no other
/// test's server can take it while this lives (a stopped stub's port can be taken at once by a
/// test running alongside, which then answers instead of refusing).
public final class RefusingPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        (descriptor, port) = try loopbackSocket(reuseAddress: false)
    }

    deinit {
        close(descriptor)
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
}
