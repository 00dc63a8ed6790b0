import Foundation

/// Every line of `results.jsonl`, by id. A later line with the same id replaces an earlier one; meta lines
/// (`meta.<key>`) are kept as plain strings.
struct ResultSet {
    private(set) var results: [String: BenchResult] = [:]
    private(set) var order: [String] = []
    private(set) var meta: [String: String] = [:]
    private(set) var unreadable: [String] = []

    init(jsonLines text: String) {
        let decoder = JSONDecoder()
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let result = try? decoder.decode(BenchResult.self, from: Data(line.utf8)) else {
                unreadable.append(String(line.prefix(200)))
                continue
            }
            if result.id.hasPrefix("meta.") {
                meta[String(result.id.dropFirst(5))] = result.value ?? ""
                continue
            }
            if results[result.id] == nil { order.append(result.id) }
            results[result.id] = result
        }
    }

    subscript(id: String) -> BenchResult? { results[id] }

    /// Results whose id starts with `prefix`, in the order they were measured.
    func all(prefix: String) -> [BenchResult] {
        order.filter { $0.hasPrefix(prefix) }.compactMap { results[$0] }
    }
}
