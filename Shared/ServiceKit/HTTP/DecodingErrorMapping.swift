import Contracts

/// Names the offending field of a JSON decoding failure the way clients read it: `answers[2].choice`.
enum DecodingErrorMapping {
    static func appError(for error: DecodingError) -> AppError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return AppError.validation(field, "\(field) is required.")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return AppError.validation(field, "\(field) must not be null.")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return AppError.validation(field, "\(field) has the wrong type (expected \(describe(type))).")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return AppError.validation("body", "The body is not valid JSON.")
            }
            let field = path(context.codingPath)
            return AppError.validation(field, "\(field) has an invalid value.")
        @unknown default:
            return AppError.validation("body", "The body could not be decoded.")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "body" : result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type, is Float.Type, is Int64.Type: "a number"
        default: "\(type)".contains("Array") ? "an array" : "an object or value of type \(type)"
        }
    }
}
