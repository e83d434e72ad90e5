/// A background dataset download (`dataset_jobs`), as `/dataset` reports its progress.
public struct DatasetJobRecord: Sendable, Equatable {
    /// Identifier (a lowercase UUID).
    public var id: String
    /// The ticker downloaded.
    public var ticker: String
    /// Its market code.
    public var market: String
    /// The candle timeframe, e.g. `1d`.
    public var timeframe: String
    /// `queued`, `running`, `completed` or `failed` (`DatasetJobRepository.statuses`).
    public var status: String
    /// Percent done, 0…100.
    public var progress: Double
    /// Candles stored so far.
    public var fetched: Int
    /// The request that started the job, as JSON text (normalised by PostgreSQL: compare parsed).
    public var request: String
    /// Why the job failed; nil otherwise.
    public var message: String?
    /// When the job was requested (epoch ms).
    public var createdAt: Int
    /// When its progress last changed (epoch ms).
    public var updatedAt: Int

    /// A job; new jobs are queued with no progress.
    public init(id: String, ticker: String, market: String, timeframe: String, status: String = "queued", progress: Double = 0,
                fetched: Int = 0, request: String, message: String? = nil, createdAt: Int, updatedAt: Int) {
        self.id = id
        self.ticker = ticker
        self.market = market
        self.timeframe = timeframe
        self.status = status
        self.progress = progress
        self.fetched = fetched
        self.request = request
        self.message = message
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws(StorageError) {
        self.init(
            id: try row.string("id"), ticker: try row.string("ticker"), market: try row.string("market"),
            timeframe: try row.string("timeframe"), status: try row.string("status"), progress: try row.double("progress"),
            fetched: try row.int("fetched"), request: try row.string("request"), message: row.optionalString("message"),
            createdAt: try row.int("created_at"), updatedAt: try row.int("updated_at"))
    }
}
