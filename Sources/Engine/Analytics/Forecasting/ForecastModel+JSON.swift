import Primitives

extension ForecastModel {
    /// The version of the stored form; a stored model of another version is not read.
    static let storedVersion = 1

    /// The model as stored in `forecast_models.model`: every member's parameters and
    /// estimate, the scaling, the weights and the ensemble, so a restart or another instance
    /// answers without training again.
    public var storedText: String {
        func number(_ value: Double) -> JSONValue { .number(String(value)) }
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map(number)) }
        func estimate(_ value: ForecastEstimate) -> JSONValue {
            .object([JSONMember("log_return", number(value.logReturn)), JSONMember("error", number(value.error))])
        }
        let stored = members.map { member -> JSONValue in
            var fields = [JSONMember("name", .string(member.component.name)), JSONMember("estimate", estimate(member.estimate))]
            switch member.component {
            case .randomWalk, .drift: break
            case .autoregression(let model):
                fields.append(JSONMember("intercept", number(model.intercept)))
                fields.append(JSONMember("coefficients", numbers(model.coefficients)))
            case .exponentialSmoothing(let smoothing):
                fields.append(JSONMember("alpha", number(smoothing.alpha)))
            case .lstm(let network, let window):
                fields.append(JSONMember("hidden", .number(String(network.hidden))))
                fields.append(JSONMember("window", .number(String(window))))
                fields.append(JSONMember("parameters", numbers(network.parameters)))
            }
            return .object(fields)
        }
        return JSONValue.object([
            JSONMember("version", .number(String(Self.storedVersion))),
            JSONMember("candles", .number(String(candles))),
            JSONMember("data_end", .number(String(dataEnd))),
            JSONMember("scaling", .object([JSONMember("mean", number(scaling.mean)), JSONMember("deviation", number(scaling.deviation))])),
            JSONMember("members", .array(stored)),
            JSONMember("weights", numbers(weights)),
            JSONMember("ensemble", estimate(ensemble)),
        ]).text
    }

    /// A model read back from `storedText`.
    /// - Throws: `.corrupt`, naming what is wrong, for anything `storedText` would not have
    ///   written: not JSON, another version, a missing or non-finite number, an unknown
    ///   member, an LSTM whose parameters do not fit it, weights that do not match.
    public init(storedText text: String) throws(ForecastFailure) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw .corrupt("the stored model is not JSON: \(error)")
        }
        guard json["version"]?.integer == Self.storedVersion else { throw .corrupt("the stored model is not of version \(Self.storedVersion)") }
        guard let candles = json["candles"]?.integer, let dataEnd = json["data_end"]?.integer else {
            throw .corrupt("the stored model has no candles or data_end")
        }
        let scaling = ReturnScaling(mean: try Self.number(json["scaling"]?["mean"], "scaling.mean"),
                                    deviation: try Self.number(json["scaling"]?["deviation"], "scaling.deviation"))
        guard case .array(let stored)? = json["members"] else { throw .corrupt("the stored model has no members") }
        var members: [Member] = []
        for (index, member) in stored.enumerated() {
            members.append(Member(component: try Self.component(member, index), estimate: try Self.estimate(member["estimate"], "members[\(index)].estimate")))
        }
        let weights = try Self.numbers(json["weights"], "weights")
        guard weights.count == members.count, members.contains(where: { $0.component.name == "lstm" }) else {
            throw .corrupt("the stored model has \(members.count) members, \(weights.count) weights, and needs an LSTM")
        }
        self.init(scaling: scaling, members: members, weights: weights, ensemble: try Self.estimate(json["ensemble"], "ensemble"),
                  candles: candles, dataEnd: dataEnd)
    }

    private static func component(_ json: JSONValue, _ index: Int) throws(ForecastFailure) -> ForecastComponent {
        let path = "members[\(index)]"
        guard case .string(let name)? = json["name"] else { throw .corrupt("\(path) has no name") }
        switch name {
        case "random_walk": return .randomWalk
        case "drift": return .drift
        case "autoregression":
            return .autoregression(Autoregression(intercept: try number(json["intercept"], "\(path).intercept"),
                                                  coefficients: try numbers(json["coefficients"], "\(path).coefficients")))
        case "exponential_smoothing":
            return .exponentialSmoothing(ExponentialSmoothing(alpha: try number(json["alpha"], "\(path).alpha")))
        case "lstm":
            guard let hidden = json["hidden"]?.integer, let window = json["window"]?.integer, hidden > 0, window > 0,
                  let network = LSTMNetwork(hidden: hidden, parameters: try numbers(json["parameters"], "\(path).parameters"))
            else { throw .corrupt("\(path) is not an LSTM of its size") }
            return .lstm(network, window: window)
        default:
            throw .corrupt("\(path) is an unknown member '\(name)'")
        }
    }

    private static func estimate(_ json: JSONValue?, _ path: String) throws(ForecastFailure) -> ForecastEstimate {
        let error = try number(json?["error"], "\(path).error")
        guard error >= 0 else { throw .corrupt("\(path).error is negative") }
        return ForecastEstimate(logReturn: try number(json?["log_return"], "\(path).log_return"), error: error)
    }

    private static func number(_ json: JSONValue?, _ path: String) throws(ForecastFailure) -> Double {
        guard case .number(let text)? = json, let value = Double(text), value.isFinite else {
            throw .corrupt("\(path) is not a finite number")
        }
        return value
    }

    private static func numbers(_ json: JSONValue?, _ path: String) throws(ForecastFailure) -> [Double] {
        guard case .array(let items)? = json else { throw .corrupt("\(path) is not an array") }
        var values: [Double] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { values.append(try number(item, "\(path)[\(index)]")) }
        return values
    }
}
