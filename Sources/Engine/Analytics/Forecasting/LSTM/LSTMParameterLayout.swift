/// Where each block of an LSTM's parameters sits in its one flat array, in this order:
/// the gate weights W (4H rows × (1 + H) columns, row-major; a row's first column weighs the
/// input, the others the previous hidden state), the gate biases b (4H), the output weights
/// Wy (H) and the output bias by (1). The four gates are stacked input, forget, candidate,
/// output, H rows each.
struct LSTMParameterLayout: Sendable, Equatable {
    /// H, the number of hidden units.
    let hidden: Int

    /// 4H: the rows of W and the entries of b.
    var gates: Int { 4 * hidden }
    /// 1 + H: the columns of W, the input and then the previous hidden state.
    var columns: Int { 1 + hidden }
    /// The offset of b.
    var biases: Int { gates * columns }
    /// The offset of Wy.
    var outputWeights: Int { biases + gates }
    /// The offset of by.
    var outputBias: Int { outputWeights + hidden }
    /// The number of parameters.
    var count: Int { outputBias + 1 }

    /// The offset of the forget gate's rows (and biases) within W and b.
    var forgetGate: Int { hidden }
    /// The offset of the candidate's rows, the only gate squashed by tanh instead of the logistic.
    var candidateGate: Int { 2 * hidden }
    /// The offset of the output gate's rows.
    var outputGate: Int { 3 * hidden }
}
