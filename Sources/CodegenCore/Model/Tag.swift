/// A tag of the spec: one handler protocol per tag.
public struct Tag: Sendable, Equatable {
    public var name: String
    public var description: String?
}
