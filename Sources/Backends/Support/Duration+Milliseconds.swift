extension Duration {
    /// The duration in whole milliseconds (truncated), for latencies and timeouts in messages.
    var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
