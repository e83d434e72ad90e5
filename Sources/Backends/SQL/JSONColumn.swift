import Foundation

/// JSON columns are JSONB on PostgreSQL, which refuses malformed text, and TEXT on SQLite,
/// which would store it. Repositories check JSON before writing so both refuse it alike.
enum JSONColumn {
    /// Throws `.constraintViolation` naming `column` when `text` is present and not JSON.
    static func check(_ text: String?, column: String) throws(StorageError) {
        guard let text else { return }
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
            throw .constraintViolation(constraint: "\(column) is not valid JSON")
        }
    }

    /// Throws `.constraintViolation` naming `column` unless `text` is a JSON object.
    static func checkObject(_ text: String, column: String) throws(StorageError) {
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else {
            throw .constraintViolation(constraint: "\(column) must be a JSON object")
        }
    }
}
