/// Trains an `LSTMNetwork` to forecast the next value of a series (for example normalised log
/// returns) from the `window` values before it, with Adam on mini-batches, a clipped gradient,
/// early stopping on a chronological validation tail and a time budget.
public enum LSTMTraining {
    /// The share of the samples, at the end of the series, held out to choose the best epoch.
    public static let validationShare = 0.15
    /// The fewest samples (windows with a value after them) training accepts.
    public static let minimumSamples = 20

    /// The fewest series values training accepts for windows of `window` values.
    public static func minimumSeriesLength(window: Int) -> Int {
        window + minimumSamples
    }

    /// Trains a network on `series` (oldest first). Each run of `window` consecutive values is
    /// a sample whose target is the value after it; the last `validationShare` of the samples
    /// (at least one) never train, and after every epoch their mean squared error decides the
    /// best epoch so far. Training stops after `epochs` epochs, after `patience` epochs without a
    /// better validation loss, or after the epoch during which `timeBudget` seconds passed.
    ///
    /// Answers the best epoch's network and the mean training and validation losses of every
    /// epoch run. The same series and configuration give the same network, unless the time
    /// budget ended training. Throws `.tooShort` below `minimumSeriesLength(window:)` values and
    /// `.diverged` when a loss or gradient stops being finite or a loss grows 1e6-fold; no
    /// network with a non-finite parameter is ever returned.
    ///
    /// The configuration must be sane (sizes, epochs, batch and patience at least 1, a positive
    /// finite learning rate, a positive clip): it comes from code, not from a request.
    public static func train(series: [Double], configuration: LSTMConfiguration) throws(LSTMTrainingError)
        -> (network: LSTMNetwork, trainingLoss: [Double], validationLoss: [Double])
    {
        precondition(
            configuration.hidden >= 1 && configuration.window >= 1 && configuration.epochs >= 1
                && configuration.batchSize >= 1 && configuration.patience >= 1
                && configuration.learningRate > 0 && configuration.learningRate.isFinite
                && configuration.gradientClip > 0 && !configuration.timeBudget.isNaN,
            "invalid LSTM configuration \(configuration)"
        )
        let needed = minimumSeriesLength(window: configuration.window)
        guard series.count >= needed else { throw .tooShort(needed: needed, got: series.count) }
        let samples = series.count - configuration.window
        let validationCount = max(1, Int((Double(samples) * validationShare).rounded()))
        var trainer = LSTMTrainer(
            series: series, configuration: configuration,
            trainingCount: samples - validationCount, validationCount: validationCount
        )
        let clock = ContinuousClock()
        let started = clock.now
        var trainingLoss: [Double] = [], validationLoss: [Double] = []
        var best = trainer.parameters, bestLoss = Double.infinity, epochsSinceBest = 0
        for epoch in 1...configuration.epochs {
            trainingLoss.append(try trainer.runEpoch(epoch))
            let loss = trainer.validationLoss()
            guard loss.isFinite, loss <= trainer.divergenceLimit else { throw .diverged(epoch: epoch, loss: loss) }
            validationLoss.append(loss)
            if loss < bestLoss {
                best = trainer.parameters
                bestLoss = loss
                epochsSinceBest = 0
            } else {
                epochsSinceBest += 1
            }
            let elapsed = started.duration(to: clock.now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            if epochsSinceBest >= configuration.patience || seconds >= configuration.timeBudget { break }
        }
        return (LSTMNetwork(checkedHidden: configuration.hidden, parameters: best), trainingLoss, validationLoss)
    }
}
