import Foundation

/// Turns a `ResultSet` into `report.md`: each issue's numbers beside their peer, the targets met or not, and the
/// conditions of the run. It states what was measured; it never fails because of a number.
struct ReportBuilder {
    let results: ResultSet
    let perfText: String?

    var meta: [String: String] { results.meta }

    func markdown() -> String {
        var checks: [TargetCheck] = []
        var parts = [header()]
        parts.append(coordination(&checks))
        parts.append(gateway(&checks))
        parts.append(projects(&checks))
        parts.append(memory(&checks))
        parts.append(learning(&checks))
        parts.append(ai(&checks))
        parts.append(feed(&checks))
        parts.append(speed(&checks))
        parts.append(summary(checks))
        parts.append(allResults())
        return parts.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Conditions

    private func header() -> String {
        var lines = ["# DevMentor benchmark report", ""]
        lines.append("Run \(meta["started"] ?? Format.missing) → \(meta["finished"] ?? Format.missing) on `\(meta["host"] ?? "?")`: "
            + "\(meta["cpus"] ?? "?") CPUs (\(meta["cpu_model"] ?? "?")), \(meta["memory"] ?? "?"), \(meta["kernel"] ?? "?").")
        lines.append("")
        lines.append(Format.table(["condition", "value"], [
            ["load before (`uptime`)", meta["load_before"] ?? Format.missing],
            ["load after (`uptime`)", meta["load_after"] ?? Format.missing],
            ["other compilers running at the start", meta["other_builds"] ?? Format.missing],
            ["release build", "\(meta["build_seconds"].map { "\($0) s" } ?? Format.missing): `\(meta["build_command"] ?? "?")` (\(meta["build_status"] ?? "?"))"],
            ["toolchain", meta["swift_version"] ?? Format.missing],
            ["peers", [meta["redis_version"], meta["wrk_version"], meta["nginx_version"], meta["postgres_version"]].compactMap { $0 }.joined(separator: "; ")],
            ["services", meta["services"] ?? Format.missing],
        ]))
        lines.append("")
        lines.append("""
            All processes — the load generators (wrk, redis-benchmark, this bench), the services, nginx, Redis and \
            Postgres — share the same \(meta["cpus"] ?? "2") cores, and other sessions may be compiling at the same time \
            (see the load above and the *machine busy* column below). Nothing is pinned to a core: with two cores any \
            pinning would only choose which processes starve. Every number is one run, after a short warm-up; \
            treat differences of a few percent as noise.
            """)
        return lines.joined(separator: "\n")
    }

    // MARK: - Coordination (issue 3)

    private func coordination(_ checks: inout [TargetCheck]) -> String {
        let set = results["redis.set"], setP16 = results["redis.set.p16"], xadd = results["redis.xadd"]
        let lock = results["lock"], publish = results["publish.batch"], single = results["publish.single"]
        let latency = results["latency"]
        let lockLight = results["lock.c16"], lockHeavy = results["lock.c64"]
        let lockRatio = ratio(lock?.rate, set?.rate)
        let publishRatio = ratio(publish?.rate, xadd?.rate)
        let singleRatio = ratio(single?.rate, xadd?.rate)

        checks.append(.atLeast("coordination", "lock pairs/s ≥ 0.3 × redis-benchmark SET/s", value: lockRatio, minimum: 0.3,
                               shown: "\(Format.rate(lock?.rate)) vs \(Format.rate(set?.rate)) = \(Format.ratio(lockRatio))"))
        checks.append(.below("coordination", "lock pair p99 < 2 ms", value: lock?.p99Ms, maximum: 2, shown: Format.ms(lock?.p99Ms)))
        checks.append(.atLeast("coordination", "publish events/s ≥ 0.5 × redis-benchmark XADD/s", value: publishRatio, minimum: 0.5,
                               shown: "\(Format.rate(publish?.rate)) vs \(Format.rate(xadd?.rate)) = \(Format.ratio(publishRatio))"))
        checks.append(.below("coordination", "publish → handled p99 < 10 ms", value: latency?.p99Ms, maximum: 10,
                             shown: Format.ms(latency?.p99Ms)))

        var lines = ["## Coordination (issue 3): Redis primitives", ""]
        lines.append(Format.table(["measure", "DevMentor", "peer on the same Redis", "ratio", "target"], [
            ["lock acquire+release pairs/s \(params(lock, "concurrency", "poolSize"))", Format.rate(lock?.rate),
             "\(Format.rate(set?.rate)) SET/s (`redis-benchmark -t set -c 50`)", Format.ratio(lockRatio), "≥ 0.30×"],
            ["lock pair latency p50 / p99", "\(Format.ms(lock?.p50Ms)) / \(Format.ms(lock?.p99Ms))",
             "SET \(Format.ms(set?.p50Ms)) / \(Format.ms(set?.p99Ms))", Format.missing, "p99 < 2 ms"],
            ["lock pairs/s, p50 / p99 at lighter and heavier load",
             [lockLight, lockHeavy].compactMap { r in
                 r.map { "\(params($0, "concurrency")) \(Format.rate($0.rate)), \(Format.ms($0.p50Ms)) / \(Format.ms($0.p99Ms))" }
             }.joined(separator: "; "), Format.missing, Format.missing, Format.missing],
            ["(for scale) SET pipelined `-P 16`", Format.missing, "\(Format.rate(setP16?.rate)) SET/s, p50 \(Format.ms(setP16?.p50Ms))",
             Format.missing, Format.missing],
            ["publish events/s, batches of \(publish?.parameters?["batch"] ?? "?") \(params(publish, "concurrency"))", Format.rate(publish?.rate),
             "\(Format.rate(xadd?.rate)) XADD/s (`redis-benchmark -c 50`)", Format.ratio(publishRatio), "≥ 0.50×"],
            ["publish events/s, one per call \(params(single, "concurrency")) — like for like", Format.rate(single?.rate),
             "\(Format.rate(xadd?.rate)) XADD/s", Format.ratio(singleRatio), Format.missing],
            ["publish → handled p50 / p99 at \(latency?.parameters?["rate"] ?? "?") events/s",
             "\(Format.ms(latency?.p50Ms)) / \(Format.ms(latency?.p99Ms)) (max \(Format.ms(latency?.maxMs)))", Format.missing, Format.missing,
             "p99 < 10 ms"],
        ]))
        lines.append("")
        lines.append("""
            A lock pair is two round trips (EVALSHA acquire, EVALSHA release), each running a small Lua script, so \
            0.5× the SET rate is the ceiling of a perfect client; 0.3× leaves room for the client's own work. \
            The headline runs 50 tasks, as redis-benchmark runs 50 clients; in a closed loop latency grows with the \
            number of tasks in flight (Little's law), hence the rows at 16 and 64. \
            Each bench task locks a resource of its own (no contention). Publish latency is per pipelined call. \
            The publish → handled latency includes the XADD round trip, the blocked XREADGROUP's wake-up, decoding and \
            the consumer's duplicate check; the consumer runs with its default configuration (handlers one at a time, \
            each acknowledged before the next), in the same process as the publisher. \
            Lost/late events: \(latency?.errors.map(String.init) ?? Format.missing) of \(latency?.parameters?["published"] ?? "?").
            """)
        lines.append("")
        lines.append("CPU per operation (pair or event) while each ran; *loadgen* is the bench process, *others* everything else on the machine:")
        lines.append("")
        lines.append(cpuTable("measure", [
            ("lock pair", lock), ("publish, per event in batches", publish), ("publish, one per call", single),
            ("publish → handled, per event", latency),
        ], groups: ["redis", "loadgen", "others"]))
        return lines.joined(separator: "\n")
    }

    // MARK: - Gateway (issue 4)

    private func gateway(_ checks: inout [TargetCheck]) -> String {
        let direct = results["http.me.direct"], viaGateway = results["http.me.gateway"], viaNginx = results["http.me.nginx"]
        let jwksDirect = results["http.jwks.direct"], jwksGateway = results["http.jwks.gateway"]
        let rateRatio = ratio(viaGateway?.rate, viaNginx?.rate)
        let p99Added = difference(viaGateway?.p99Ms, direct?.p99Ms)

        checks.append(.atLeast("gateway", "gateway req/s ≥ 0.7 × nginx req/s", value: rateRatio, minimum: 0.7,
                               shown: "\(Format.rate(viaGateway?.rate)) vs \(Format.rate(viaNginx?.rate)) = \(Format.ratio(rateRatio))"))
        checks.append(.below("gateway", "gateway p99 − direct p99 < 2 ms", value: p99Added, maximum: 2,
                             shown: "\(Format.ms(viaGateway?.p99Ms)) − \(Format.ms(direct?.p99Ms)) = \(Format.ms(p99Added))"))

        var lines = ["## Gateway (issue 4): the proxy path", ""]
        lines.append("`\(viaGateway?.parameters?["command"] ?? "wrk -t2 -c64 -d10s --latency")`, each after a warm-up. "
            + "The route is auth's `GET /api/v1/auth/me` with a real access token (auth verifies the JWT, checks revocation "
            + "and reads the user in Postgres).")
        lines.append("")
        let runs: [(String, BenchResult?)] = [
            ("(a) auth directly", direct), ("(b) through the gateway (JWT + rate limit)", viaGateway),
            ("(c) through nginx (no auth)", viaNginx), ("JWKS from auth directly", jwksDirect),
            ("JWKS through the gateway (proxy only: public route, no JWT, no limit)", jwksGateway),
        ]
        lines.append(Format.table(["path", "req/s", "p50", "p99", "non-2xx / errors", "machine busy"], runs.map { name, result in
            [name, Format.rate(result?.rate), Format.ms(result?.p50Ms), Format.ms(result?.p99Ms),
             Format.count(result?.errors), result?.machineBusyPercent.map { String(format: "%.0f %%", $0) } ?? Format.missing]
        }))
        lines.append("")
        lines.append(Format.table(["ratio", "value", "target"], [
            ["(b) / (c) req/s", Format.ratio(rateRatio), "≥ 0.70×"],
            ["(b) / (a) req/s", Format.ratio(ratio(viaGateway?.rate, direct?.rate)), Format.missing],
            ["(b) p99 − (a) p99", Format.ms(p99Added), "< 2 ms"],
            ["(c) p99 − (a) p99", Format.ms(difference(viaNginx?.p99Ms, direct?.p99Ms)), Format.missing],
        ]))
        lines.append("")
        lines.append("### Where the time goes")
        lines.append("")
        lines.append("CPU time per request of each process group during each run (utime + stime from `/proc`, divided by the "
            + "requests wrk completed); *loadgen* is wrk itself, *others* everything else on the machine (other sessions' work).")
        lines.append("")
        lines.append(cpuTable("path", runs, groups: ["gateway", "auth", "nginx", "redis", "postgres", "loadgen", "others"]))
        lines.append("")
        let proxyOnly = jwksGateway?.cpuMicrosPerOp?["gateway"]
        let full = viaGateway?.cpuMicrosPerOp?["gateway"]
        let redisAdded = difference(viaGateway?.cpuMicrosPerOp?["redis"], direct?.cpuMicrosPerOp?["redis"])
        lines.append("""
            The gateway spends \(Format.micros(proxyOnly)) of CPU per proxied request on the public JWKS route (routing, \
            its connection to the upstream, copying the answer back) and \(Format.micros(full)) on `/me`, where it also \
            verifies the JWT and runs the GCRA rate limit in Redis: the difference, \(Format.micros(difference(full, proxyOnly))), \
            is the cost of authentication and limiting in the gateway process, and the limit adds \(Format.micros(redisAdded)) \
            of Redis CPU per request. Latency added by the gateway at p50: \(Format.ms(difference(jwksGateway?.p50Ms, jwksDirect?.p50Ms))) \
            on the public route, \(Format.ms(difference(viaGateway?.p50Ms, direct?.p50Ms))) on `/me`. At 64 connections every \
            process is CPU-bound on shared cores, so latencies mostly measure queueing: CPU per request is the steadier figure.
            """)
        if let perfText, !perfText.isEmpty {
            lines.append("")
            lines.append("`perf stat` and `perf record` of the gateway process during a separate run of (b) (not one of the runs above):")
            lines.append("")
            lines.append("```")
            lines.append(perfText.trimmingCharacters(in: .newlines))
            lines.append("```")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Projects (issue 5)

    private func projects(_ checks: inout [TargetCheck]) -> String {
        var lines = ["## Projects (issue 5): claims and lists through the gateway", ""]
        let claims = results["projects.claims"], listOne = results["projects.list.c1"], listLoaded = results["projects.list.c64"]
        guard claims != nil || listOne != nil || listLoaded != nil else {
            lines.append("Not measured: \(meta["projects_status"] ?? "the projects routes were not there").")
            checks.append(TargetCheck(section: "projects", target: "list p99 < 5 ms", measured: Format.missing, verdict: .notMeasured))
            return lines.joined(separator: "\n")
        }
        checks.append(.below("projects", "list p99 < 5 ms (1 connection)", value: listOne?.p99Ms, maximum: 5, shown: Format.ms(listOne?.p99Ms)))
        checks.append(.below("projects", "list p99 < 5 ms (64 connections)", value: listLoaded?.p99Ms, maximum: 5,
                             shown: Format.ms(listLoaded?.p99Ms)))
        lines.append(Format.table(["measure", "rate", "p50", "p99", "errors", "target"], [
            ["claim + release pairs through the gateway \(params(claims, "concurrency"))", "\(Format.rate(claims?.rate)) pairs/s",
             Format.ms(claims?.p50Ms), Format.ms(claims?.p99Ms), Format.count(claims?.errors), Format.missing],
            ["`GET /api/v1/projects?limit=20`, 1 connection", "\(Format.rate(listOne?.rate)) req/s", Format.ms(listOne?.p50Ms),
             Format.ms(listOne?.p99Ms), Format.count(listOne?.errors), "p99 < 5 ms"],
            ["`GET /api/v1/projects?limit=20`, 64 connections", "\(Format.rate(listLoaded?.rate)) req/s", Format.ms(listLoaded?.p50Ms),
             Format.ms(listLoaded?.p99Ms), Format.count(listLoaded?.errors), "p99 < 5 ms"],
        ]))
        lines.append("")
        lines.append("""
            The bench user owns \(meta["projects_seeded"] ?? "?") projects, inserted with plain SQL into the projects \
            schema before the run (no outbox rows, so the relay has nothing to publish while the list is measured). \
            Each claim task owns one project it created through the API, so every claim is granted: the pair is the cost \
            of the path (gateway, lock script in Redis, claim row and outbox event in Postgres), not of contention. \
            At 64 connections the list latency is mostly queueing on two shared cores; the 1-connection figure is the \
            service time, measured once the fleet has worked off the claims' events (waited: \
            \(meta["projects.list.c1_settle"] ?? "not recorded")).
            """)
        lines.append("")
        lines.append("CPU per operation (a claim + release pair, or a list request); *loadgen* is the bench process or wrk, *others* everything else on the machine:")
        lines.append("")
        lines.append(cpuTable("measure", [
            ("claim + release pair", claims), ("list, 1 connection", listOne), ("list, 64 connections", listLoaded),
        ], groups: ["gateway", "auth", "projects", "redis", "postgres", "loadgen", "others"]))
        if let note = claims?.note { lines.append("\nFirst claim error: `\(note)`") }
        return lines.joined(separator: "\n")
    }

    // MARK: - Learning (issue 10)

    private func learning(_ checks: inout [TargetCheck]) -> String {
        var lines = ["## Learning (issue 10): recommendations through the gateway, events absorbed", ""]
        let one = results["learning.recommendations.c1"], loaded = results["learning.recommendations.c64"]
        let events = results["learning.events"]
        guard one != nil || loaded != nil || events != nil else {
            lines.append("Not measured: \(meta["learning_status"] ?? "the learning service was not there").")
            checks.append(TargetCheck(section: "learning", target: "recommendations p99 < 10 ms", measured: Format.missing, verdict: .notMeasured))
            return lines.joined(separator: "\n")
        }
        checks.append(.below("learning", "recommendations p99 < 10 ms (1 connection)", value: one?.p99Ms, maximum: 10, shown: Format.ms(one?.p99Ms)))
        lines.append(Format.table(["measure", "rate", "p50", "p99", "errors"], [
            ["`GET /api/v1/learning/recommendations`, 1 connection", "\(Format.rate(one?.rate)) req/s", Format.ms(one?.p50Ms),
             Format.ms(one?.p99Ms), Format.count(one?.errors)],
            ["`GET /api/v1/learning/recommendations`, 64 connections", "\(Format.rate(loaded?.rate)) req/s", Format.ms(loaded?.p50Ms),
             Format.ms(loaded?.p99Ms), Format.count(loaded?.errors)],
            ["`ai.analysis_completed` absorbed by the listener \(params(events, "events", "batch"))", "\(Format.rate(events?.rate)) events/s",
             Format.missing, Format.missing, Format.count(events?.errors)],
        ]))
        lines.append("")
        lines.append("""
            Every recommendation request goes through the recommender agent's mailbox, one at a time (four Postgres \
            reads each), so at 64 connections the latency is queueing behind that one actor. The events figure is from \
            the first publish to the listener's `processed` count reaching the total: consumer group `learning`, four \
            handlers at once, each event one Postgres transaction (applied-event id, latest analysis, finding counts).
            """)
        if let note = events?.note { lines.append("\nEvents: `\(note)`") }
        return lines.joined(separator: "\n")
    }

    // MARK: - Summary and raw numbers

    private func summary(_ checks: [TargetCheck]) -> String {
        var lines = ["## Targets", ""]
        lines.append(Format.table(["section", "target", "measured", "verdict"], checks.map {
            [$0.section, $0.target, $0.measured, $0.verdict.rawValue]
        }))
        let missed = checks.filter { $0.verdict == .missed }.count
        let met = checks.filter { $0.verdict == .met }.count
        lines.append("")
        lines.append("\(met) met, \(missed) not met, \(checks.count - met - missed) not measured. A benchmark reports; it never fails the build.")
        return lines.joined(separator: "\n")
    }

    private func allResults() -> String {
        var lines = ["## Every result", ""]
        let ids = results.order
        lines.append(Format.table(["id", "what", "count", "seconds", "rate", "p50", "p90", "p99", "max", "errors"], ids.compactMap { id in
            guard let r = results[id] else { return nil }
            return [
                "`\(id)`", r.label ?? "", Format.count(r.count), r.seconds.map { String(format: "%.2f", $0) } ?? Format.missing,
                "\(Format.rate(r.rate)) \(r.unit ?? "")", Format.ms(r.p50Ms), Format.ms(r.p90Ms), Format.ms(r.p99Ms), Format.ms(r.maxMs),
                Format.count(r.errors),
            ]
        }))
        let notes = ids.compactMap { id in results[id]?.note.map { "- `\(id)`: \($0)" } }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += notes
        }
        if !results.unreadable.isEmpty {
            lines.append("")
            lines.append("Unreadable result lines (a bench step failed to produce JSON):")
            lines += results.unreadable.map { "- `\($0)`" }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Helpers

    /// Microseconds of CPU per operation by process group, with the machine's busy share beside them.
    func cpuTable(_ title: String, _ rows: [(String, BenchResult?)], groups: [String]) -> String {
        Format.table([title] + groups + ["machine busy"], rows.map { name, result in
            let cpu = result?.cpuMicrosPerOp ?? [:]
            return [name] + groups.map { Format.micros(cpu[$0]) } + [
                result?.machineBusyPercent.map { String(format: "%.0f %%", $0) } ?? Format.missing,
            ]
        })
    }

    func ratio(_ value: Double?, _ peer: Double?) -> Double? {
        guard let value, let peer, peer > 0 else { return nil }
        return value / peer
    }

    func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// `(concurrency 64, poolSize 4)` from a result's parameters.
    private func params(_ result: BenchResult?, _ names: String...) -> String {
        let shown = names.compactMap { name in result?.parameters?[name].map { "\(name) \($0)" } }
        return shown.isEmpty ? "" : "(\(shown.joined(separator: ", ")))"
    }
}
