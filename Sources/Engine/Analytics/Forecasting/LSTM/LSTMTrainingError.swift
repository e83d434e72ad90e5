/// Why an LSTM could not be trained; no network is returned.
public enum LSTMTrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The series is shorter than training needs: `needed` is the fewest values training accepts
    /// (`LSTMTraining.minimumSeriesLength(window:)`), `got` the series' count.
    case tooShort(needed: Int, got: Int)
    /// Training blew up in `epoch` (1-based): a batch's or the validation tail's loss was NaN or
    /// infinite, a gradient was not finite, or a loss passed 1e6 times the untrained network's.
    /// A series holding non-finite or absurdly large values ends here too.
    case diverged(epoch: Int, loss: Double)

    public var description: String {
        switch self {
        case .tooShort(let needed, let got): return "Series too short to train an LSTM: \(got) values, at least \(needed) needed"
        case .diverged(let epoch, let loss): return "LSTM training diverged in epoch \(epoch) (loss \(loss))"
        }
    }
}
