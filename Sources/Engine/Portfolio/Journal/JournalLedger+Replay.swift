import Backends

extension JournalLedger {
    /// The ledger of `exchange` after `executions`, applied in the order given (the history's:
    /// oldest first); the first one refused stops it.
    public static func replay(_ executions: [ExecutionRecord], exchange: String) throws(JournalReplayError) -> JournalLedger {
        var ledger = JournalLedger(exchange: exchange)
        for execution in executions {
            do {
                try ledger.apply(execution)
            } catch {
                throw JournalReplayError(execution: execution, reason: error)
            }
        }
        return ledger
    }

    /// Applies one stored execution (`side` `Buy` or `Sell`).
    public mutating func apply(_ execution: ExecutionRecord) throws(JournalError) {
        guard let side = OrderSide(rawValue: execution.side) else {
            throw .unsupported(field: "side", reason: "'\(execution.side)' is neither Buy nor Sell")
        }
        try apply(side: side, quantity: execution.quantity, price: execution.price, fee: execution.fee, at: execution.executedAt)
    }
}
