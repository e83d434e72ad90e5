import Primitives

extension CalendarDay {
    /// Throws `.constraintViolation` naming `column` unless `text` is a real `YYYY-MM-DD` day.
    static func check(_ text: String, column: String) throws(StorageError) {
        guard isValid(text) else { throw .constraintViolation(constraint: "\(column) '\(text)' is not a YYYY-MM-DD date") }
    }
}
