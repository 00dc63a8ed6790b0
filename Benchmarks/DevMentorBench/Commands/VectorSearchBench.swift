import ArgumentParser
import Contracts
import Foundation
import Memory

/// `vector-search`: the memory service's exact top-k search in process — the `EmbeddingIndex` a user's searches
/// run on, filled with random vectors — one query at a time, beside a memcpy of the same number of bytes, so the
/// scan's effective bandwidth can be read against what the machine can move at all.
struct VectorSearchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vector-search", abstract: "In-process exact cosine top-k over random vectors, one query at a time."
    )

    @Option(help: "Vectors in the index.")
    var count = 100_000

    @Option(help: "Dimensions of every vector.")
    var dimension = 384

    @Option(help: "Results per query.")
    var limit = 10

    @Option(help: "Timed queries (after a few untimed warm-up ones).")
    var queries = 200

    @Option(help: "Parts a scan is split into (default: the cores).")
    var parallelism = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seed of the random vectors (the numpy/faiss peer uses its own generator; only the shape matters).")
    var seed: UInt64 = 7

    func validate() throws {
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be 1...10000000") }
        guard (1...MemoryRules.maxDimensions).contains(dimension) else { throw ValidationError("--dimension must be 1...4096") }
        guard MemoryRules.searchLimit.contains(limit) else { throw ValidationError("--limit must be 1...100") }
        guard (1...100_000).contains(queries) else { throw ValidationError("--queries must be 1...100000") }
    }

    func run() async throws {
        var generator = SplitMix(seed: seed)
        var index = EmbeddingIndex(dimension: dimension)
        var vector = [Float](repeating: 0, count: dimension)
        let buildStart = MonotonicClock.nanoseconds()
        for row in 0..<count {
            for i in 0..<dimension { vector[i] = generator.nextFloat() }
            index.upsert(id: UUID(), vector: vector, metadata: .null, revision: Int64(row + 1))
        }
        let buildSeconds = Double(MonotonicClock.nanoseconds() - buildStart) / 1e9
        let queryVectors = (0..<(queries + 5)).map { _ in (0..<dimension).map { _ in generator.nextFloat() } }

        for query in queryVectors.prefix(5) { _ = await index.search(query, limit: limit, parallelism: parallelism) }
        var samples: [UInt64] = []
        samples.reserveCapacity(queries)
        let started = MonotonicClock.nanoseconds()
        for query in queryVectors.dropFirst(5) {
            let t0 = MonotonicClock.nanoseconds()
            let found = await index.search(query, limit: limit, parallelism: parallelism)
            samples.append(MonotonicClock.nanoseconds() - t0)
            precondition(found.count == limit)
        }
        let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
        let latency = LatencySummary(nanoseconds: samples)
        let bytes = Double(index.scannedBytes)
        let p50Seconds = (latency?.p50Ms ?? 0) / 1000
        let scanGBps = p50Seconds > 0 ? bytes / p50Seconds / 1e9 : 0

        let (copyGBps, copyThreadsGBps) = await Self.copyBandwidth(bytes: index.scannedBytes, parallelism: parallelism)
        var result = BenchResult(
            id: "memory.search.inprocess", label: "top-\(limit) of \(count) × \(dimension), one query at a time, in process",
            count: samples.count, seconds: seconds, unit: "queries/s", latency: latency, errors: 0,
            parameters: [
                "count": "\(count)", "dimension": "\(dimension)", "limit": "\(limit)", "parallelism": "\(parallelism)",
                "scannedMB": String(format: "%.1f", bytes / 1e6), "scanGBps": String(format: "%.2f", scanGBps),
                "memcpyGBps": String(format: "%.2f", copyGBps), "memcpyThreadsGBps": String(format: "%.2f", copyThreadsGBps),
                "buildSeconds": String(format: "%.2f", buildSeconds),
            ]
        )
        result.note = String(
            format: "scan %.2f GB/s at p50 vs memcpy %.2f GB/s on one core, %.2f GB/s on %d (read + write, counted once)",
            scanGBps, copyGBps, copyThreadsGBps, parallelism
        )
        try result.emit()
    }

    /// The best of several memcpy passes over `bytes` (cold buffers larger than the caches), on one core and on
    /// `parallelism` at once. A copy reads and writes each byte; like `STREAM copy`, the figure counts the bytes
    /// copied once, so it compares with a scan that only reads as a lower bound of what the memory can give.
    static func copyBandwidth(bytes: Int, parallelism: Int) async -> (Double, Double) {
        let size = max(bytes, 64 << 20)
        let source = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        let target = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            source.deallocate()
            target.deallocate()
        }
        memset(source, 1, size)
        memset(target, 2, size)
        // Each pass reads a byte of the copy afterwards, so the optimiser cannot drop a copy nobody looks at.
        var best = Double.infinity
        var witness: UInt8 = 0
        for pass in 0..<5 {
            let t0 = MonotonicClock.nanoseconds()
            memcpy(target, source, size)
            best = min(best, Double(MonotonicClock.nanoseconds() - t0) / 1e9)
            witness &+= target.load(fromByteOffset: (pass * 4099) % size, as: UInt8.self)
        }
        let single = Double(size) / best / 1e9

        let parts = max(1, parallelism)
        let chunk = size / parts
        let src = UInt(bitPattern: source), dst = UInt(bitPattern: target)
        var bestParallel = Double.infinity
        for _ in 0..<5 {
            let t0 = MonotonicClock.nanoseconds()
            await withTaskGroup(of: Void.self) { group in
                for part in 0..<parts {
                    group.addTask {
                        let offset = UInt(part * chunk)
                        memcpy(UnsafeMutableRawPointer(bitPattern: dst + offset)!, UnsafeRawPointer(bitPattern: src + offset)!, chunk)
                    }
                }
            }
            bestParallel = min(bestParallel, Double(MonotonicClock.nanoseconds() - t0) / 1e9)
            witness &+= target.load(fromByteOffset: size / 2, as: UInt8.self)
        }
        if witness == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
        return (single, Double(chunk * parts) / bestParallel / 1e9)
    }
}

/// SplitMix64, floats in -1..<1.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
}
