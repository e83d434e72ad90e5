import Backends
import Connectors
import Engine
import Generated
import Handlers

/// The symbol list and dataset operations: the configured market data provider, the
/// services over it, and the download jobs' heartbeat.
extension Serve {
    /// What `run` keeps of the dataset wiring.
    struct DatasetWiring {
        var symbols: SymbolsHandler
        var dataset: DatasetHandler
        /// The jobs, for their counts (`jobCounts()`).
        var jobs: DatasetJobs
        /// Beats the jobs' heartbeat and fails interrupted ones until cancelled.
        var heartbeat: Task<Void, Never>
    }

    /// The provider `options` configure: the CSV folder (by default the sample data) or the HTTP service.
    static func makeProvider(_ options: ProviderOptions) -> any MarketDataProvider {
        switch options.kind {
        case .csv:
            return CSVFolderProvider(folder: options.folder ?? sampleFolder)
        case .http:
            let settings = HTTPClientSettings(timeout: options.timeout, maxResponseBytes: options.maxResponseBytes, retries: options.retries,
                                              initialBackoff: Double(options.backoffMilliseconds) / 1000)
            return HTTPMarketDataProvider(baseURL: options.url ?? "", settings: settings)
        }
    }

    /// The handlers of the Symbols and Dataset tags over one provider, and the jobs' heartbeat
    /// started (it first fails the jobs a stopped server left queued or running).
    static func startDataset(backend: Backend, market: MarketService, errors: ErrorRecorder, options: ProviderOptions) -> DatasetWiring {
        let provider = makeProvider(options)
        let service = DatasetService(backend: backend, provider: provider, clock: SystemClock(), errors: errors) { ticker, kind in
            guard let spec = market.resolve(ticker) else { return false }
            return spec.key.marketForm == ticker && spec.market.rawValue == kind
        }
        let jobs = DatasetJobs(backend: backend, provider: provider, errors: errors, clock: SystemClock(),
                               settings: DatasetJobSettings(concurrentJobs: options.concurrentJobs))
        let heartbeat = Task { await jobs.run() }
        let source = options.kind == .csv ? "the folder \(options.folder ?? sampleFolder)" : "an HTTP service"
        log(level: "info", "market data provider: \(provider.name), \(source)")
        return DatasetWiring(symbols: SymbolsHandler(service: service), dataset: DatasetHandler(service: service, jobs: jobs), jobs: jobs,
                             heartbeat: heartbeat)
    }
}
