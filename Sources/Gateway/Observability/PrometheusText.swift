/// Writes the Prometheus text exposition format (version 0.0.4): each family's `# HELP` and
/// `# TYPE` lines, then its samples, label values escaped (`\`, `"`, newline).
struct PrometheusText {
    /// What a family is.
    enum Kind: String {
        case counter, gauge, histogram, summary
    }

    private(set) var text = ""

    /// Starts the family `name`.
    mutating func family(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(Self.escapedHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    /// One sample of the current family.
    mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.key)=\"\(Self.escapedLabel($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " " + value + "\n"
    }

    mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Int) {
        sample(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Double) {
        sample(name, labels, Self.number(value))
    }

    /// A sample without labels.
    mutating func sample(_ name: String, _ value: Int) {
        sample(name, [:], String(value))
    }

    /// The samples of a histogram: cumulative `_bucket`s ending at `+Inf`, `_sum`, `_count`;
    /// `labels` is at most one pair (the `le` label is added).
    mutating func histogram(_ name: String, label: (key: String, value: String)?, bounds: [Double], cumulative: [Int], sum: Double) {
        let prefix = label.map { "\($0.key)=\"\(Self.escapedLabel($0.value))\"," } ?? ""
        for (index, count) in cumulative.enumerated() {
            let bound = index < bounds.count ? Self.number(bounds[index]) : "+Inf"
            text += "\(name)_bucket{\(prefix)le=\"\(bound)\"} \(count)\n"
        }
        let labels = label.map { "{\($0.key)=\"\(Self.escapedLabel($0.value))\"}" } ?? ""
        text += "\(name)_sum\(labels) \(Self.number(sum))\n"
        text += "\(name)_count\(labels) \(cumulative.last ?? 0)\n"
    }

    /// A float as Prometheus reads it (`+Inf`, `-Inf`, `NaN` spelled its way).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func escapedLabel(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapedHelp(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }
}
