import Primitives

/// Balances. Every movement reads the row (locked with `FOR UPDATE` on PostgreSQL; SQLite
/// write transactions are exclusive already), computes with `ExactDecimal` in Swift and
/// writes the result back inside the caller's transaction: SQL arithmetic on SQLite's TEXT
/// decimals would be floating point. Amounts must not be negative (`.constraintViolation`).
public struct BalanceRepository {
    let connection: any SQLConnection
    /// The stored columns, in the order `values` gives them.
    static let columnNames = ["asset", "free", "locked", "updated_at"]
    private static let columns = columnNames.joined(separator: ", ")

    /// The balance of `asset`, or nil.
    public func find(asset: String) throws(StorageError) -> BalanceRecord? {
        try connection.query("SELECT \(Self.columns) FROM balances WHERE asset = $1", asset).first.map(BalanceRecord.init)
    }

    /// Every balance, by asset in code-point order (sorted here: a PostgreSQL collation could
    /// order assets otherwise than SQLite does).
    public func list() throws(StorageError) -> [BalanceRecord] {
        var balances: [BalanceRecord] = []
        for row in try connection.query("SELECT \(Self.columns) FROM balances") { balances.append(try BalanceRecord(row: row)) }
        return balances.sorted { $0.asset < $1.asset }
    }

    /// Stores a balance, replacing any previous one of the asset.
    public func set(_ balance: BalanceRecord) throws(StorageError) {
        try set([balance])
    }

    /// Stores balances, each replacing any previous one of its asset; of two balances of the
    /// same asset the later is kept.
    public func set(_ balances: [BalanceRecord]) throws(StorageError) {
        try connection.upsert(
            table: "balances", columns: Self.columnNames, key: ["asset"], rows: balances.lastOfEach(\.asset).map(Self.values))
    }

    /// A balance's values in the order of `columnNames`.
    static func values(_ balance: BalanceRecord) -> [SQLValue] {
        [balance.asset.sqlValue, balance.free.sqlValue, balance.locked.sqlValue, balance.updatedAt.sqlValue]
    }

    /// Adds `amount` to the free balance, creating the asset's balance when it has none.
    public func credit(asset: String, amount: ExactDecimal, at time: Int) throws(StorageError) {
        try Self.requireNotNegative(amount, "credit", asset)
        // Creating the row first (a no-op when it exists) lets concurrent first credits on
        // PostgreSQL queue on the row lock instead of one failing on the primary key.
        try connection.execute(
            "INSERT INTO balances (\(Self.columns)) VALUES ($1, $2, $2, $3) ON CONFLICT (asset) DO NOTHING",
            asset, ExactDecimal.zero, time)
        try change(asset: asset, at: time) { balance in
            balance.free = balance.free + amount
            return true
        }
    }

    /// Takes `amount` from the free balance; false (nothing changed) when there is no balance
    /// of the asset or its free part is less than `amount`.
    @discardableResult
    public func debit(asset: String, amount: ExactDecimal, at time: Int) throws(StorageError) -> Bool {
        try move(amount, of: asset, from: \.free, to: nil, operation: "debit", at: time)
    }

    /// Moves `amount` from free to locked (an order opens); false (nothing changed) when there
    /// is no balance of the asset or its free part is less than `amount`.
    @discardableResult
    public func lock(asset: String, amount: ExactDecimal, at time: Int) throws(StorageError) -> Bool {
        try move(amount, of: asset, from: \.free, to: \.locked, operation: "lock", at: time)
    }

    /// Moves `amount` from locked back to free (an order is cancelled); false (nothing changed)
    /// when there is no balance of the asset or its locked part is less than `amount`.
    @discardableResult
    public func unlock(asset: String, amount: ExactDecimal, at time: Int) throws(StorageError) -> Bool {
        try move(amount, of: asset, from: \.locked, to: \.free, operation: "unlock", at: time)
    }

    /// Removes `amount` from locked for good (a filled order spends what it held); false
    /// (nothing changed) when there is no balance of the asset or its locked part is less.
    @discardableResult
    public func settleLocked(asset: String, amount: ExactDecimal, at time: Int) throws(StorageError) -> Bool {
        try move(amount, of: asset, from: \.locked, to: nil, operation: "settleLocked", at: time)
    }

    /// Takes `amount` from the `source` part of the balance and adds it to `destination` (nil:
    /// it leaves the account). False when there is no balance of the asset or `source` holds
    /// less than `amount`.
    private func move(
        _ amount: ExactDecimal, of asset: String, from source: WritableKeyPath<BalanceRecord, ExactDecimal>,
        to destination: WritableKeyPath<BalanceRecord, ExactDecimal>?, operation: String, at time: Int
    ) throws(StorageError) -> Bool {
        try Self.requireNotNegative(amount, operation, asset)
        return try change(asset: asset, at: time) { balance in
            guard balance[keyPath: source] >= amount else { return false }
            balance[keyPath: source] = balance[keyPath: source] - amount
            if let destination { balance[keyPath: destination] = balance[keyPath: destination] + amount }
            return true
        }
    }

    /// Reads the asset's row for update, lets `body` change it, and writes it back when
    /// `body` returns true. False when there is no row or `body` refused.
    @discardableResult
    private func change(asset: String, at time: Int, _ body: (inout BalanceRecord) -> Bool) throws(StorageError) -> Bool {
        guard var balance = try connection.query("SELECT \(Self.columns) FROM balances WHERE asset = $1" + connection.forUpdate, asset)
            .first.map(BalanceRecord.init) else { return false }
        guard body(&balance) else { return false }
        try connection.execute(
            "UPDATE balances SET free = $2, locked = $3, updated_at = $4 WHERE asset = $1",
            asset, balance.free, balance.locked, time)
        return true
    }

    private static func requireNotNegative(_ amount: ExactDecimal, _ operation: String, _ asset: String) throws(StorageError) {
        guard !amount.isNegative else {
            throw .constraintViolation(constraint: "balances \(operation) amount must not be negative (\(asset) \(amount))")
        }
    }
}

extension Repositories {
    /// Account balances per asset.
    public var balances: BalanceRepository { BalanceRepository(connection: connection) }
}
