extension LSTMNetwork {
    /// The mean squared error of the network's forecasts of `targets` from `windows` (each run
    /// from a zero state; all of one length) and its exact gradient with respect to
    /// `parameters`, by backpropagation through time. Training uses the same arithmetic; this
    /// entry point lets tests check it against finite differences.
    func lossAndGradient(windows: [[Double]], targets: [Double]) -> (loss: Double, gradient: [Double]) {
        precondition(!windows.isEmpty && windows.count == targets.count, "one target per window, at least one window")
        let window = windows[0].count
        precondition(windows.allSatisfy { $0.count == window }, "windows of one length")
        let inputs = windows.flatMap { $0 }
        let workspace = LSTMWorkspace(hidden: hidden, window: window)
        let scale = 1 / Double(windows.count)
        var gradient = [Double](repeating: 0, count: parameters.count)
        var loss = 0.0
        parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                gradient.withUnsafeMutableBufferPointer { g in
                    for (sample, target) in targets.enumerated() {
                        loss += workspace.accumulate(
                            parameters: p.baseAddress!, inputs: x.baseAddress! + sample * window, target: target,
                            scale: scale, gradient: g.baseAddress!
                        )
                    }
                }
            }
        }
        return (loss * scale, gradient)
    }
}
