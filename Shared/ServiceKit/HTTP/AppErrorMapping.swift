import Contracts
import HTTPTypes
import Hummingbird

/// Maps any error to the AppError a client sees.
public enum AppErrorMapping {
    public static func appError(for error: any Error, request: Request) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as DecodingError:
            return DecodingErrorMapping.appError(for: error)
        case let error as HTTPError:
            return appError(for: error, request: request)
        case let error as any HTTPResponseError:
            return appError(forStatus: error.status, request: request)
        default:
            return .internal
        }
    }

    static func appError(for error: HTTPError, request: Request) -> AppError {
        let mapped = appError(forStatus: error.status, request: request)
        if mapped.code == .validationFailed, let body = error.body, !body.isEmpty {
            return AppError.validation("body", body)
        }
        return mapped
    }

    static func appError(forStatus status: HTTPResponse.Status, request: Request) -> AppError {
        switch status.code {
        case 404: return AppError(.notFound, "No route for \(request.method) \(request.uri.path).")
        case 405: return AppError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path).")
        case 413: return AppError(.payloadTooLarge, "The request body is larger than \(HTTPLimits.maxBodyBytes) bytes.")
        case 415: return AppError(.unsupportedMediaType, "The request body must be JSON.")
        case 400: return AppError.validation("body", "The request could not be read.")
        case 401: return .unauthorized
        case 403: return .forbidden
        case 408: return AppError(.requestTimeout, "The request body did not arrive in time.")
        case 503: return AppError(.serviceUnavailable, "The service is not available right now.")
        default: return .internal
        }
    }
}
