import Resilience
import Testing

@Suite("Bulkhead")
struct BulkheadTests {
    @Test("never runs more than maxConcurrent operations at once")
    func limitsConcurrency() async throws {
        let bulkhead = Bulkhead(maxConcurrent: 4, maxWaiting: 100)
        let probe = ConcurrencyProbe()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await bulkhead.execute {
                        probe.enter()
                        for _ in 0..<10 { await Task.yield() }
                        probe.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(probe.total == 100)
        #expect(probe.peak <= 4)
        #expect(bulkhead.runningCount == 0)
        #expect(bulkhead.waitingCount == 0)
    }

    @Test("fills every slot, queues up to maxWaiting, and refuses the next call at once")
    func overflowRejected() async throws {
        let bulkhead = Bulkhead(name: "ai", maxConcurrent: 3, maxWaiting: 2)
        let gate = AsyncGate()
        let probe = ConcurrencyProbe()
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await bulkhead.execute {
                        probe.enter()
                        enteredContinuation.yield()
                        await gate.wait()
                        probe.leave()
                    }
                }
            }
            var iterator = entered.makeAsyncIterator()
            for _ in 0..<3 { await iterator.next() }
            await eventually("two calls wait") { bulkhead.waitingCount == 2 }
            #expect(bulkhead.runningCount == 3)
            #expect(probe.current == 3)

            let error = await #expect(throws: BulkheadFullError.self) {
                try await bulkhead.execute { () -> Void in Issue.record("an overflowing call ran") }
            }
            #expect(error == BulkheadFullError(name: "ai", maxConcurrent: 3, maxWaiting: 2))

            gate.open()
            try await group.waitForAll()
        }
        #expect(probe.total == 5)
        #expect(probe.peak == 3)
        #expect(bulkhead.runningCount == 0)
    }

    @Test("with no waiting line, a call beyond the limit is refused")
    func noWaitingLine() async throws {
        let bulkhead = Bulkhead(maxConcurrent: 1)
        let gate = AsyncGate()
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await bulkhead.execute {
                enteredContinuation.yield()
                await gate.wait()
            }
        }
        var iterator = entered.makeAsyncIterator()
        await iterator.next()
        await #expect(throws: BulkheadFullError.self) {
            try await bulkhead.execute {}
        }
        gate.open()
        try await holder.value
        try await bulkhead.execute {}
    }

    @Test("waiters get slots first come, first served")
    func fifo() async throws {
        let bulkhead = Bulkhead(maxConcurrent: 1, maxWaiting: 5)
        let gate = AsyncGate()
        let order = Locked<[Int]>([])
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await bulkhead.execute {
                    enteredContinuation.yield()
                    await gate.wait()
                }
            }
            var iterator = entered.makeAsyncIterator()
            await iterator.next()
            for position in 1...5 {
                group.addTask {
                    try await bulkhead.execute { order.withLock { $0.append(position) } }
                }
                await eventually("waiter \(position) queued") { bulkhead.waitingCount == position }
            }
            gate.open()
            try await group.waitForAll()
        }
        #expect(order.value == [1, 2, 3, 4, 5])
    }

    @Test("a cancelled waiter leaves the line and its place can be taken")
    func cancellationFreesQueueSlot() async throws {
        let bulkhead = Bulkhead(maxConcurrent: 1, maxWaiting: 1)
        let gate = AsyncGate()
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await bulkhead.execute {
                enteredContinuation.yield()
                await gate.wait()
            }
        }
        var iterator = entered.makeAsyncIterator()
        await iterator.next()

        let cancelled = Task {
            try await bulkhead.execute { () -> Void in Issue.record("a cancelled waiter ran") }
        }
        await eventually("the first waiter queued") { bulkhead.waitingCount == 1 }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(bulkhead.waitingCount == 0)

        let ran = Locked(false)
        let replacement = Task {
            try await bulkhead.execute { ran.withLock { $0 = true } }
        }
        await eventually("the replacement queued") { bulkhead.waitingCount == 1 }
        gate.open()
        try await holder.value
        try await replacement.value
        #expect(ran.value)
        #expect(bulkhead.runningCount == 0)
        #expect(bulkhead.waitingCount == 0)
    }

    @Test("cancelling many waiters leaks no slot")
    func cancellationLeaksNothing() async throws {
        let bulkhead = Bulkhead(maxConcurrent: 2, maxWaiting: 40)
        let gate = AsyncGate()
        let probe = ConcurrencyProbe()
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let holders = (0..<2).map { _ in
            Task {
                try await bulkhead.execute {
                    enteredContinuation.yield()
                    await gate.wait()
                }
            }
        }
        var iterator = entered.makeAsyncIterator()
        for _ in 0..<2 { await iterator.next() }

        var waiters: [Task<Void, any Error>] = []
        for index in 0..<40 {
            waiters.append(Task { try await bulkhead.execute { probe.enter(); probe.leave() } })
            await eventually("waiter \(index) queued") { bulkhead.waitingCount == index + 1 }
        }
        for (index, waiter) in waiters.enumerated() where index.isMultiple(of: 2) {
            waiter.cancel()
        }
        await eventually("cancelled waiters left") { bulkhead.waitingCount == 20 }
        gate.open()

        var cancellations = 0
        for waiter in waiters + holders {
            do { try await waiter.value } catch is CancellationError { cancellations += 1 }
        }
        #expect(cancellations == 20)
        #expect(probe.total == 20)
        #expect(bulkhead.runningCount == 0)
        #expect(bulkhead.waitingCount == 0)

        // Both slots are still there: two calls can hold them at once.
        let second = AsyncGate()
        let (inside, insideContinuation) = AsyncStream.makeStream(of: Void.self)
        async let first: Void = bulkhead.execute { insideContinuation.yield(); await second.wait() }
        async let other: Void = bulkhead.execute { insideContinuation.yield(); await second.wait() }
        var insideIterator = inside.makeAsyncIterator()
        for _ in 0..<2 { await insideIterator.next() }
        #expect(bulkhead.runningCount == 2)
        second.open()
        _ = try await (first, other)
    }

    @Test("an already cancelled task does not run and holds no slot")
    func cancelledBeforeStart() async {
        let bulkhead = Bulkhead(maxConcurrent: 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await bulkhead.execute { () -> Void in Issue.record("ran although cancelled") }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(bulkhead.runningCount == 0)
    }

    @Test("the operation's error passes through and frees the slot")
    func errorsPassThrough() async {
        let bulkhead = Bulkhead(maxConcurrent: 1)
        await #expect(throws: TestError.self) {
            try await bulkhead.execute { throw TestError() }
        }
        #expect(bulkhead.runningCount == 0)
    }
}
