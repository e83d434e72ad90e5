import APIRuntime
import Backends
import Engine
import Generated
import Primitives

/// `/api/v1/watchlist*`: the caller's own watchlist groups (`WatchlistService`). Every
/// operation acts for the authenticated user only; a group of anyone else answers 404.
public struct WatchlistHandler: WatchlistAPI {
    let service: WatchlistService

    /// The handler over `service`.
    public init(service: WatchlistService) {
        self.service = service
    }

    public func listWatchlists(_ input: ListWatchlistsInput, context: RequestContext) async throws -> ListWatchlistsOutput {
        let caller = try Self.caller(context)
        let lists = try await watchlists(await service.watchlists(of: caller))
        return .ok(WatchlistList(watchlists: lists.map(group), total: lists.count))
    }

    public func createWatchlist(_ input: CreateWatchlistInput, context: RequestContext) async throws -> CreateWatchlistOutput {
        let caller = try Self.caller(context)
        let list = try await watchlists(await service.create(owner: caller, name: input.body.name, description: input.body.description))
        return .created(group(list))
    }

    public func updateWatchlist(_ input: UpdateWatchlistInput, context: RequestContext) async throws -> UpdateWatchlistOutput {
        let caller = try Self.caller(context)
        let description: WatchlistService.DescriptionChange
        switch input.body.description {
        case .absent: description = .keep
        case .null: description = .clear
        case .value(let text): description = .set(text)
        }
        let list = try await watchlists(await service.update(id: input.id, owner: caller, name: input.body.name, description: description))
        return .ok(group(list))
    }

    public func deleteWatchlist(_ input: DeleteWatchlistInput, context: RequestContext) async throws -> DeleteWatchlistOutput {
        let caller = try Self.caller(context)
        let list = try await watchlists(await service.delete(id: input.id, owner: caller))
        return .ok(SuccessResponse(success: true, message: "Watchlist '\(list.name)' deleted"))
    }

    public func addWatchlistItem(_ input: AddWatchlistItemInput, context: RequestContext) async throws -> AddWatchlistItemOutput {
        let caller = try Self.caller(context)
        let added = try await watchlists(await service.addItem(input.body.symbol, to: input.id, owner: caller))
        return .created(item(added))
    }

    public func removeWatchlistItem(_ input: RemoveWatchlistItemInput, context: RequestContext) async throws -> RemoveWatchlistItemOutput {
        let caller = try Self.caller(context)
        let removed = try await watchlists(await service.removeItem(input.symbol, from: input.id, owner: caller))
        return .ok(SuccessResponse(success: true, message: "Symbol '\(removed)' removed from watchlist"))
    }

    /// The id of the authenticated caller, whose groups these are.
    static func caller(_ context: RequestContext) throws(APIError) -> String {
        try AuthHandler.identity(of: context).userID
    }

    /// A stored list as the API shows it (times in whole seconds, as everywhere in the API).
    func group(_ list: WatchlistRecord) -> WatchlistGroup {
        WatchlistGroup(id: list.id, name: list.name, description: list.description, items: list.items.map(item),
                       createdAt: Timestamp.iso8601(epochMilliseconds: list.createdAt),
                       updatedAt: Timestamp.iso8601(epochMilliseconds: list.updatedAt))
    }

    /// A stored item with its name from the market (null for a symbol the market no longer has).
    func item(_ item: WatchlistItemRecord) -> WatchlistItem {
        WatchlistItem(symbol: item.symbol, name: service.name(of: item.symbol), addedAt: Timestamp.iso8601(epochMilliseconds: item.addedAt))
    }
}
