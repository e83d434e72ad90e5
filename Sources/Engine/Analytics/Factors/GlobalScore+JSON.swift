import Primitives

extension GlobalScore {
    /// The parts of the score as one JSON object, to store beside `ScoreInputs.json` so a
    /// reader can recheck the arithmetic: `components` (each by name), `weighted_sum`,
    /// `penalties` (name and points, in API.md's order), `score` and `grade`.
    public var json: JSONValue {
        let c = components
        let parts: [(String, Double)] = [
            ("risk_reward", c.riskReward), ("target_room", c.targetRoom), ("stop_room", c.stopRoom),
            ("entry_proximity", c.entryProximity), ("momentum", c.momentum), ("liquidity", c.liquidity),
            ("technical_balance", c.technicalBalance),
        ]
        return .object([
            JSONMember("components", .object(parts.map { JSONMember($0.0, Self.number($0.1)) })),
            JSONMember("weighted_sum", Self.number(c.weightedSum)),
            JSONMember("penalties", .array(penalties.map {
                .object([JSONMember("name", .string($0.rawValue)), JSONMember("points", Self.number($0.points))])
            })),
            JSONMember("score", Self.number(score)),
            JSONMember("grade", .string(grade.rawValue)),
        ])
    }

    /// A finite number as JSON; every value here is finite by construction, null guards the rest.
    private static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(String(value)) : .null
    }
}
