import Contracts

/// What to do about each rule's findings: the templates the local provider's suggestions and answers are made of.
enum RuleAdvice {
    static func advice(_ rule: RuleID?) -> String {
        guard let rule else { return "Look at it with the surrounding code in mind." }
        return switch rule {
        case .sqlInjection: "Pass values as bound parameters of a prepared statement; never build SQL from strings."
        case .hardcodedSecret: "Move the secret to the environment or a secret store and rotate the exposed one."
        case .eval: "Replace dynamic evaluation with explicit parsing or a dispatch table."
        case .shellInjection: "Run the program directly with an argument list instead of through a shell."
        case .weakHash: "Use a password hash (bcrypt, scrypt, Argon2) or SHA-256 for integrity."
        case .tlsVerificationDisabled: "Keep certificate verification on; trust a private CA explicitly if you need one."
        case .unsafeDeserialization: "Deserialize with a safe loader or a schema-checked format such as JSON."
        case .cyclomaticComplexity: "Split the function along its decisions; early returns and small helpers cut the paths."
        case .deepNesting: "Flatten it with guard clauses and by extracting the inner blocks."
        case .longFunction: "Extract the steps into named functions, each doing one thing."
        case .godFile: "Split the file by responsibility, one type or concern per file."
        case .tooManyParameters: "Group related parameters into a type, or split the function."
        case .ioInLoop: "Batch the I/O outside the loop (one query or request for all items)."
        case .dualWrite: "Write the event to an outbox in the same transaction and relay it."
        case .mixedReadWriteModel: "Separate the read model from the write model."
        case .missingTimeout: "Give the call a timeout so a slow dependency cannot hold the caller."
        case .unboundedRetry: "Retry a bounded number of times with exponential backoff and jitter."
        case .sharedMutableState: "Move the state behind an actor or a lock, or make it immutable."
        case .blockingCallInAsync: "Use the asynchronous API, or move the blocking call off the cooperative pool."
        case .undocumentedPublic: "Add a doc comment saying what it does, its parameters and what it returns or throws."
        case .todoDensity: "Turn the TODOs into tracked issues or resolve them."
        case .duplicatedBlock: "Extract the repeated block into one function used by both places."
        case .missingTests: "Add the proposed tests, starting with the edge cases."
        }
    }

    static func title(_ finding: Finding) -> String {
        guard let rule = finding.ruleId else { return finding.severity.rawValue.capitalized + " " + finding.type.rawValue }
        return rule.displayName.prefix(1).uppercased() + rule.displayName.dropFirst()
    }

    static func priority(_ severity: Severity) -> Priority {
        switch severity {
        case .critical, .high: .high
        case .medium: .medium
        case .low, .info: .low
        }
    }
}
