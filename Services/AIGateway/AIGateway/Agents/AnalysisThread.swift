import NIOPosix

/// Where the static analyzers run: they are synchronous and CPU-bound (up to the code limit, a few hundred ms in a debug
/// build), so they go to NIO's thread pool, as bcrypt does in auth — a large file never holds an event loop, or Swift's
/// cooperative pool, while other requests wait behind it.
enum AnalysisThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
