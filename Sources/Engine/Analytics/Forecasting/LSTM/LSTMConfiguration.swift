/// The settings of an LSTM forecaster and of its training: the network's size, the length of
/// the input windows, and how Adam trains it (how long, how fast, when to stop early).
public struct LSTMConfiguration: Sendable, Equatable {
    /// The number of hidden units (and cell units) of the LSTM layer; at least 1.
    public var hidden: Int
    /// The number of consecutive values a sample feeds the network (its sequence length); at least 1.
    public var window: Int
    /// The most epochs training runs; at least 1.
    public var epochs: Int
    /// Samples per Adam step; at least 1 (a smaller training set makes one batch).
    public var batchSize: Int
    /// Adam's step size (β1 0.9, β2 0.999, ε 1e-8); positive and finite.
    public var learningRate: Double
    /// The largest global L2 norm of a batch's gradient; a larger gradient is scaled down to it.
    public var gradientClip: Double
    /// Seeds the initial parameters and the shuffling of samples: the same seed and series give
    /// the same network, unless the time budget is what ends training.
    public var seed: UInt64
    /// Seconds of training: training ends after the epoch during which this much time has passed.
    public var timeBudget: Double
    /// Early stopping: training ends when the validation loss has not improved for this many
    /// epochs in a row; the parameters of the best epoch are kept. At least 1.
    public var patience: Int

    public init(
        hidden: Int = 8, window: Int = 16, epochs: Int = 40, batchSize: Int = 32, learningRate: Double = 0.01,
        gradientClip: Double = 1.0, seed: UInt64 = 1, timeBudget: Double = 2.0, patience: Int = 5
    ) {
        self.hidden = hidden
        self.window = window
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.gradientClip = gradientClip
        self.seed = seed
        self.timeBudget = timeBudget
        self.patience = patience
    }
}
