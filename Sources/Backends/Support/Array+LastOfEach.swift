extension Array {
    /// The last element of each `key`, in the order of those last elements: a batch written
    /// with one multi-row upsert may name a row once only, and the latest state wins.
    func lastOfEach<Key: Hashable>(_ key: (Element) -> Key) -> [Element] {
        var seen = Set<Key>()
        var kept: [Element] = []
        for element in reversed() where seen.insert(key(element)).inserted { kept.append(element) }
        return kept.reversed()
    }
}
