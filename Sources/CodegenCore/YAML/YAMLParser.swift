#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CYAML

/// Reads one YAML document into a `YAMLNode` tree, using libyaml's event API.
///
/// - Scalars keep their style, so callers can tell `"true"` from `true`. A plain scalar
///   tagged `!!str` or `!` is reported as `.doubleQuoted`, since it is a string; other tags
///   are ignored.
/// - Aliases are expanded to copies of their anchored node (the copy's top node takes the
///   alias's location). Merge keys (`<<`) are applied, and the `<<` entry is dropped.
/// - Duplicate keys, non-scalar keys, unknown or recursive aliases, an empty stream and a
///   second document are errors, as is anything libyaml rejects.
/// - The tree is built with an explicit stack, so deep nesting cannot overflow the call
///   stack while parsing; nesting beyond `maximumDepth` is rejected so that recursive
///   consumers (and the recursive `==` and destruction of nodes) stay safe too.
public enum YAMLParser {
    /// The deepest nesting of sequences and mappings accepted.
    ///
    /// Parsing itself has no depth limit, but `YAMLNode`'s `==` and its destruction recurse,
    /// at about 1 KB of stack per level in debug builds (depth ~7,000 overflows an 8 MB main
    /// thread; ~600 a 512 KB secondary thread). Real documents nest a few dozen levels.
    public static let maximumDepth = 512

    /// How many nodes aliases may expand to in one document, in total. Expansion itself is
    /// cheap (copies share storage), but a consumer walking the tree is not: this stops
    /// "billion laughs" documents.
    public static let maximumAliasExpansion = 1_000_000

    /// Parses exactly one YAML document.
    ///
    /// - Parameters:
    ///   - text: the YAML source.
    ///   - file: the name used in locations and errors.
    /// - Throws: `SpecError` for invalid YAML, an empty stream ("empty document") or more
    ///   than one document.
    public static func parse(_ text: String, file: String) throws(SpecError) -> YAMLNode {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Reads and parses the YAML file at `path`, which is also the name used in locations.
    ///
    /// - Throws: `SpecError` at line 0 when the file cannot be read, otherwise as
    ///   `parse(_:file:)`. Invalid UTF-8 in the file is reported with its location.
    public static func parse(contentsOf path: String) throws(SpecError) -> YAMLNode {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            throw SpecError("cannot read file: \(error.reason)", at: SourceLocation(file: path, line: 0, column: 0))
        }
        return try parse(bytes: bytes, file: path)
    }

    /// Parses raw bytes (UTF-8, or UTF-16 with a byte-order mark, as libyaml detects).
    static func parse(bytes: [UInt8], file: String) throws(SpecError) -> YAMLNode {
        // libyaml keeps pointers to both the parser and the input for the whole parse, so
        // both live at stable, manually managed addresses.
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { input.deallocate() }
        _ = input.initialize(from: bytes)

        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw SpecError("cannot initialize the YAML parser (out of memory)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, UnsafePointer(input.baseAddress!), bytes.count)

        let builder = TreeBuilder(file: file)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw libyamlError(parser.pointee, bytes: bytes, file: file)
            }
            defer { yaml_event_delete(&event) }
            if event.type.rawValue == YAML_STREAM_END_EVENT.rawValue {
                return try builder.finish()
            }
            try builder.handle(event)
        }
    }

    // MARK: - Errors from libyaml

    /// Turns libyaml's error state into a `SpecError` with a 1-based location.
    private static func libyamlError(_ parser: yaml_parser_t, bytes: [UInt8], file: String) -> SpecError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error.rawValue {
        case YAML_MEMORY_ERROR.rawValue:
            return SpecError("out of memory", at: location(of: parser.mark, file: file))
        case YAML_READER_ERROR.rawValue:
            // The reader reports a byte offset rather than a mark.
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x" + String(UInt32(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true) + ")"
            }
            return SpecError(message, at: location(ofByte: parser.problem_offset, in: bytes, file: file))
        default:
            var message = problem
            if let context = parser.context {
                let contextLocation = location(of: parser.context_mark, file: file)
                message += " (\(String(cString: context)) at line \(contextLocation.line), column \(contextLocation.column))"
            }
            return SpecError(message, at: location(of: parser.problem_mark, file: file))
        }
    }

    /// A libyaml mark (0-based, columns in characters) as a 1-based location.
    static func location(of mark: yaml_mark_t, file: String) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// The 1-based line and column (in characters) of a byte offset in UTF-8 input.
    private static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    // MARK: - Reading files

    private struct ReadError: Error {
        var reason: String
    }

    private static func readFile(_ path: String) throws(ReadError) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw ReadError(reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, handle) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunkSize {
                if ferror(handle) != 0 {
                    throw ReadError(reason: String(cString: strerror(errno)))
                }
                return bytes
            }
        }
    }
}

// MARK: - Building the tree

/// Turns the event stream of one document into a `YAMLNode`, keeping open collections on an
/// explicit stack. A class rather than a struct: unoptimized builds copy a mutated struct's
/// fields around far more.
private final class TreeBuilder {
    /// A sequence or mapping whose end event has not arrived yet. A class, so that appending
    /// to the top of the stack mutates in place.
    final class OpenCollection {
        let isMapping: Bool
        let location: SourceLocation
        /// The anchor on this collection and the definition number it was given.
        let anchor: (name: String, definition: Int)?
        /// Nodes below this one, counting alias expansions (for the expansion budget).
        var weight = 1

        /// Sequence items.
        var items: [YAMLNode] = []

        /// Mapping entries written explicitly, in document order.
        var pairs: [YAMLPair] = []
        /// The texts of the explicit keys, to find duplicates, once there are more than
        /// `linearSearchLimit` of them (smaller mappings are searched directly, which is
        /// cheaper than building a set).
        var keys: Set<String> = []
        static let linearSearchLimit = 8
        /// A key waiting for its value.
        var pendingKey: YAMLNode?
        /// Whether the pending key is a merge key `<<`.
        var pendingIsMerge = false
        /// Whether a merge key has been seen.
        var hasMerge = false
        /// Merge values, with the number of explicit entries that preceded them.
        var merges: [(position: Int, value: YAMLNode)] = []

        init(isMapping: Bool, location: SourceLocation, anchor: (name: String, definition: Int)?) {
            self.isMapping = isMapping
            self.location = location
            self.anchor = anchor
        }

        /// Records an explicit key; false if the mapping already has it.
        func insertKey(_ text: String) -> Bool {
            if pairs.count < Self.linearSearchLimit {
                for pair in pairs {
                    if case .scalar(let existing, _) = pair.key.kind, existing == text { return false }
                }
                return true
            }
            if keys.isEmpty {
                for pair in pairs {
                    if case .scalar(let existing, _) = pair.key.kind { keys.insert(existing) }
                }
            }
            return keys.insert(text).inserted
        }
    }

    /// The state of an anchor name.
    enum Anchor {
        /// The anchored collection is still open: an alias to it would be recursive.
        case building(definition: Int)
        case complete(YAMLNode, weight: Int)
    }

    let file: String
    var stack: [OpenCollection] = []
    /// The last element of `stack`, kept at hand.
    var top: OpenCollection?
    var anchors: [String: Anchor] = [:]
    /// Counts anchor definitions, so that a collection's anchor is not set when its name was
    /// redefined inside it (the later definition wins).
    var definitions = 0
    var aliasBudget = YAMLParser.maximumAliasExpansion
    var documentCount = 0
    /// Where the (first) document starts.
    var documentLocation: SourceLocation?
    var root: YAMLNode?

    init(file: String) {
        self.file = file
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        YAMLParser.location(of: mark, file: file)
    }

    /// Handles one event (other than stream end). Event types and styles are compared by raw
    /// value: the generic `==` on imported C enums is slow in unoptimized builds.
    func handle(_ event: yaml_event_t) throws(SpecError) {
        let type = event.type.rawValue
        if type == YAML_SCALAR_EVENT.rawValue {
            try scalar(event)
        } else if type == YAML_MAPPING_START_EVENT.rawValue {
            try open(isMapping: true, anchor: event.data.mapping_start.anchor, at: event.start_mark)
        } else if type == YAML_SEQUENCE_START_EVENT.rawValue {
            try open(isMapping: false, anchor: event.data.sequence_start.anchor, at: event.start_mark)
        } else if type == YAML_MAPPING_END_EVENT.rawValue || type == YAML_SEQUENCE_END_EVENT.rawValue {
            try close()
        } else if type == YAML_ALIAS_EVENT.rawValue {
            try alias(event)
        } else if type == YAML_DOCUMENT_START_EVENT.rawValue {
            documentCount += 1
            if documentCount > 1 {
                throw SpecError("expected a single document, but found another one", at: location(event.start_mark))
            }
            documentLocation = location(event.start_mark)
        }
        // Stream start and document end need nothing.
    }

    func scalar(_ event: yaml_event_t) throws(SpecError) {
        let scalar = event.data.scalar
        var text = ""
        if let value = scalar.value {
            text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
        }
        var style: ScalarStyle
        switch scalar.style.rawValue {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE.rawValue: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE.rawValue: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE.rawValue: style = .literal
        case YAML_FOLDED_SCALAR_STYLE.rawValue: style = .folded
        default: style = .plain
        }
        if style == .plain, let tag = scalar.tag {
            // `!!str` arrives expanded; `!` is the non-specific tag, which also means string.
            let tagText = Self.string(tag)
            if tagText == "!" || tagText == "tag:yaml.org,2002:str" {
                style = .doubleQuoted
            }
        }
        let node = YAMLNode(.scalar(text, style), at: location(event.start_mark))
        if let anchor = scalar.anchor {
            definitions += 1
            anchors[Self.string(anchor)] = .complete(node, weight: 1)
        }
        try attach(node, weight: 1)
    }

    func alias(_ event: yaml_event_t) throws(SpecError) {
        let name = Self.string(event.data.alias.anchor)
        let at = location(event.start_mark)
        switch anchors[name] {
        case nil:
            throw SpecError("unknown alias '\(name)'", at: at)
        case .building:
            throw SpecError("recursive alias '\(name)' refers to a node that contains it", at: at)
        case .complete(var node, let weight):
            aliasBudget -= weight
            if aliasBudget < 0 {
                throw SpecError("aliases expand to more than \(YAMLParser.maximumAliasExpansion) nodes", at: at)
            }
            node.location = at
            try attach(node, weight: weight)
        }
    }

    /// A stream without documents, or whose document holds nothing (`---` alone), is empty.
    func finish() throws(SpecError) -> YAMLNode {
        guard let root else {
            throw SpecError("empty document", at: SourceLocation(file: file, line: 1, column: 1))
        }
        if case .scalar("", .plain) = root.kind {
            throw SpecError("empty document", at: documentLocation ?? root.location)
        }
        return root
    }

    func open(isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) throws(SpecError) {
        if stack.count >= YAMLParser.maximumDepth {
            throw SpecError("nesting deeper than \(YAMLParser.maximumDepth) levels", at: location(mark))
        }
        var anchorInfo: (name: String, definition: Int)?
        if let anchor {
            definitions += 1
            let name = Self.string(anchor)
            anchors[name] = .building(definition: definitions)
            anchorInfo = (name, definitions)
        }
        let collection = OpenCollection(isMapping: isMapping, location: location(mark), anchor: anchorInfo)
        stack.append(collection)
        top = collection
    }

    func close() throws(SpecError) {
        guard let collection = stack.popLast() else { return }
        top = stack.last
        let node: YAMLNode
        if collection.isMapping {
            node = YAMLNode(.mapping(Self.applyMerges(collection)), at: collection.location)
        } else {
            node = YAMLNode(.sequence(collection.items), at: collection.location)
        }
        if let anchor = collection.anchor,
           case .building(let definition) = anchors[anchor.name], definition == anchor.definition {
            anchors[anchor.name] = .complete(node, weight: collection.weight)
        }
        try attach(node, weight: collection.weight)
    }

    /// Adds a finished node to the open collection, or makes it the root.
    func attach(_ node: YAMLNode, weight: Int) throws(SpecError) {
        guard let top else {
            root = node
            return
        }
        top.weight &+= weight
        guard top.isMapping else {
            top.items.append(node)
            return
        }
        if let key = top.pendingKey {
            if top.pendingIsMerge {
                guard Self.isMergeable(node) else {
                    throw SpecError("the merge key '<<' needs a mapping or a sequence of mappings", at: node.location)
                }
                top.merges.append((top.pairs.count, node))
            } else {
                top.pairs.append(YAMLPair(key: key, value: node))
            }
            top.pendingKey = nil
            top.pendingIsMerge = false
            return
        }
        guard case .scalar(let text, let style) = node.kind else {
            throw SpecError("mapping keys must be scalars", at: node.location)
        }
        if style == .plain && text == "<<" {
            if top.hasMerge {
                throw SpecError("duplicate key '<<'", at: node.location)
            }
            top.hasMerge = true
            top.pendingIsMerge = true
        } else if !top.insertKey(text) {
            throw SpecError("duplicate key '\(text)'", at: node.location)
        }
        top.pendingKey = node
    }

    static func isMergeable(_ node: YAMLNode) -> Bool {
        switch node.kind {
        case .mapping: return true
        case .sequence(let items): return items.allSatisfy { $0.mapping != nil }
        case .scalar: return false
        }
    }

    /// The entries of a closed mapping with its merge keys applied: merged entries take the
    /// place of the `<<` entry, explicit keys win over merged ones, and among merged
    /// mappings the earlier one wins.
    static func applyMerges(_ collection: OpenCollection) -> [YAMLPair] {
        guard !collection.merges.isEmpty else { return collection.pairs }
        var seen = Set<String>()
        for pair in collection.pairs {
            if case .scalar(let text, _) = pair.key.kind { seen.insert(text) }
        }
        var result: [YAMLPair] = []
        result.reserveCapacity(collection.pairs.count)
        var nextMerge = 0
        func merge(_ value: YAMLNode) {
            let sources = value.sequence ?? [value]
            for source in sources {
                for pair in source.mapping ?? [] {
                    if let text = pair.key.scalarText, seen.insert(text).inserted {
                        result.append(pair)
                    }
                }
            }
        }
        for (index, pair) in collection.pairs.enumerated() {
            while nextMerge < collection.merges.count, collection.merges[nextMerge].position == index {
                merge(collection.merges[nextMerge].value)
                nextMerge += 1
            }
            result.append(pair)
        }
        while nextMerge < collection.merges.count {
            merge(collection.merges[nextMerge].value)
            nextMerge += 1
        }
        return result
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: pointer)
    }
}
