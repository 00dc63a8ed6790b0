import Hummingbird
@testable import ServiceKit
import Testing

/// `Request.bearerToken` on the header values clients really send, and on the ones that are not bearer tokens.
@Suite("Bearer token header")
struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer abc.def.ghi", "abc.def.ghi"),
        ("bearer abc", "abc"),
        ("BEARER abc", "abc"),
        ("Bearer    abc  ", "abc"),
        ("  Bearer abc\t", "abc"),
        ("Bearer a b", "a b"),
    ])
    func tokensAreTakenFromTheBearerScheme(header: String, token: String) {
        #expect(Request.bearerToken(in: header) == token)
    }

    @Test(arguments: ["", "Bearer", "Bearer ", "Bearer  \t ", "Basic abc", "Bearerabc", "Bearer\tabc", "Bearerx abc", "Beare abc", "Bëarer abc"])
    func otherValuesAreNoToken(header: String) {
        #expect(Request.bearerToken(in: header) == nil)
    }
}
