import Foundation

/// The stable ids of what the AI gateway's analyzers look for. A `Finding` names the rule it comes from, and
/// `ai.analysis_completed` counts findings by these ids; the learning curriculum names the ids each module teaches,
/// so a finding leads to the module that explains it. The raw values are written in events and resource files:
/// never rename one, add new ones instead.
public enum RuleID: String, Codable, Sendable, CaseIterable, Comparable {
    case sqlInjection = "security.sql-injection"
    case hardcodedSecret = "security.hardcoded-secret"
    case eval = "security.eval"
    case shellInjection = "security.shell-injection"
    case weakHash = "security.weak-hash"
    case tlsVerificationDisabled = "security.tls-verification-disabled"
    case unsafeDeserialization = "security.unsafe-deserialization"
    case cyclomaticComplexity = "complexity.cyclomatic"
    case deepNesting = "complexity.nesting"
    case longFunction = "architecture.long-function"
    case godFile = "architecture.god-file"
    case tooManyParameters = "architecture.too-many-parameters"
    case ioInLoop = "architecture.io-in-loop"
    case dualWrite = "architecture.dual-write"
    case mixedReadWriteModel = "architecture.mixed-read-write-model"
    case missingTimeout = "resilience.missing-timeout"
    case unboundedRetry = "resilience.unbounded-retry"
    case sharedMutableState = "concurrency.shared-mutable-state"
    case blockingCallInAsync = "concurrency.blocking-call-in-async"
    case undocumentedPublic = "docs.undocumented-public"
    case todoDensity = "docs.todo-density"
    case duplicatedBlock = "duplication.block"
    case missingTests = "tests.missing"

    /// The part before the dot: `security`, `complexity`, `architecture`, `concurrency`, `resilience`, `docs`, `duplication`, `tests`.
    public var category: String {
        String(rawValue.prefix { $0 != "." })
    }

    /// A short human name, for sentences such as "3 SQL injection findings in your last analysis".
    public var displayName: String {
        switch self {
        case .sqlInjection: "SQL injection"
        case .hardcodedSecret: "hard-coded secret"
        case .eval: "dynamic code evaluation"
        case .shellInjection: "shell injection"
        case .weakHash: "weak hash"
        case .tlsVerificationDisabled: "disabled TLS verification"
        case .unsafeDeserialization: "unsafe deserialization"
        case .cyclomaticComplexity: "high cyclomatic complexity"
        case .deepNesting: "deep nesting"
        case .longFunction: "long function"
        case .godFile: "oversized file"
        case .tooManyParameters: "too many parameters"
        case .ioInLoop: "I/O inside a loop"
        case .dualWrite: "dual write to a database and a broker"
        case .mixedReadWriteModel: "mixed read and write model"
        case .missingTimeout: "call without a timeout"
        case .unboundedRetry: "retry without backoff or limit"
        case .sharedMutableState: "shared mutable state"
        case .blockingCallInAsync: "blocking call in async code"
        case .undocumentedPublic: "undocumented public API"
        case .todoDensity: "TODO density"
        case .duplicatedBlock: "duplicated block"
        case .missingTests: "missing tests"
        }
    }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
