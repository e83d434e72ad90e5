import Backends

/// Where the paper exchange's changes are made durable: one transaction per batch, in order.
public protocol ExchangeStore: Sendable {
    func store(_ changes: ExchangeChanges, at time: Int) async throws
}

/// The exchange's changes in the database (`ExchangeRepository.apply`).
public struct BackendExchangeStore: ExchangeStore {
    let backend: Backend
    let records: ExchangeRecords

    public init(backend: Backend, records: ExchangeRecords) {
        self.backend = backend
        self.records = records
    }

    public func store(_ changes: ExchangeChanges, at time: Int) async throws {
        let batch = records.batch(changes, at: time)
        guard !batch.isEmpty else { return }
        try await backend.write { repositories throws(StorageError) in try repositories.exchange.apply(batch) }
    }
}
