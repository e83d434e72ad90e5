#if canImport(Glibc)
import Glibc
#endif
import Engine
import Gateway
import Server
import Synchronization

/// The stream side of `ServerBench engine --subscribers N`: an `HTTPServer` whose every
/// WebSocket connection subscribes to every market channel of the demo symbols (`market:`,
/// `kline:` of each timeframe, `orderbook:`, `all_markets` and `/ws/market`'s price pushes), and
/// N clients in this process that read and count what arrives, each on a thread of its own.
final class EngineStreamServer: Sendable {
    let broadcaster = ChannelBroadcaster()
    let bytes = Counter()
    private let server: HTTPServer

    static func channels(_ symbols: [SymbolSpec]) -> [String] {
        ["all_markets"] + symbols.flatMap { spec -> [String] in
            let name = spec.key.marketForm
            return ["market:" + name, "orderbook:" + name, MarketChannel.price(spec.key)]
                + CandleInterval.allCases.map { "kline:\(name):\($0.rawValue)" }
        }
    }

    init(symbols: [SymbolSpec], clients: Int, loops: Int) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = loops
        configuration.logRequests = false
        configuration.maxWebSocketConnectionsPerAddress = max(clients, 1)
        let endpoint = Endpoint(broadcaster: broadcaster, channels: Self.channels(symbols))
        server = try HTTPServer(configuration: configuration, responder: NotFoundResponder(), webSocketEndpoint: endpoint)
        try server.start()
        for _ in 0..<clients {
            let port = server.port, bytes = bytes
            startThread { Self.read(port: port, into: bytes) }
        }
    }

    func stop() { server.shutdown() }

    /// One client: connects, upgrades, then reads and counts until the server goes away.
    private static func read(port: Int, into bytes: Counter) {
        let fd = FanoutClients.connectLoopback(port: port)
        guard fd >= 0 else { return }
        let request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(ClientConnection.key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            bytes.add(count)
        }
        close(fd)
    }

    private struct Endpoint: WebSocketEndpoint {
        let broadcaster: ChannelBroadcaster
        let channels: [String]

        func handles(path: String) -> Bool { true }

        func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
            for channel in channels { broadcaster.subscribe(socket, to: channel) }
            return Session(socket: socket, broadcaster: broadcaster, channels: channels)
        }
    }

    private final class Session: WebSocketSession {
        let socket: WebSocketHandle
        let broadcaster: ChannelBroadcaster
        let channels: [String]

        init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, channels: [String]) {
            self.socket = socket
            self.broadcaster = broadcaster
            self.channels = channels
        }

        func received(text: String) {}
        func received(binary: [UInt8]) {}
        func closed() { broadcaster.unsubscribe(socket, from: channels) }
    }
}
