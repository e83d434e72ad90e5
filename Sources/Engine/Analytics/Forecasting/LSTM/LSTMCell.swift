import Foundation

/// The arithmetic of one LSTM time step, forward and backward, on raw buffers so that training
/// and prediction share it and its inner loops neither allocate nor check bounds.
///
/// Forward, with z = W·[x; h₋] + b split into the four gates:
/// i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o); c = f⊙c₋ + i⊙g; h = o⊙tanh(c).
enum LSTMCell {
    /// One step forward from the previous state (`previousHidden`, `previousCell`, H values each)
    /// and the input `x`: writes the activated gates (4H), the new cell state, its tanh and the
    /// new hidden state (H each).
    @inline(__always)
    static func forward(
        parameters p: UnsafePointer<Double>, layout: LSTMParameterLayout, input x: Double,
        previousHidden: UnsafePointer<Double>, previousCell: UnsafePointer<Double>,
        gates: UnsafeMutablePointer<Double>, cell: UnsafeMutablePointer<Double>,
        cellTanh: UnsafeMutablePointer<Double>, hidden: UnsafeMutablePointer<Double>
    ) {
        let units = layout.hidden, columns = layout.columns
        let biases = p + layout.biases
        for row in 0..<layout.gates {
            let weights = p + row * columns
            var z = biases[row] + weights[0] * x
            for unit in 0..<units { z += weights[1 + unit] * previousHidden[unit] }
            let isCandidate = row >= layout.candidateGate && row < layout.outputGate
            gates[row] = isCandidate ? tanh(z) : logistic(z)
        }
        let forget = gates + layout.forgetGate, candidate = gates + layout.candidateGate, output = gates + layout.outputGate
        for unit in 0..<units {
            let c = forget[unit] * previousCell[unit] + gates[unit] * candidate[unit]
            let squashed = tanh(c)
            cell[unit] = c
            cellTanh[unit] = squashed
            hidden[unit] = output[unit] * squashed
        }
    }

    /// The network's output for the hidden state `hidden`: Wy·h + by.
    @inline(__always)
    static func output(parameters p: UnsafePointer<Double>, layout: LSTMParameterLayout, hidden: UnsafePointer<Double>) -> Double {
        let weights = p + layout.outputWeights
        var y = p[layout.outputBias]
        for unit in 0..<layout.hidden { y += weights[unit] * hidden[unit] }
        return y
    }

    /// One step backward through the step that `forward` computed from `x`, `previousHidden`
    /// and `previousCell` into `gates` and `cellTanh`. On entry `hiddenGradient` is ∂L/∂h and
    /// `cellGradient` the part of ∂L/∂c that flows back from later steps; on return
    /// `cellGradient` is ∂L/∂c₋ and `previousHiddenGradient` ∂L/∂h₋. Adds ∂L/∂W and ∂L/∂b to
    /// `gradient` (laid out like the parameters); `gateGradient` (4H) is scratch.
    @inline(__always)
    static func backward(
        parameters p: UnsafePointer<Double>, layout: LSTMParameterLayout, input x: Double,
        previousHidden: UnsafePointer<Double>, previousCell: UnsafePointer<Double>,
        gates: UnsafePointer<Double>, cellTanh: UnsafePointer<Double>,
        hiddenGradient: UnsafePointer<Double>, cellGradient: UnsafeMutablePointer<Double>,
        gateGradient dz: UnsafeMutablePointer<Double>, previousHiddenGradient: UnsafeMutablePointer<Double>,
        gradient: UnsafeMutablePointer<Double>
    ) {
        let units = layout.hidden, columns = layout.columns
        let forget = gates + layout.forgetGate, candidate = gates + layout.candidateGate, output = gates + layout.outputGate
        for unit in 0..<units {
            let squashed = cellTanh[unit]
            let dc = cellGradient[unit] + hiddenGradient[unit] * output[unit] * (1 - squashed * squashed)
            let input = gates[unit], f = forget[unit], g = candidate[unit], o = output[unit]
            dz[unit] = dc * g * input * (1 - input)
            dz[layout.forgetGate + unit] = dc * previousCell[unit] * f * (1 - f)
            dz[layout.candidateGate + unit] = dc * input * (1 - g * g)
            dz[layout.outputGate + unit] = hiddenGradient[unit] * squashed * o * (1 - o)
            cellGradient[unit] = dc * f
        }
        for unit in 0..<units { previousHiddenGradient[unit] = 0 }
        let biasGradient = gradient + layout.biases
        for row in 0..<layout.gates {
            let d = dz[row]
            let weights = p + row * columns, weightGradient = gradient + row * columns
            biasGradient[row] += d
            weightGradient[0] += d * x
            for unit in 0..<units {
                weightGradient[1 + unit] += d * previousHidden[unit]
                previousHiddenGradient[unit] += weights[1 + unit] * d
            }
        }
    }

    /// The logistic function 1 / (1 + e⁻ᶻ); exactly 0 or 1 far out, never NaN for a number.
    @inline(__always)
    static func logistic(_ z: Double) -> Double {
        1 / (1 + exp(-z))
    }
}
