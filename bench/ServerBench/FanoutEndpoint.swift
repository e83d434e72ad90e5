#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

struct FanoutEndpoint: WebSocketEndpoint {
    let broadcaster: ChannelBroadcaster
    let closedCount: Counter

    func handles(path: String) -> Bool { true }

    func openSession(_ socket: WebSocketHandle, request: HTTPRequestHead, context: WebSocketContext) -> any WebSocketSession {
        broadcaster.subscribe(socket, to: FanoutServer.channel)
        return FanoutSession(socket: socket, broadcaster: broadcaster, closedCount: closedCount)
    }
}
