import Foundation
import Testing

@testable import Contracts

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
        #expect(UUID(randomHigh: .max, low: .max).lowercasedString == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(UUID(randomHigh: 0, low: 0).lowercasedString == "00000000-0000-4000-8000-000000000000")
        #expect(UUID(randomHigh: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210).lowercasedString == "01234567-89ab-4def-bedc-ba9876543210")
    }

    @Test func randomWordsComeFromTheKernelSeveralAtATime() {
        var seen = Set<UInt64>()
        for _ in 0..<1_000 {
            RandomWords.next(3) { words in
                #expect(words.count == 3)
                seen.formUnion(words)
            }
        }
        // 3 000 draws of 64 bits: a repeat would mean the words are not random (or not refilled).
        #expect(seen.count == 3_000)
    }
}
