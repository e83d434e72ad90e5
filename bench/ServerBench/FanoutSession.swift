#if canImport(Glibc)
import Glibc
#endif
import Server
import Synchronization

final class FanoutSession: WebSocketSession {
    let socket: WebSocketHandle
    let broadcaster: ChannelBroadcaster
    let closedCount: Counter

    init(socket: WebSocketHandle, broadcaster: ChannelBroadcaster, closedCount: Counter) {
        self.socket = socket
        self.broadcaster = broadcaster
        self.closedCount = closedCount
    }

    func received(text: String) {}
    func received(binary: [UInt8]) {}

    func closed() {
        broadcaster.unsubscribe(socket, from: FanoutServer.channel)
        closedCount.increment()
    }
}
