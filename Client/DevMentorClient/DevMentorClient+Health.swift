import Contracts

extension DevMentorClient {
    /// `GET /health` of the gateway: the fleet's `HealthReport`.
    ///
    /// The gateway answers 503 when a service is down, yet that answer is still the report saying which one, so it
    /// is returned like a 200. Only an error body (a 503 from a breaker, say) or another status throws.
    public func health() async throws -> HealthReport {
        let response = try await transport.exchange(.GET, "/health")
        if response.status == 503, let report = try? transport.decode(HealthReport.self, from: response) {
            return report
        }
        return try transport.decode(HealthReport.self, from: transport.checked(response))
    }
}
