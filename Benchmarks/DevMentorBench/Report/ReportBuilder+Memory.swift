import Foundation

/// The memory section (issue 11): in-process exact search beside numpy and faiss, the scan's bandwidth beside a
/// memcpy, search and KV GET through the gateway.
extension ReportBuilder {
    func memory(_ checks: inout [TargetCheck]) -> String {
        var lines = ["## Memory (issue 11): vector search and KV reads", ""]
        let inProcess = results["memory.search.inprocess"], numpy = results["memory.search.numpy"], faiss = results["memory.search.faiss"]
        let viaGateway = results["memory.search.gateway"], hit = results["memory.kv.hit.gateway"], miss = results["memory.kv.miss.gateway"]
        guard inProcess != nil || viaGateway != nil || hit != nil else {
            lines.append("Not measured: \(meta["memory_status"] ?? "the memory section did not run").")
            checks.append(TargetCheck(section: "memory", target: "in process ≥ 1.0× numpy", measured: Format.missing, verdict: .notMeasured))
            return lines.joined(separator: "\n")
        }
        // Lower latency is better: the speed-up is the peer's p50 over ours.
        let overNumpy = speedUp(numpy?.p50Ms, inProcess?.p50Ms), overFaiss = speedUp(faiss?.p50Ms, inProcess?.p50Ms)
        checks.append(.atLeast("memory", "in-process search ≥ 1.0× numpy (p50, one query)", value: overNumpy, minimum: 1.0, shown: Format.ratio(overNumpy)))
        checks.append(.atLeast("memory", "in-process search ≥ 1.0× faiss IndexFlatIP (p50, one query)", value: overFaiss, minimum: 1.0, shown: Format.ratio(overFaiss)))
        lines.append(Format.table(["measure", "p50", "p99", "effective scan", "speed-up of ours"], [
            ["ours, in process \(memoryParams(inProcess, "count", "dimension", "limit", "parallelism"))", Format.ms(inProcess?.p50Ms),
             Format.ms(inProcess?.p99Ms), gbps(inProcess), Format.missing],
            ["numpy `matrix @ q` + argpartition \(memoryParams(numpy, "threads"))", Format.ms(numpy?.p50Ms), Format.ms(numpy?.p99Ms), gbps(numpy),
             Format.ratio(overNumpy)],
            ["faiss-cpu `IndexFlatIP` \(memoryParams(faiss, "threads"))", Format.ms(faiss?.p50Ms), Format.ms(faiss?.p99Ms), gbps(faiss), Format.ratio(overFaiss)],
            ["ours, `POST /embeddings/search` through the gateway, 1 connection", Format.ms(viaGateway?.p50Ms), Format.ms(viaGateway?.p99Ms),
             Format.missing, Format.missing],
        ]))
        lines.append("")
        lines.append("memcpy on this machine: \(inProcess?.parameters?["memcpyGBps"] ?? "?") GB/s on one core, "
            + "\(inProcess?.parameters?["memcpyThreadsGBps"] ?? "?") GB/s on \(inProcess?.parameters?["parallelism"] ?? "?") (bytes copied, counted once).")
        lines.append("")
        lines.append(Format.table(["KV `GET /api/v1/memory/kv/{key}` through the gateway", "rate", "p50", "p99", "errors"], [
            ["hot key (served by the in-process cache)", "\(Format.rate(hit?.rate)) req/s", Format.ms(hit?.p50Ms), Format.ms(hit?.p99Ms), Format.count(hit?.errors)],
            ["cache off (`MEMORY_HOT_CACHE_BYTES=0`, every read from Redis)", "\(Format.rate(miss?.rate)) req/s", Format.ms(miss?.p50Ms),
             Format.ms(miss?.p99Ms), Format.count(miss?.errors)],
        ]))
        return lines.joined(separator: "\n")
    }

    private func speedUp(_ peer: Double?, _ ours: Double?) -> Double? {
        guard let peer, let ours, ours > 0 else { return nil }
        return peer / ours
    }

    private func gbps(_ result: BenchResult?) -> String {
        result?.parameters?["scanGBps"].map { "\($0) GB/s" } ?? Format.missing
    }

    private func memoryParams(_ result: BenchResult?, _ names: String...) -> String {
        let shown = names.compactMap { name in result?.parameters?[name].map { "\(name) \($0)" } }
        return shown.isEmpty ? "" : "(\(shown.joined(separator: ", ")))"
    }
}
