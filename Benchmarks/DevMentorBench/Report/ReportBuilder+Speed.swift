import Foundation

/// Issue 8's speed targets, each a ratio of two numbers measured in this run: the gateway against nginx, Postgres'
/// work per request against pgbench on the same server, a list against `/me`.
extension ReportBuilder {
    /// The fleet's process groups: CPU per request summed over these leaves out the load generator and other sessions.
    static let fleetGroups = ["gateway", "auth", "projects", "learning", "memory", "ai-gateway", "redis", "postgres"]

    func speed(_ checks: inout [TargetCheck]) -> String {
        let direct = results["http.me.direct"], viaGateway = results["http.me.gateway"], viaNginx = results["http.me.nginx"]
        let directOne = results["http.me.direct.c1"], gatewayOne = results["http.me.gateway.c1"]
        let selectOnly = results["pgbench.S"], simpleUpdate = results["pgbench.N"]
        let meUnprepared = results["pgbench.me.extended"], mePrepared = results["pgbench.me.prepared"]
        let claims = results["projects.claims"], listOne = results["projects.list.c1"], listLoaded = results["projects.list.c64"]

        let gatewayCPU = viaGateway?.cpuMicrosPerOp?["gateway"], nginxCPU = viaNginx?.cpuMicrosPerOp?["nginx"]
        let cpuRatio = ratio(gatewayCPU, nginxCPU)
        let rateRatio = ratio(viaGateway?.rate, viaNginx?.rate)
        let addedOne = difference(gatewayOne?.p50Ms, directOne?.p50Ms)
        let addedLoaded = difference(viaGateway?.p99Ms, direct?.p99Ms)
        let postgresMe = direct?.cpuMicrosPerOp?["postgres"], postgresSelect = selectOnly?.cpuMicrosPerOp?["postgres"]
        let postgresRatio = ratio(postgresMe, postgresSelect)
        let claimRatio = ratio(claims?.rate, simpleUpdate?.rate)
        let listCPU = fleetCPU(listLoaded), meCPU = fleetCPU(viaGateway)
        let listRatio = ratio(listCPU, meCPU)

        let section = "speed (issue 8)"
        checks.append(.atMost(section, "gateway CPU per proxied `/me` ≤ 2.5 × nginx's", value: cpuRatio, maximum: 2.5,
                             shown: "\(Format.micros(gatewayCPU)) vs \(Format.micros(nginxCPU)) = \(Format.ratio(cpuRatio))"))
        checks.append(.atLeast(section, "(b) ≥ 0.85 × (c) req/s", value: rateRatio, minimum: 0.85,
                               shown: "\(Format.rate(viaGateway?.rate)) vs \(Format.rate(viaNginx?.rate)) = \(Format.ratio(rateRatio))"))
        checks.append(.below(section, "added latency p50 < 0.3 ms at 1 connection", value: addedOne, maximum: 0.3,
                             shown: "\(Format.ms(gatewayOne?.p50Ms)) − \(Format.ms(directOne?.p50Ms)) = \(Format.ms(addedOne))"))
        checks.append(.below(section, "(b) p99 − (a) p99 < 10 ms at 64 connections", value: addedLoaded, maximum: 10,
                             shown: Format.ms(addedLoaded)))
        checks.append(.atMost(section, "Postgres CPU per `/me` ≤ 2 × pgbench -S per transaction", value: postgresRatio, maximum: 2,
                             shown: "\(Format.micros(postgresMe)) vs \(Format.micros(postgresSelect)) = \(Format.ratio(postgresRatio))"))
        checks.append(.atLeast(section, "claim + release pairs/s ≥ 0.25 × pgbench -N tps", value: claimRatio, minimum: 0.25,
                               shown: "\(Format.rate(claims?.rate)) vs \(Format.rate(simpleUpdate?.rate)) = \(Format.ratio(claimRatio))"))
        checks.append(.below(section, "claim + release p99 < 100 ms", value: claims?.p99Ms, maximum: 100, shown: Format.ms(claims?.p99Ms)))
        checks.append(.below(section, "list p99 < 5 ms at 1 connection", value: listOne?.p99Ms, maximum: 5, shown: Format.ms(listOne?.p99Ms)))
        checks.append(.atMost(section, "CPU per list request ≤ 3 × per `/me`", value: listRatio, maximum: 3,
                             shown: "\(Format.micros(listCPU)) vs \(Format.micros(meCPU)) = \(Format.ratio(listRatio))"))

        var lines = ["## Speed (issue 8): each target as a ratio within this run", ""]
        lines.append(Format.table(["measure", "DevMentor", "peer", "ratio", "target"], [
            ["gateway CPU per proxied `/me` (JWT + rate limit)", Format.micros(gatewayCPU), "nginx \(Format.micros(nginxCPU))",
             Format.ratio(cpuRatio), "≤ 2.5×"],
            ["`/me` req/s at \(viaGateway?.parameters?["command"].flatMap(connections) ?? "64") connections",
             "(b) \(Format.rate(viaGateway?.rate))", "(c) nginx \(Format.rate(viaNginx?.rate))", Format.ratio(rateRatio), "≥ 0.85×"],
            ["`/me` p50 at 1 connection", "(b) \(Format.ms(gatewayOne?.p50Ms))", "(a) auth \(Format.ms(directOne?.p50Ms))",
             "+\(Format.ms(addedOne))", "< +0.3 ms"],
            ["`/me` p99 at 64 connections", "(b) \(Format.ms(viaGateway?.p99Ms))", "(a) auth \(Format.ms(direct?.p99Ms))",
             "+\(Format.ms(addedLoaded))", "< +10 ms"],
            ["Postgres CPU per `/me` (auth directly)", Format.micros(postgresMe), "per `pgbench -S` transaction \(Format.micros(postgresSelect))",
             Format.ratio(postgresRatio), "≤ 2×"],
            ["`/me`'s statement (access check + user row) replayed by pgbench: Postgres CPU per request, prepared vs not (before/after issue 8)",
             "prepared \(Format.micros(mePrepared?.cpuMicrosPerOp?["postgres"]))",
             "unprepared \(Format.micros(meUnprepared?.cpuMicrosPerOp?["postgres"]))",
             Format.ratio(ratio(mePrepared?.cpuMicrosPerOp?["postgres"], meUnprepared?.cpuMicrosPerOp?["postgres"])), Format.missing],
            ["claim + release pairs/s through the gateway", Format.rate(claims?.rate), "`pgbench -N` \(Format.rate(simpleUpdate?.rate)) tps",
             Format.ratio(claimRatio), "≥ 0.25×"],
            ["claim + release p99", Format.ms(claims?.p99Ms), Format.missing, Format.missing, "< 100 ms"],
            ["list `?limit=20` p99, 1 connection", Format.ms(listOne?.p99Ms), Format.missing, Format.missing, "< 5 ms"],
            ["fleet CPU per list request (64 connections)", Format.micros(listCPU), "per `/me` through the gateway \(Format.micros(meCPU))",
             Format.ratio(listRatio), "≤ 3×"],
        ]))
        lines.append("")
        lines.append("""
            pgbench runs on the bench's Postgres in a database of its own (\(selectOnly?.parameters?["command"] ?? "not run")), \
            with as many clients as wrk has connections, before the services start; its CPU per transaction is the \
            Postgres process group's (the postmaster and its backends), like the services' figures. *Fleet CPU* is the \
            sum over the services, Redis and Postgres — the load generator and other sessions left out.
            """)
        lines.append("")
        lines.append(cpuTable("run", [
            ("(a) `/me` at auth, 1 connection", directOne), ("(b) `/me` through the gateway, 1 connection", gatewayOne),
            ("pgbench -S", selectOnly), ("pgbench -N", simpleUpdate),
            ("pgbench, `/me`'s statements unprepared (-M extended)", meUnprepared), ("pgbench, `/me`'s statements prepared", mePrepared),
        ], groups: ["gateway", "auth", "redis", "postgres", "loadgen", "others"]))
        return lines.joined(separator: "\n")
    }

    private func fleetCPU(_ result: BenchResult?) -> Double? {
        guard let cpu = result?.cpuMicrosPerOp else { return nil }
        return Self.fleetGroups.compactMap { cpu[$0] }.reduce(0, +)
    }

    /// `64` from `wrk -t2 -c64 -d10s --latency`.
    private func connections(_ command: String) -> String? {
        command.split(separator: " ").first { $0.hasPrefix("-c") }.map { String($0.dropFirst(2)) }
    }
}
