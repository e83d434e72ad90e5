/// The state of one training run: the series cut into samples, the parameters being trained,
/// Adam's moments, the shuffled order of the training samples and the scratch memory, all
/// taken once when the run starts so that epochs allocate nothing per sample.
///
/// Sample k feeds `series[k ..< k + window]` and is scored against `series[k + window]`. The
/// first `trainingCount` samples train; the rest, the chronological tail, only validate.
struct LSTMTrainer {
    let series: [Double]
    let configuration: LSTMConfiguration
    let trainingCount: Int
    let validationCount: Int
    /// The network being trained, laid out as `LSTMNetwork.parameters`.
    private(set) var parameters: [Double]
    private var gradient: [Double]
    private var optimizer: AdamOptimizer
    /// The first index of each training sample, reshuffled every epoch.
    private var order: [Int]
    private var random: SeededRandom
    private let workspace: LSTMWorkspace
    /// A loss above this means training blew up: 1e6 × the larger of the untrained network's
    /// first batch loss and the zero forecast's training loss. Set by the first batch.
    private(set) var divergenceLimit = Double.infinity

    /// How far above the reference loss a loss counts as divergence.
    static let divergenceFactor = 1e6
    /// Mixed into the seed for the shuffling stream, so that it differs from the initialisation's.
    private static let shuffleSalt: UInt64 = 0x5348_5546_464C_4553

    init(series: [Double], configuration: LSTMConfiguration, trainingCount: Int, validationCount: Int) {
        self.series = series
        self.configuration = configuration
        self.trainingCount = trainingCount
        self.validationCount = validationCount
        parameters = LSTMNetwork(hidden: configuration.hidden, seed: configuration.seed).parameters
        gradient = [Double](repeating: 0, count: parameters.count)
        optimizer = AdamOptimizer(parameterCount: parameters.count, learningRate: configuration.learningRate)
        order = Array(0..<trainingCount)
        random = SeededRandom(seed: configuration.seed ^ Self.shuffleSalt)
        workspace = LSTMWorkspace(hidden: configuration.hidden, window: configuration.window)
    }

    /// One pass over the training samples in a fresh random order, one Adam step a batch;
    /// answers the mean squared error of the batches, each measured before its step.
    mutating func runEpoch(_ epoch: Int) throws(LSTMTrainingError) -> Double {
        shuffleOrder()
        var total = 0.0
        var first = 0
        while first < trainingCount {
            let last = min(first + configuration.batchSize, trainingCount)
            let (loss, norm) = accumulateBatch(first..<last)
            if divergenceLimit == .infinity { divergenceLimit = Self.divergenceFactor * max(loss, zeroForecastLoss()) }
            guard loss.isFinite, norm.isFinite, loss <= divergenceLimit else {
                throw .diverged(epoch: epoch, loss: loss)
            }
            step(clippingFrom: norm)
            total += loss * Double(last - first)
            first = last
        }
        return total / Double(trainingCount)
    }

    /// The mean squared error of the current parameters on the validation tail.
    func validationLoss() -> Double {
        let window = configuration.window
        var total = 0.0
        parameters.withUnsafeBufferPointer { p in
            series.withUnsafeBufferPointer { s in
                for start in trainingCount..<(trainingCount + validationCount) {
                    let error = workspace.forward(parameters: p.baseAddress!, inputs: s.baseAddress! + start) - s[start + window]
                    total += error * error
                }
            }
        }
        return total / Double(validationCount)
    }

    /// The loss and the gradient's L2 norm of the batch of training samples at `positions` of
    /// `order`; leaves the gradient in `gradient`.
    private mutating func accumulateBatch(_ positions: Range<Int>) -> (loss: Double, norm: Double) {
        let window = configuration.window, scale = 1 / Double(positions.count)
        var loss = 0.0, squaredNorm = 0.0
        parameters.withUnsafeBufferPointer { p in
            series.withUnsafeBufferPointer { s in
                order.withUnsafeBufferPointer { order in
                    gradient.withUnsafeMutableBufferPointer { g in
                        g.update(repeating: 0)
                        for position in positions {
                            let start = order[position]
                            loss += workspace.accumulate(
                                parameters: p.baseAddress!, inputs: s.baseAddress! + start, target: s[start + window],
                                scale: scale, gradient: g.baseAddress!
                            )
                        }
                        for value in g { squaredNorm += value * value }
                    }
                }
            }
        }
        return (loss * scale, squaredNorm.squareRoot())
    }

    /// One Adam step along the gradient, first scaled down to `configuration.gradientClip`
    /// when its norm is larger.
    private mutating func step(clippingFrom norm: Double) {
        let clip = configuration.gradientClip
        gradient.withUnsafeMutableBufferPointer { g in
            if norm > clip {
                let factor = clip / norm
                for index in 0..<g.count { g[index] *= factor }
            }
        }
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in optimizer.step(parameters: p, gradient: g) }
        }
    }

    /// The mean squared training target: the loss of always forecasting zero.
    private func zeroForecastLoss() -> Double {
        let targets = series[configuration.window..<(configuration.window + trainingCount)]
        return targets.reduce(0) { $0 + $1 * $1 } / Double(trainingCount)
    }

    /// Fisher–Yates with the run's own generator, so the order depends on the seed alone.
    private mutating func shuffleOrder() {
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            let other = Int(UInt64(index + 1).multipliedFullWidth(by: random.next()).high)
            order.swapAt(index, other)
        }
    }
}
