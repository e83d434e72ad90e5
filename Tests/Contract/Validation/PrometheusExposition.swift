import Foundation

/// A strict reader of the Prometheus text exposition format (version 0.0.4), for holding
/// `GET /metrics` to it: every sample belongs to a family declared by a `# TYPE` line before
/// it, a family's lines are together, HELP and TYPE come at most once, names, labels and
/// values are well formed, no series repeats, and each histogram's buckets are cumulative,
/// ascend in `le` and end at `+Inf`, with `_count` equal to the `+Inf` bucket and a `_sum`.
struct PrometheusExposition {
    /// One sample line.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// A family: its type, help and samples in order.
    struct Family {
        var name: String
        var type: String
        var help: String?
        var samples: [Sample] = []
    }

    /// Why the text is not valid, with the line.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var families: [String: Family] = [:]
    private(set) var order: [String] = []

    /// The value of the sample `name` with exactly `labels`, if there is one.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        for family in families.values {
            if let sample = family.samples.first(where: { $0.name == name && $0.labels == labels }) { return sample.value }
        }
        return nil
    }

    /// Parses `text`, throwing the first problem found.
    init(parsing text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Problem(description: "the text does not end with a newline") }
        var current: String?
        var closed: Set<String> = []
        var seriesSeen: Set<String> = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let line = String(rawLine)
            let at = "line \(number + 1) '\(line)'"
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { continue }
                let name = words[2]
                guard Self.isMetricName(name) else { throw Problem(description: "\(at): bad metric name") }
                if current != name {
                    if let current { closed.insert(current) }
                    guard !closed.contains(name) else { throw Problem(description: "\(at): the lines of \(name) are not together") }
                    current = name
                }
                if words[1] == "TYPE" {
                    guard words.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(words[3]) else {
                        throw Problem(description: "\(at): bad type")
                    }
                    if let existing = families[name] {
                        guard existing.type.isEmpty else { throw Problem(description: "\(at): a second TYPE for \(name)") }
                        families[name]?.type = words[3]
                    } else {
                        families[name] = Family(name: name, type: words[3])
                    }
                    order.append(name)
                } else {
                    guard let family = families[name] else {
                        // HELP before TYPE is allowed; remember it until the TYPE comes.
                        families[name] = Family(name: name, type: "", help: words.count == 4 ? words[3] : "")
                        continue
                    }
                    guard family.help == nil else { throw Problem(description: "\(at): a second HELP for \(name)") }
                    families[name]?.help = words.count == 4 ? words[3] : ""
                }
                continue
            }
            let sample = try Self.sample(line, at: at)
            guard let current, let family = families[current], !family.type.isEmpty else {
                throw Problem(description: "\(at): a sample before any TYPE line")
            }
            guard Self.belongs(sample, to: family) else {
                throw Problem(description: "\(at): \(sample.name) does not belong to the family \(current) (\(family.type))")
            }
            let series = sample.name + "{" + sample.labels.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
            guard seriesSeen.insert(series).inserted else { throw Problem(description: "\(at): the series \(series) repeats") }
            families[current]?.samples.append(sample)
        }
        for name in order where families[name]?.type == "histogram" {
            try Self.checkHistogram(families[name]!)
        }
        for (name, family) in families where family.type.isEmpty {
            throw Problem(description: "\(name) has a HELP but no TYPE")
        }
    }

    private static func belongs(_ sample: Sample, to family: Family) -> Bool {
        switch family.type {
        case "histogram": return [family.name + "_bucket", family.name + "_sum", family.name + "_count"].contains(sample.name)
        case "summary": return [family.name, family.name + "_sum", family.name + "_count"].contains(sample.name)
        default: return sample.name == family.name
        }
    }

    private static func checkHistogram(_ family: Family) throws {
        var groups: [[String: String]: [Sample]] = [:]
        for sample in family.samples {
            var labels = sample.labels
            labels["le"] = nil
            groups[labels, default: []].append(sample)
        }
        for (labels, samples) in groups {
            let buckets = samples.filter { $0.name == family.name + "_bucket" }
            guard !buckets.isEmpty, buckets.allSatisfy({ $0.labels["le"] != nil }) else {
                throw Problem(description: "\(family.name)\(labels): buckets missing or without le")
            }
            let bounds = buckets.map { Double($0.labels["le"]!.replacingOccurrences(of: "+Inf", with: "inf")) ?? .nan }
            guard bounds.allSatisfy({ !$0.isNaN }), bounds == bounds.sorted(), Set(bounds).count == bounds.count else {
                throw Problem(description: "\(family.name)\(labels): le values do not ascend: \(bounds)")
            }
            guard buckets.last?.labels["le"] == "+Inf" else { throw Problem(description: "\(family.name)\(labels): the last bucket is not +Inf") }
            let counts = buckets.map(\.value)
            guard counts == counts.sorted() else { throw Problem(description: "\(family.name)\(labels): buckets are not cumulative: \(counts)") }
            let count = samples.first { $0.name == family.name + "_count" }?.value
            guard count == counts.last else { throw Problem(description: "\(family.name)\(labels): _count \(String(describing: count)) is not the +Inf bucket") }
            guard let sum = samples.first(where: { $0.name == family.name + "_sum" })?.value, sum >= 0 else {
                throw Problem(description: "\(family.name)\(labels): no _sum")
            }
        }
    }

    /// `name{label="value",…} value [timestamp]`.
    private static func sample(_ line: String, at: String) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { throw Problem(description: "\(at): bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard isLabelName(label), labels[label] == nil else { throw Problem(description: "\(at): bad or repeated label name '\(label)'") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw Problem(description: "\(at): expected =\" after \(label)") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else { throw Problem(description: "\(at): bad escape") }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        guard character != "\n" else { throw Problem(description: "\(at): newline in a label value") }
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw Problem(description: "\(at): unterminated label value") }
                rest = rest.dropFirst()
                labels[label] = value
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw Problem(description: "\(at): expected , or }") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Problem(description: "\(at): expected a space before the value") }
        let parts = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let value = number(String(parts[0])) else { throw Problem(description: "\(at): bad value") }
        if parts.count == 2, Int64(parts[1]) == nil { throw Problem(description: "\(at): bad timestamp") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard !text.isEmpty, text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
            return Double(text)
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_", !name.hasPrefix("__") else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
