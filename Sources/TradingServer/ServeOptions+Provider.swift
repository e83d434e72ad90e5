import Engine
import Foundation

/// The market data provider and dataset download settings of `serve` (`ServeOptions.provider`).
/// By default the provider is the CSV folder of the sample data, so that a symbol sync and a
/// download work out of the box.
struct ProviderOptions {
    /// Which provider serves symbol lists and candles.
    enum Kind: String {
        /// `CSVFolderProvider` over `folder`.
        case csv
        /// `HTTPMarketDataProvider` at `url`.
        case http
    }

    var kind = Kind.csv
    /// The CSV provider's folder; nil: the sample data folder (`TRADING_SAMPLE_DATA_DIR`, else `sample-data`).
    var folder: String?
    /// The HTTP provider's base URL.
    var url: String?
    /// Seconds one HTTP attempt may take.
    var timeout = 10.0
    /// HTTP attempts after the first for timeouts, unreachable hosts, 429 and 5xx.
    var retries = 2
    /// Milliseconds before the first retry; each further one waits twice as long.
    var backoffMilliseconds = 250
    /// The largest HTTP answer accepted, in bytes.
    var maxResponseBytes = 16 << 20
    /// Downloads running at once on this instance.
    var concurrentJobs = 2

    /// The options' flags, environment variables and help texts (part of `ServeOptions.table`).
    static let table: [(flag: String, environment: String, help: String)] = [
        ("--provider", "TRADING_PROVIDER", "market data provider for symbol sync and dataset downloads: csv or http (default csv, http when --provider-url is set)"),
        ("--provider-dir", "TRADING_PROVIDER_DIR", "folder of the csv provider: symbols.csv and one candle CSV a series (default: the sample data folder)"),
        ("--provider-url", "TRADING_PROVIDER_URL", "base URL of the http provider (GET {url}/symbols, {url}/candles; docs/providers.md)"),
        ("--provider-timeout", "TRADING_PROVIDER_TIMEOUT", "seconds one http provider request may take, 1 to 300 (default 10)"),
        ("--provider-retries", "TRADING_PROVIDER_RETRIES", "http provider retries for timeouts, unreachable hosts, 429 and 5xx, 0 to 10 (default 2)"),
        ("--provider-backoff-ms", "TRADING_PROVIDER_BACKOFF_MS", "milliseconds before the first retry, doubling each time, 1 to 60000 (default 250)"),
        ("--provider-max-bytes", "TRADING_PROVIDER_MAX_BYTES", "largest http provider answer in bytes, 1024 to 1073741824 (default 16777216)"),
        ("--dataset-jobs", "TRADING_DATASET_JOBS", "dataset downloads running at once on this instance, 1 to 16 (default 2)"),
    ]

    init() {}

    /// Reads the options from the flag values `ServeOptions` gathered.
    init(_ values: [String: String]) throws(OptionError) {
        url = values["--provider-url"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = values["--provider"] {
            guard let kind = Kind(rawValue: text) else { throw OptionError("--provider must be csv or http, not '\(text)'") }
            self.kind = kind
        } else if url != nil {
            kind = .http
        }
        if kind == .http {
            guard let url, let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw OptionError("--provider http needs --provider-url, an absolute http(s) URL")
            }
        }
        folder = values["--provider-dir"].flatMap { $0.isEmpty ? nil : $0 }
        timeout = Double(try Self.integer(values, "--provider-timeout", in: 1...300) ?? Int(timeout))
        retries = try Self.integer(values, "--provider-retries", in: 0...10) ?? retries
        backoffMilliseconds = try Self.integer(values, "--provider-backoff-ms", in: 1...60_000) ?? backoffMilliseconds
        maxResponseBytes = try Self.integer(values, "--provider-max-bytes", in: 1024...(1 << 30)) ?? maxResponseBytes
        concurrentJobs = try Self.integer(values, "--dataset-jobs", in: 1...16) ?? concurrentJobs
    }

    private static func integer(_ values: [String: String], _ flag: String, in range: ClosedRange<Int>) throws(OptionError) -> Int? {
        guard let text = values[flag] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw OptionError("\(flag) must be \(range.lowerBound)…\(range.upperBound), not '\(text)'")
        }
        return number
    }
}
