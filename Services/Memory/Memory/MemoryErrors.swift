import Contracts

/// The memory service's own refusals, spelled once.
enum MemoryErrors {
    static func dimensionMismatch(expected: Int, got: Int) -> AppError {
        AppError(
            .dimensionMismatch, "The vector has \(got) dimensions; this user's vectors have \(expected).",
            details: ["field": .string("vector"), "expected": .number(Double(expected)), "actual": .number(Double(got))]
        )
    }

    static func vectorLimitReached(_ limit: Int) -> AppError {
        AppError(
            .vectorLimitReached, "This user already stores the maximum of \(limit) embeddings; replace one or flush.",
            details: ["limit": .number(Double(limit))]
        )
    }

    static func valueTooLarge(_ bytes: Int) -> AppError {
        AppError(
            .validationFailed, "data must be at most \(MemoryRules.maxValueBytes) bytes of JSON (got \(bytes)).",
            details: ["field": .string("data")]
        )
    }

    static func metadataTooLarge(_ bytes: Int) -> AppError {
        AppError(
            .validationFailed, "metadata must be at most \(MemoryRules.maxMetadataBytes) bytes of JSON (got \(bytes)).",
            details: ["field": .string("metadata")]
        )
    }

    static let metadataNUL = AppError(
        .validationFailed, "metadata must not contain NUL characters.", details: ["field": .string("metadata")]
    )
}

extension MemoryErrors {
    static let keyNotFound = AppError(.notFound, "No value is stored under this key: it expired, was deleted, or never existed.")
}
