import CMalloc
import Foundation

/// glibc's allocator hands memory back to the kernel as soon as more than 128 KiB are free at the top of the heap
/// (and maps every allocation over 128 KiB on its own). A request that builds and frees a few hundred KiB — an
/// analysis's token arrays, a large JSON body — then pays page faults for the same memory on every request: a
/// profile of `devmentor-bench analyze --library` had a third of each analysis in the kernel.
///
/// Called first thing in `main` (every service and the bench), once: allocations up to 4 MiB come from the heap
/// and up to 16 MiB of free heap are kept for the next request. An operator's own `GLIBC_TUNABLES` wins.
public enum AllocatorSetup {
    public static let mmapThreshold: Int32 = 4 << 20
    public static let trimThreshold: Int32 = 16 << 20

    /// Whether the thresholds were set (false off glibc, or when GLIBC_TUNABLES is set).
    @discardableResult
    public static func keepFreedMemoryForReuse() -> Bool {
        guard ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] == nil else { return false }
        return devmentor_set_malloc_thresholds(mmapThreshold, trimThreshold) == 1
    }
}
