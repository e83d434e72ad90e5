/// A path, query or header parameter.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var location: ParameterLocation
    public var required: Bool
    public var schema: Schema
    /// `explode: false` on an array query parameter: one comma-separated value.
    public var commaSeparated: Bool
    public var description: String?
    /// `x-error-code`: the error code a value this parameter's schema refuses is answered
    /// with, instead of `VALIDATION_ERROR` (document A's `INVALID_ORDER_ID` for an order id
    /// that is not a UUID). The operation must list it in `x-error-codes`.
    public var errorCode: String? = nil
}
