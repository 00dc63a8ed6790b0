import Contracts
import Foundation

/// What the commands print: pretty JSON on stdout, one `error: CODE: message` line on stderr.
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func fail(_ error: AppError) -> Never {
        FileHandle.standardError.write(Data("error: \(error.code.rawValue): \(error.message)\n".utf8))
        exit(1)
    }
}
