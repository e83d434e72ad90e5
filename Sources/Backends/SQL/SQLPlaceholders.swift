/// Numbered placeholders for statements whose parameter count varies (`IN (…)` lists, a bulk
/// insert's `VALUES (…)`).
enum SQLPlaceholders {
    /// `$first, $first+1, …`, `count` of them.
    static func list(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }
}
