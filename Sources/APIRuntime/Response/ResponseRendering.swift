/// A response type generated per operation: one case per documented response.
public protocol ResponseRendering: Sendable {
    /// Status, media type and body bytes.
    func render() -> RenderedResponse
}
