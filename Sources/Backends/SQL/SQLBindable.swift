/// Values that can be bound as parameters.
public protocol SQLBindable {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }

extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }

extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }

extension Double: SQLBindable { public var sqlValue: SQLValue { .double(self) } }

extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
