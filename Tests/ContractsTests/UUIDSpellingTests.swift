import Foundation
import Testing
import Contracts

@Suite("UUIDs: the fleet's spelling and its new ids")
struct UUIDSpellingTests {
    @Test func lowerCaseSpellingIsFoundationsLowerCased() {
        let fixed = [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
            UUID(uuidString: "0A1B2C3D-4E5F-6A7B-8C9D-AEBFC0D1E2F3")!,
        ]
        for id in fixed + (0..<2_000).map({ _ in UUID() }) {
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercasedString) == id)
        }
    }

    @Test func randomIdsAreVersion4WithTheRFCVariantAndDistinct() {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let id = UUID.random()
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4)
            #expect(bytes[8] >> 6 == 0b10)
            // The spelling says so too: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx.
            let text = Array(id.lowercasedString.utf8)
            #expect(text[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(text[19]))
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test func randomIdsKeepTheVersionAndVariantBitsWhateverTheGeneratorGives() {
        struct AllOnes: RandomNumberGenerator {
            mutating func next() -> UInt64 { .max }
        }
        var generator = AllOnes()
        #expect(UUID.random(using: &generator).lowercasedString == "ffffffff-ffff-4fff-bfff-ffffffffffff")
    }
}
