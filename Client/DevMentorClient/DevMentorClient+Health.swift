import Contracts

extension DevMentorClient {
    /// `GET /health` — the gateway's report (`{"status", "services": {…}}`) or a single service's.
    ///
    /// The gateway answers 503 when a service is down, yet that answer is still the report saying which one,
    /// so it is returned like a 200. Only an error body (a 503 from a breaker, say) or another status throws.
    public func health() async throws -> JSONValue {
        let response = try await transport.exchange(.GET, "/health")
        if response.status == 503, let report = try? transport.decode(JSONValue.self, from: response),
            case .object(let fields) = report, fields["status"] != nil, fields["error"] == nil
        {
            return report
        }
        return try transport.decode(JSONValue.self, from: transport.checked(response))
    }
}
