import NIOCore
import NIOPosix

/// Runs Swift concurrency on NIO's event loops instead of a separate pool, so a request does not hop between the
/// threads that do its I/O and the threads that run its code (on two cores those hops cost more than the work).
/// Must be the first thing `main` does, on the main thread, once.
public enum ExecutorSetup {
    @MainActor
    public static func useEventLoopsForConcurrency() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
