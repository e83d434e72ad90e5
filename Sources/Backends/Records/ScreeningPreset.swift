import Foundation
import Primitives

/// A built-in screening preset (openapi.yaml `ScreeningPreset`).
public struct ScreeningPreset: Sendable, Equatable {
    /// `basic`, `value`, `dividend`, `growth`, `snowball`, `large_cap` or `near_52w_low`.
    public var id: String
    /// The display name (`가치주`).
    public var name: String
    /// What the preset selects (`PER <= 15, PBR <= 1, ROE >= 5 (PBR ascending)`).
    public var description: String
    /// The conditions the preset applies.
    public var filter: ScreeningQuery
}
