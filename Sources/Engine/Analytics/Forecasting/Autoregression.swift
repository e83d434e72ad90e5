/// An autoregression `x̂ₜ = c + Σₖ φₖ·xₜ₋ₖ` fitted by ridge-regularised least squares (the
/// penalty keeps a short or collinear series from giving wild coefficients; the intercept is
/// not penalised).
public struct Autoregression: Sendable, Equatable {
    /// `c`.
    public let intercept: Double
    /// `φ₁…φₚ`: `coefficients[0]` multiplies the newest value.
    public let coefficients: [Double]

    public init(intercept: Double, coefficients: [Double]) {
        self.intercept = intercept
        self.coefficients = coefficients
    }

    /// The autoregression of `order` fitted to `series`, minimising the squared one-step
    /// error plus `ridge`·|φ|²; nil when the series has no more values than the order or
    /// the normal equations are singular.
    public init?(fitting series: ArraySlice<Double>, order: Int, ridge: Double) {
        let values = Array(series)
        guard order >= 1, values.count > order + 1 else { return nil }
        let size = order + 1
        // Normal equations (XᵀX + λD)β = Xᵀy with rows [1, xₜ₋₁ … xₜ₋ₚ].
        var matrix = [Double](repeating: 0, count: size * size)
        var vector = [Double](repeating: 0, count: size)
        var row = [Double](repeating: 0, count: size)
        for t in order..<values.count {
            row[0] = 1
            for k in 1...order { row[k] = values[t - k] }
            for i in 0..<size {
                vector[i] += row[i] * values[t]
                for j in 0..<size { matrix[i * size + j] += row[i] * row[j] }
            }
        }
        for k in 1...order { matrix[k * size + k] += ridge }
        guard let solution = Self.solve(matrix, vector, size: size) else { return nil }
        self.init(intercept: solution[0], coefficients: Array(solution[1...]))
    }

    /// The forecast of the value after `history` (at least `coefficients.count` values).
    public func forecast(after history: ArraySlice<Double>) -> Double {
        var value = intercept
        var index = history.endIndex
        for coefficient in coefficients {
            index -= 1
            value += coefficient * history[index]
        }
        return value
    }

    /// Solves `matrix · x = vector` by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [Double], _ vector: [Double], size: Int) -> [Double]? {
        var a = matrix, b = vector
        for column in 0..<size {
            var pivot = column
            for row in column..<size where abs(a[row * size + column]) > abs(a[pivot * size + column]) { pivot = row }
            guard abs(a[pivot * size + column]) > 1e-12 else { return nil }
            if pivot != column {
                for j in 0..<size { a.swapAt(pivot * size + j, column * size + j) }
                b.swapAt(pivot, column)
            }
            for row in (column + 1)..<size {
                let factor = a[row * size + column] / a[column * size + column]
                for j in column..<size { a[row * size + j] -= factor * a[column * size + j] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = b[row]
            for j in (row + 1)..<size { sum -= a[row * size + j] * x[j] }
            x[row] = sum / a[row * size + row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
