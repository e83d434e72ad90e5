/// Scratch memory for running and backpropagating one window at a time through an LSTM, taken
/// once (one allocation) and reused for every sample of a training run, so that no step of
/// the forward or backward pass allocates.
///
/// It keeps every step's gates and states, since backpropagation through time walks them back.
/// It belongs to one training run or one gradient computation on one thread and never escapes.
final class LSTMWorkspace {
    let layout: LSTMParameterLayout
    /// The window length it was sized for; a sample runs exactly this many steps.
    let window: Int

    private let storage: UnsafeMutableBufferPointer<Double>
    /// The activated gates of each step, 4H a step.
    private let gates: UnsafeMutablePointer<Double>
    /// The cell states c₀ … c_T, H each; c₀ (the zero start) first.
    private let cells: UnsafeMutablePointer<Double>
    /// tanh of c₁ … c_T, H each.
    private let cellTanhs: UnsafeMutablePointer<Double>
    /// The hidden states h₀ … h_T, H each; h₀ (the zero start) first.
    private let hiddens: UnsafeMutablePointer<Double>
    /// Backward scratch: ∂L/∂z (4H), ∂L/∂h and ∂L/∂h₋ (H each, swapped every step), ∂L/∂c (H).
    private let gateGradient: UnsafeMutablePointer<Double>
    private let hiddenGradient: UnsafeMutablePointer<Double>
    private let previousHiddenGradient: UnsafeMutablePointer<Double>
    private let cellGradient: UnsafeMutablePointer<Double>

    init(hidden: Int, window: Int) {
        precondition(hidden >= 1 && window >= 1, "an LSTM workspace needs at least one unit and one step")
        let layout = LSTMParameterLayout(hidden: hidden)
        self.layout = layout
        self.window = window
        let states = (window + 1) * hidden
        let sizes = [window * layout.gates, states, window * hidden, states, layout.gates, hidden, hidden, hidden]
        storage = .allocate(capacity: sizes.reduce(0, +))
        storage.initialize(repeating: 0)
        var offsets: [UnsafeMutablePointer<Double>] = []
        var next = storage.baseAddress!
        for size in sizes {
            offsets.append(next)
            next += size
        }
        gates = offsets[0]
        cells = offsets[1]
        cellTanhs = offsets[2]
        hiddens = offsets[3]
        gateGradient = offsets[4]
        hiddenGradient = offsets[5]
        previousHiddenGradient = offsets[6]
        cellGradient = offsets[7]
    }

    deinit {
        storage.deallocate()
    }

    /// Runs the `window` values at `inputs` from a zero state, keeping every step, and answers
    /// the network's output after the last one.
    func forward(parameters: UnsafePointer<Double>, inputs: UnsafePointer<Double>) -> Double {
        let units = layout.hidden
        for step in 0..<window {
            let state = step * units, next = state + units
            LSTMCell.forward(
                parameters: parameters, layout: layout, input: inputs[step],
                previousHidden: hiddens + state, previousCell: cells + state,
                gates: gates + step * layout.gates, cell: cells + next,
                cellTanh: cellTanhs + state, hidden: hiddens + next
            )
        }
        return LSTMCell.output(parameters: parameters, layout: layout, hidden: hiddens + window * units)
    }

    /// Runs one sample forward and backward: adds `scale` × ∂(y − target)²/∂θ to `gradient` and
    /// answers the squared error (y − target)². For a mean over N samples, `scale` is 1 / N.
    func accumulate(
        parameters: UnsafePointer<Double>, inputs: UnsafePointer<Double>, target: Double, scale: Double,
        gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let units = layout.hidden
        let error = forward(parameters: parameters, inputs: inputs) - target
        let outputGradient = 2 * error * scale
        let last = hiddens + window * units
        for unit in 0..<units {
            gradient[layout.outputWeights + unit] += outputGradient * last[unit]
            hiddenGradient[unit] = outputGradient * parameters[layout.outputWeights + unit]
            cellGradient[unit] = 0
        }
        gradient[layout.outputBias] += outputGradient
        var dh = hiddenGradient, dhPrevious = previousHiddenGradient
        for step in stride(from: window - 1, through: 0, by: -1) {
            let state = step * units
            LSTMCell.backward(
                parameters: parameters, layout: layout, input: inputs[step],
                previousHidden: hiddens + state, previousCell: cells + state,
                gates: gates + step * layout.gates, cellTanh: cellTanhs + state,
                hiddenGradient: dh, cellGradient: cellGradient,
                gateGradient: gateGradient, previousHiddenGradient: dhPrevious, gradient: gradient
            )
            swap(&dh, &dhPrevious)
        }
        return error * error
    }
}
