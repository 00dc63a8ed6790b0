import Foundation
import ServiceKit
import Testing

@Suite("Allocator setup")
struct AllocatorSetupTests {
    @Test("glibc takes the mmap and trim thresholds, unless the operator chose GLIBC_TUNABLES")
    func thresholds() {
        let operatorChose = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] != nil
        #expect(AllocatorSetup.keepFreedMemoryForReuse() == !operatorChose)
        // Twice is harmless: every service's main calls it once, the bench once more.
        #expect(AllocatorSetup.keepFreedMemoryForReuse() == !operatorChose)
    }
}
