import APIRuntime
import Engine
import Generated
import Primitives

/// `/api/v1/strategies*`: strategy instances and their types. Reads come from the engine's
/// snapshot; create, delete, start, stop and configuration changes run on the engine thread
/// and are answered once stored.
public struct StrategiesHandler: StrategiesAPI {
    let service: StrategyService

    public init(service: StrategyService) {
        self.service = service
    }

    public func listStrategies(_ input: ListStrategiesInput, context: RequestContext) async throws -> ListStrategiesOutput {
        let views = try await strategies(await service.strategies())
        return .ok(StrategyList(strategies: views.map { view in
            StrategySummary(id: view.id, name: view.name, version: view.version, running: view.running,
                            signalsGenerated: view.signalsGenerated)
        }, total: views.count, running: views.filter(\.running).count))
    }

    public func createStrategy(_ input: CreateStrategyInput, context: RequestContext) async throws -> CreateStrategyOutput {
        let body = input.body
        let view = try await strategies(await service.create(id: body.id, type: body.type.rawValue, name: body.name, symbols: body.symbols,
                                                             config: body.config))
        return .created(Self.detail(view))
    }

    public func getStrategyStats(_ input: GetStrategyStatsInput, context: RequestContext) async throws -> GetStrategyStatsOutput {
        let views = try await strategies(await service.strategies())
        return .ok(EngineStats(totalStrategies: views.count, runningStrategies: views.filter(\.running).count,
                               totalSignalsGenerated: views.reduce(0) { $0 + $1.signalsGenerated },
                               totalOrdersFilled: views.reduce(0) { $0 + $1.ordersFilled },
                               totalMarketDataProcessed: views.reduce(0) { $0 + $1.marketDataProcessed }))
    }

    public func listStrategyTypes(_ input: ListStrategyTypesInput, context: RequestContext) async throws -> ListStrategyTypesOutput {
        .ok(StrategyTypeList(types: service.types.compactMap { descriptor in
            guard let type = StrategyType(rawValue: descriptor.type) else { return nil }
            return StrategyTypeInfo(type: type, name: descriptor.name, description: descriptor.description,
                                    configSchema: descriptor.schema.jsonSchema, defaults: descriptor.schema.defaults.json)
        }))
    }

    public func getStrategy(_ input: GetStrategyInput, context: RequestContext) async throws -> GetStrategyOutput {
        .ok(Self.detail(try await strategies(await service.strategy(id: input.id))))
    }

    public func deleteStrategy(_ input: DeleteStrategyInput, context: RequestContext) async throws -> DeleteStrategyOutput {
        try await strategies(await service.delete(id: input.id))
        return .ok(SuccessResponse(success: true, message: "Strategy '\(input.id)' deleted successfully"))
    }

    public func startStrategy(_ input: StartStrategyInput, context: RequestContext) async throws -> StartStrategyOutput {
        try await strategies(await service.start(id: input.id))
        return .ok(StrategyActionResponse(success: true, strategyId: input.id, action: .start,
                                          message: "Strategy '\(input.id)' started successfully"))
    }

    public func stopStrategy(_ input: StopStrategyInput, context: RequestContext) async throws -> StopStrategyOutput {
        try await strategies(await service.stop(id: input.id))
        return .ok(StrategyActionResponse(success: true, strategyId: input.id, action: .stop,
                                          message: "Strategy '\(input.id)' stopped successfully"))
    }

    public func updateStrategyConfig(_ input: UpdateStrategyConfigInput, context: RequestContext) async throws -> UpdateStrategyConfigOutput {
        let config = try await strategies(await service.reconfigure(id: input.id, config: input.body.config))
        return .ok(StrategyConfigResponse(success: true, strategyId: input.id, config: config,
                                          message: "Strategy '\(input.id)' config updated successfully"))
    }

    static func detail(_ view: StrategyView) -> StrategyDetail {
        StrategyDetail(id: view.id, name: view.name, version: view.version, running: view.running,
                       stats: StrategyStats(signalsGenerated: view.signalsGenerated, ordersSubmitted: view.ordersSubmitted,
                                            ordersFilled: view.ordersFilled),
                       type: StrategyType(rawValue: view.type) ?? .grid, symbols: view.symbols, config: view.config, state: view.state)
    }
}
