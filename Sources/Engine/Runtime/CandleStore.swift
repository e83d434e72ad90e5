/// Where the engine's candles are persisted, write-behind: the engine hands over a batch and
/// goes on; `store` reports when the batch is durable (or failed, and how).
public protocol CandleStore: Sendable {
    func store(_ writes: [CandleWrite]) async throws
}
