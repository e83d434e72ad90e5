import Foundation

/// A single-layer LSTM forecaster: a sequence of values goes through an LSTM layer of `hidden`
/// units from a zero state, and a linear layer turns the last hidden state into one number,
/// the forecast of the value that follows the sequence.
///
/// Its parameters are one flat array (so a cache stores and restores them as they are):
/// the gate weights W (4H × (1 + H), row-major, gates input, forget, candidate, output, and in
/// each row the input's weight before the previous hidden state's), the gate biases b (4H),
/// the output weights Wy (H) and the output bias by.
public struct LSTMNetwork: Sendable, Equatable {
    /// The number of hidden units H.
    public let hidden: Int
    /// Every parameter, laid out as the type's documentation says; always finite.
    public private(set) var parameters: [Double]

    var layout: LSTMParameterLayout { LSTMParameterLayout(hidden: hidden) }

    /// A fresh network drawn from a seeded generator: each gate's weights uniform in ±√(6 / (fan in
    /// + fan out)) (Glorot), with fan in 1 + H and fan out H, the output weights uniform in
    /// ±√(6 / (H + 1)); biases zero except the forget gate's, which start at 1 so that the cell
    /// remembers by default. The same seed gives the same network. `hidden` must be at least 1.
    public init(hidden: Int, seed: UInt64) {
        precondition(hidden >= 1, "an LSTM needs at least one hidden unit")
        let layout = LSTMParameterLayout(hidden: hidden)
        var random = SeededRandom(seed: seed)
        var parameters = [Double](repeating: 0, count: layout.count)
        let gateLimit = (6 / Double(layout.columns + hidden)).squareRoot()
        for index in 0..<layout.biases { parameters[index] = gateLimit * (2 * random.nextUnit() - 1) }
        for unit in 0..<hidden { parameters[layout.biases + layout.forgetGate + unit] = 1 }
        let outputLimit = (6 / Double(hidden + 1)).squareRoot()
        for unit in 0..<hidden { parameters[layout.outputWeights + unit] = outputLimit * (2 * random.nextUnit() - 1) }
        self.hidden = hidden
        self.parameters = parameters
    }

    /// A network with the given parameters (as `parameters` gave them out, for example from a
    /// cache); nil when `hidden` is below 1, the count does not match `parameterCount(hidden:)`
    /// or a value is NaN or infinite, as in a corrupt cache.
    public init?(hidden: Int, parameters: [Double]) {
        guard hidden >= 1, parameters.count == Self.parameterCount(hidden: hidden),
              parameters.allSatisfy(\.isFinite) else { return nil }
        self.hidden = hidden
        self.parameters = parameters
    }

    /// A network from parameters that training has already checked to be finite and complete.
    init(checkedHidden hidden: Int, parameters: [Double]) {
        self.hidden = hidden
        self.parameters = parameters
    }

    /// How many parameters a network of `hidden` units has: 4H(1 + H) + 4H + H + 1.
    public static func parameterCount(hidden: Int) -> Int {
        LSTMParameterLayout(hidden: hidden).count
    }

    /// The network's output after running `inputs` (oldest first) from a zero state: the
    /// forecast of the value after them. Finite whenever the inputs are, since every hidden
    /// value lies in (−1, 1); an empty sequence gives the output bias. Allocates nothing on the heap.
    public func predict<C: Collection<Double>>(_ inputs: C) -> Double {
        let layout = layout, units = hidden
        return parameters.withUnsafeBufferPointer { p in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: layout.gates + 5 * units) { scratch in
                let parameters = p.baseAddress!, gates = scratch.baseAddress!
                let cellTanh = gates + layout.gates
                var state = cellTanh + units, cell = state + units
                var nextState = cell + units, nextCell = nextState + units
                state.initialize(repeating: 0, count: units)
                cell.initialize(repeating: 0, count: units)
                for x in inputs {
                    LSTMCell.forward(
                        parameters: parameters, layout: layout, input: x, previousHidden: state, previousCell: cell,
                        gates: gates, cell: nextCell, cellTanh: cellTanh, hidden: nextState
                    )
                    swap(&state, &nextState)
                    swap(&cell, &nextCell)
                }
                return LSTMCell.output(parameters: parameters, layout: layout, hidden: state)
            }
        }
    }
}
