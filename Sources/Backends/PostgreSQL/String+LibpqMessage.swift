extension String {
    /// A libpq message (several lines: the error, then DETAIL, HINT or "Is the server
    /// running…") joined into one line, so that it reads whole in a log line or an API error.
    func libpqMessageOnOneLine() -> String {
        split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var trimmed = self
        while let first = trimmed.first, set.contains(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, set.contains(last) { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
