import Foundation
import Resilience
import Testing

@Suite("Manual clock")
struct ManualClockTests {
    @Test("advancing moves the monotonic and the wall-clock readings together")
    func advance() {
        let clock = ManualClock(wallClockStart: Date(timeIntervalSince1970: 1_000))
        let start = clock.now()
        clock.advance(by: .milliseconds(1_500))
        #expect(clock.now() - start == .milliseconds(1_500))
        #expect(clock.wallClockNow() == Date(timeIntervalSince1970: 1_001.5))
        #expect(clock.elapsedTime == .milliseconds(1_500))
    }

    @Test("standing still, the clock does not move")
    func standsStill() {
        let clock = ManualClock()
        #expect(clock.now() == clock.now())
        #expect(clock.wallClockNow() == clock.wallClockNow())
    }

    @Test("sleep advances instead of waiting")
    func sleepAdvances() async throws {
        let clock = ManualClock()
        try await clock.sleep(for: .seconds(3_600))
        #expect(clock.elapsedTime == .seconds(3_600))
    }

    @Test("the system clock reads real time")
    func systemClock() {
        let clock = SystemResilienceClock()
        let before = ContinuousClock.now
        #expect(clock.now() >= before)
        #expect(abs(clock.wallClockNow().timeIntervalSinceNow) < 60)
    }
}
