/// Validation of the names that have to be spliced into SQL text because PostgreSQL cannot
/// bind them as parameters: COPY's table and columns, LISTEN's channel. Only plain
/// identifiers pass, so a name can never carry SQL with it.
enum PostgresIdentifier {
    /// PostgreSQL truncates identifiers longer than this (NAMEDATALEN - 1), which would
    /// silently make two different names equal.
    static let maximumLength = 63

    /// Whether `name` is a plain identifier: a letter or underscore, then letters, digits
    /// or underscores (ASCII only).
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength else { return false }
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `name` itself when it is a plain identifier; `role` says what it names, for the error.
    static func checked(_ name: String, as role: String) throws(StorageError) -> String {
        guard isValid(name) else {
            throw .failed(message: "\(role) '\(name)' is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*)", statement: "")
        }
        return name
    }

    /// A table name, optionally qualified by its schema (`schema.table`).
    static func checkedTable(_ name: String) throws(StorageError) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ isValid(String($0)) }) else {
            throw .failed(message: "table '\(name)' is not a plain (optionally schema-qualified) identifier", statement: "")
        }
        return name
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
