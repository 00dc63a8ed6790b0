import CodeAnalysis
import Contracts

/// The language code is analyzed as: the request's tag when it names one the analyzers know, else detected from
/// the code. Either failing is the client's to fix, so it is a 400 naming `field`.
enum LanguageResolution {
    static var known: String { SourceLanguage.allCases.map(\.rawValue).joined(separator: ", ") }

    static func resolve(_ tag: String?, code: String, field: String) throws(AppError) -> SourceLanguage {
        if let tag {
            guard let language = SourceLanguage(tag: tag) else {
                throw AppError.validation(field, "\(field) '\(tag)' is not a language the analyzers know (\(known)).")
            }
            return language
        }
        guard let language = SourceLanguage.detect(code) else {
            throw AppError.validation(field, "The language of the code could not be detected; name it in \(field) (\(known)).")
        }
        return language
    }
}
