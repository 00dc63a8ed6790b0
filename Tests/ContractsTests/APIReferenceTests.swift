import Contracts
import Foundation
import Testing

@Suite("docs/api.md")
struct APIReferenceTests {
    /// The reference in the repository is the one the route table generates.
    @Test func theCommittedReferenceIsCurrent() throws {
        let path = FileManager.default.currentDirectoryPath + "/docs/api.md"
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == APIReference.markdown(), "docs/api.md is stale: run `swift run devmentor api-reference > docs/api.md`")
    }

    @Test func everyRouteIsListed() {
        let text = APIReference.markdown()
        for route in RouteTable.all {
            #expect(text.contains("| \(route.method.rawValue) | `\(route.path)` |"), "\(route)")
        }
    }
}
