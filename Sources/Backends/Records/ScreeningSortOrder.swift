import Foundation
import Primitives

/// The direction of a sort (openapi.yaml `SortOrder`).
public enum ScreeningSortOrder: String, Sendable, Codable {
    /// Smallest first.
    case asc
    /// Largest first.
    case desc
}
