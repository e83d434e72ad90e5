/// The values of `ohlcv_metadata.source` (`CandleSeriesInfo.source`): where a series'
/// candles come from, so that the API can mark made-up data as such.
public enum CandleSource {
    /// Real candles: a sample file, an import or a data provider.
    public static let real = "real"
    /// Candles the server made up (seeded), e.g. demo history for a symbol without any.
    public static let synthetic = "synthetic"
    /// A series begun by the engine's live feed (`CandleRepository.upsert`).
    public static let live = "live"
}
