/// An error code with its HTTP status and default message.
public struct ErrorCodeInfo: Sendable, Equatable {
    public var code: String
    public var status: Int
    public var message: String
}
