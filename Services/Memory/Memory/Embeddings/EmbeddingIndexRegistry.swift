import Contracts
import Foundation
import Logging
import Synchronization

/// The in-process indexes, one per user, loaded from Postgres the first time the user searches and kept coherent
/// with it afterwards: this replica's writes are applied directly, other replicas' arrive with the invalidation
/// events (`applyRemote`), a flush drops the user. Loads are shared (one per user at a time) and checked against an
/// epoch: a change that lands while a load is running makes that load start again, so an index never misses a
/// write that committed before it was installed.
public final class EmbeddingIndexRegistry: Sendable {
    struct State {
        var indexes: [UUID: EmbeddingIndex] = [:]
        var loads: [UUID: Task<EmbeddingIndex?, any Error>] = [:]
        /// Bumped by every change to a user; a load installs its result only if the epoch did not move.
        var epochs: [UUID: UInt64] = [:]
    }

    private let state = Mutex(State())
    let repository: EmbeddingPostgresRepository
    let logger: Logger

    public init(repository: EmbeddingPostgresRepository, logger: Logger) {
        self.repository = repository
        self.logger = logger
    }

    /// The user's index (a snapshot: later writes do not change it), or nil when the user has no embeddings.
    public func index(for userId: UUID) async throws -> EmbeddingIndex? {
        while true {
            let step: Step = state.withLock { state in
                if let index = state.indexes[userId] { return .ready(index) }
                let epoch = state.epochs[userId, default: 0]
                if let load = state.loads[userId] { return .wait(load, epoch) }
                let repository = self.repository
                // Owned by `loads` and awaited by every search of the user that comes meanwhile; never cancelled,
                // since one waiter going away must not fail the others' load, and a load ends by itself.
                let load = Task<EmbeddingIndex?, any Error> { try await Self.load(userId, from: repository) }
                state.loads[userId] = load
                return .wait(load, epoch)
            }
            guard case .wait(let load, let epoch) = step else {
                if case .ready(let index) = step { return index }
                return nil
            }
            let result = await load.result
            let installed: Bool = state.withLock { state in
                if state.loads[userId] == load { state.loads[userId] = nil }
                guard case .success(let index) = result, state.epochs[userId, default: 0] == epoch else { return false }
                if let index { state.indexes[userId] = index }
                return true
            }
            if case .failure(let error) = result { throw error }
            if installed, case .success(let index) = result {
                if let index {
                    logger.debug("embedding index loaded", metadata: ["user": "\(userId.lowercasedString)", "vectors": "\(index.count)"])
                }
                return index
            }
            // A change landed during the load: load again so the write is not lost.
        }
    }

    private enum Step {
        case ready(EmbeddingIndex)
        case wait(Task<EmbeddingIndex?, any Error>, UInt64)
    }

    /// The user's index built from Postgres, nil when they have no embeddings. Rows of another length than the
    /// first (impossible while the owner row fixes the dimension) are skipped rather than trusted.
    static func load(_ userId: UUID, from repository: EmbeddingPostgresRepository) async throws -> EmbeddingIndex? {
        var index: EmbeddingIndex?
        try await repository.forEachEmbedding(userId: userId) { embedding in
            if index == nil { index = EmbeddingIndex(dimension: embedding.vector.count) }
            guard index?.dimension == embedding.vector.count else { return }
            index?.upsert(id: embedding.id, vector: embedding.vector, metadata: embedding.metadata, revision: embedding.revision)
        }
        return index
    }

    /// A write committed by this replica: applied to a loaded index at once; a running load starts over.
    public func apply(userId: UUID, _ embedding: StoredEmbedding) {
        state.withLock { state in
            state.epochs[userId, default: 0] &+= 1
            if state.indexes[userId] == nil, state.loads[userId] == nil {
                // Not loaded: the first search loads it from Postgres, this write included.
                return
            }
            if var index = state.indexes[userId] {
                state.indexes[userId] = nil
                if index.dimension == embedding.vector.count {
                    index.upsert(id: embedding.id, vector: embedding.vector, metadata: embedding.metadata, revision: embedding.revision)
                    state.indexes[userId] = index
                }
            }
        }
    }

    /// Another replica stored `embedding`: applied like a local write. A loaded index keeps the newer revision
    /// whatever order writes arrive in; a running load starts over.
    public func applyRemote(userId: UUID, _ embedding: StoredEmbedding) {
        apply(userId: userId, embedding)
    }

    /// The user's embeddings are gone (flush) or may have changed unseen: forget the index.
    public func drop(userId: UUID) {
        state.withLock { state in
            state.epochs[userId, default: 0] &+= 1
            state.indexes[userId] = nil
        }
    }

    /// Invalidation events may have been missed (the feed reconnected): forget every index.
    public func dropAll() {
        state.withLock { state in
            for user in Set(state.indexes.keys).union(state.loads.keys) { state.epochs[user, default: 0] &+= 1 }
            state.indexes.removeAll()
        }
    }

    /// Users with a loaded index, and their vectors; for `/metrics` and tests.
    public var loadedVectors: (users: Int, vectors: Int) {
        state.withLock { state in (state.indexes.count, state.indexes.values.reduce(0) { $0 + $1.count }) }
    }
}
