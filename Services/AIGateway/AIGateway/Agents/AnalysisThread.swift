import NIOPosix

/// Where the static analyzers run. They are synchronous and CPU-bound — linear in the code, up to the 256 KiB limit a
/// few ms in a release build and a few hundred in a debug one — so a large file goes to NIO's thread pool, as bcrypt
/// does in auth: it never holds an event loop, or Swift's cooperative pool, while other requests wait behind it.
/// Code up to `inlineBytes` is analyzed where the caller already runs — in the service an event loop, since
/// Swift concurrency runs on them (`ExecutorSetup`) — for about 0.3 ms at most in a release build, less than the two
/// thread switches of the hop (measured on a 20 KB file: an in-process `analyze` 10–15 % faster at p50, same CPU).
enum AnalysisThread {
    static let inlineBytes = 32 * 1024

    static func run<T: Sendable>(codeBytes: Int, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        if codeBytes <= inlineBytes { return try work() }
        return try await NIOThreadPool.singleton.runIfActive(work)
    }
}
