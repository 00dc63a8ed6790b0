import Contracts
import Testing

/// Runs `body`, expecting it to throw an `AppError` with `code` (in process, or decoded from an HTTP answer by the
/// client); records an issue otherwise and returns the error for further checks.
@discardableResult
public func expectAppError(
    _ code: ErrorCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> AppError? {
    do {
        try await body()
        Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
    } catch let error as AppError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected AppError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
