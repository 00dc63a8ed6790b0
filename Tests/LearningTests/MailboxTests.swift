import Contracts
import Foundation
import Learning
import Synchronization
import Testing

/// The agents' mailbox: one message at a time, bounded with back-pressure, and a failing handler does not stop it.
@Suite("Mailbox")
struct MailboxTests {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    /// Opens once; waiters suspend until then.
    final class Gate: Sendable {
        private let opened = Mutex(false)
        func open() { opened.withLock { $0 = true } }
        func wait() async {
            while !opened.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    /// How many handlers run at once, at most, and in which order they finished.
    final class Overlap: Sendable {
        private let state = Mutex((running: 0, maxRunning: 0, order: [Int]()))

        func enter() {
            state.withLock { state in
                state.running += 1
                state.maxRunning = max(state.maxRunning, state.running)
            }
        }

        func leave(_ index: Int) {
            state.withLock { state in
                state.running -= 1
                state.order.append(index)
            }
        }

        var maxRunning: Int { state.withLock { $0.maxRunning } }
        var order: [Int] { state.withLock { $0.order } }
    }

    @Test func handlersRunOneAtATimeEvenAcrossSuspensions() async throws {
        let mailbox = Mailbox(name: "test", capacity: 100)
        let overlap = Overlap()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await mailbox.perform {
                        overlap.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        overlap.leave(index)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(overlap.maxRunning == 1)
        #expect(Set(overlap.order) == Set(0..<20))
        let status = await mailbox.status()
        #expect(status.processed == 20)
        #expect(status.mailbox == 0)
        #expect(status.state == .idle)
    }

    @Test func aFullMailboxHoldsSendersBackInsteadOfGrowing() async throws {
        let mailbox = Mailbox(name: "test", capacity: 3)
        let gate = Gate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask { try await mailbox.perform { await gate.wait() } }
            }
            // One handler runs (held by the gate), three wait in the mailbox, six senders are held back.
            let settled = try await eventually(timeout: .seconds(5)) {
                let blocked = await mailbox.blockedSenders
                let status = await mailbox.status()
                return blocked == 6 && status.mailbox == 3 && status.state == .busy
            }
            #expect(settled)
            let status = await mailbox.status()
            #expect(status.mailbox <= status.mailboxCapacity)
            gate.open()
            try await group.waitForAll()
        }
        let status = await mailbox.status()
        #expect(status.processed == 10)
        #expect(status.mailbox == 0)
        #expect(await mailbox.blockedSenders == 0)
    }

    @Test func aFailingHandlerIsRecordedAndTheNextMessageIsHandled() async throws {
        let mailbox = Mailbox(name: "test", capacity: 4)
        await #expect(throws: Boom.self) { try await mailbox.perform { () throws -> Int in throw Boom() } }
        let value = try await mailbox.perform { 42 }
        #expect(value == 42)
        let status = await mailbox.status()
        #expect(status.processed == 2)
        #expect(status.failed == 1)
        #expect(status.lastError == "boom")
        #expect(status.state == .idle)
    }

    @Test func aStoppedMailboxRefusesNewMessages() async throws {
        let mailbox = Mailbox(name: "test", capacity: 4)
        await mailbox.stop()
        let error = await #expect(throws: AppError.self) { try await mailbox.perform { 1 } }
        #expect(error?.code == .serviceUnavailable)
        #expect(await mailbox.status().state == .stopped)
    }
}
