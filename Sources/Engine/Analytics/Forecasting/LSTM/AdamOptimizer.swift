import Foundation

/// Adam (Kingma and Ba): each parameter moves by the learning rate times its bias-corrected
/// first moment over the square root of its bias-corrected second moment, so steps keep a
/// steady size whatever the gradient's scale.
struct AdamOptimizer {
    let learningRate: Double
    let beta1 = 0.9
    let beta2 = 0.999
    let epsilon = 1e-8
    /// The running means of the gradient and of its square, one entry a parameter.
    private var firstMoment: [Double]
    private var secondMoment: [Double]
    /// The number of steps taken.
    private var steps = 0

    init(parameterCount: Int, learningRate: Double) {
        self.learningRate = learningRate
        firstMoment = [Double](repeating: 0, count: parameterCount)
        secondMoment = [Double](repeating: 0, count: parameterCount)
    }

    /// One step: moves `parameters` against `gradient` (the same length).
    mutating func step(parameters: UnsafeMutableBufferPointer<Double>, gradient: UnsafeBufferPointer<Double>) {
        steps += 1
        let (beta1, beta2, epsilon) = (beta1, beta2, epsilon)
        let firstCorrection = 1 / (1 - pow(beta1, Double(steps)))
        let secondCorrection = 1 / (1 - pow(beta2, Double(steps)))
        let rate = learningRate
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                for index in 0..<parameters.count {
                    let g = gradient[index]
                    m[index] = beta1 * m[index] + (1 - beta1) * g
                    v[index] = beta2 * v[index] + (1 - beta2) * g * g
                    let mHat = m[index] * firstCorrection, vHat = v[index] * secondCorrection
                    parameters[index] -= rate * mHat / (vHat.squareRoot() + epsilon)
                }
            }
        }
    }
}
