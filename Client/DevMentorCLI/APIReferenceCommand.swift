import ArgumentParser
import Contracts

/// `devmentor api-reference`: prints docs/api.md, generated from the route table.
struct APIReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-reference", abstract: "Print the API reference (docs/api.md) generated from the route table."
    )

    func run() throws {
        print(APIReference.markdown(), terminator: "")
    }
}
