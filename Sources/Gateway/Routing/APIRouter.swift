import APIRuntime
import Generated

/// Routes a request to its operation: match the path, enforce the operation's
/// `x-required-role`, decode and validate the input, call the handler, render the answer.
/// Every failure becomes the documented error body; nothing a client sends can crash it.
public struct APIRouter: Sendable {
    private let table: RouteTable<OperationID>
    /// The handlers, one per tag.
    public var handlers: APIHandlers
    /// Where `x-cache: snapshot` answers are kept for the engine's current snapshot; nil keeps none.
    public var snapshotAnswers: SnapshotAnswerCache?

    public init(handlers: APIHandlers = APIHandlers(), snapshotAnswers: SnapshotAnswerCache? = nil) {
        self.handlers = handlers
        self.snapshotAnswers = snapshotAnswers
        table = RouteTable(APIOperation.all.map { ($0.method, $0.path, $0.id) })
    }

    /// The result of matching a request, before any handler runs.
    public enum Resolution: Sendable {
        case operation(APIOperation, pathParameters: [String])
        case failure(APIError)
    }

    /// Finds the operation of a method and path; 404 or 405 (with `Allow`) when there is none.
    public func resolve(method: String, path: String) -> Resolution {
        switch table.match(method: method, path: path) {
        case .found(let id, let parameters):
            return .operation(APIOperation.named(id), pathParameters: parameters)
        case .methodNotAllowed(var allowed):
            // The transport answers HEAD wherever GET is served.
            if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.insert("HEAD", at: allowed.firstIndex(of: "GET")! + 1) }
            return .failure(APIError(
                .methodNotAllowed, message: "Method \(method) is not allowed for \(path)",
                headers: [("Allow", allowed.joined(separator: ", "))]))
        case .notFound:
            return .failure(APIError(.notFound, message: "No route for \(method) \(path)"))
        }
    }

    /// The error for a caller that lacks the operation's role, or nil when it may proceed.
    public static func authorize(_ operation: APIOperation, principal: Principal?) -> APIError? {
        guard operation.requiredLevel > .public else { return nil }
        guard let principal else { return APIError(.missingToken) }
        guard principal.level >= operation.requiredLevel else {
            return APIError(
                .insufficientPermission,
                message: "\(operation.id.rawValue) requires the \(operation.requiredLevel) role")
        }
        return nil
    }

    /// Answers a request whose caller is already identified in `context`.
    public func respond(to request: RouteRequest, context: RequestContext) async -> RenderedResponse {
        await answer(request, context: context).response
    }

    /// The response, and the operation that answered it (nil for 404 and 405).
    public func answer(_ request: RouteRequest, context: RequestContext) async -> (response: RenderedResponse, operation: OperationID?) {
        switch resolve(method: request.method, path: request.path) {
        case .failure(let error):
            return (error.render(requestID: context.requestID), nil)
        case .operation(let operation, let parameters):
            return (await answer(operation, pathParameters: parameters, request: request, context: context), operation.id)
        }
    }

    /// Answers an `x-runs-on: loop` operation on the caller's thread (role check, then its
    /// synchronous handler, or for an `x-cache: snapshot` one the answer kept for the current
    /// snapshot); nil for an operation that runs on the pool.
    public func answerOnLoop(_ operation: APIOperation, pathParameters: [String], request: RouteRequest, context: RequestContext)
        -> RenderedResponse? {
        guard operation.runsOnLoop else { return nil }
        if let denial = Self.authorize(operation, principal: context.principal) {
            return denial.render(requestID: context.requestID)
        }
        guard operation.cachedPerSnapshot, let snapshotAnswers else {
            return handleOnLoop(operation, pathParameters: pathParameters, request: request, context: context)
        }
        return snapshotAnswers.answer(operation.id, path: request.path, query: request.query) {
            // Generated for every loop operation, so never nil here.
            handleOnLoop(operation, pathParameters: pathParameters, request: request, context: context)
                ?? APIError(.internalError).render(requestID: context.requestID)
        }
    }

    private func handleOnLoop(_ operation: APIOperation, pathParameters: [String], request: RouteRequest, context: RequestContext)
        -> RenderedResponse? {
        do {
            return try handlers.handleOnLoop(operation.id, request: request, pathParameters: pathParameters, context: context)
        } catch let error as APIError {
            return error.render(requestID: context.requestID)
        } catch {
            return APIError(.internalError).render(requestID: context.requestID)
        }
    }

    /// Answers a request already resolved to `operation`: role check, then the handler.
    public func answer(_ operation: APIOperation, pathParameters: [String], request: RouteRequest, context: RequestContext) async
        -> RenderedResponse {
        if let denial = Self.authorize(operation, principal: context.principal) {
            return denial.render(requestID: context.requestID)
        }
        do {
            return try await handlers.handle(operation.id, request: request, pathParameters: pathParameters, context: context)
        } catch let error as APIError {
            return error.render(requestID: context.requestID)
        } catch {
            return APIError(.internalError).render(requestID: context.requestID)
        }
    }
}
