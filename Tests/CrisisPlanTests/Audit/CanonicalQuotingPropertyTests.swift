import Foundation
import PropertyBased
import Testing

@testable import CrisisPlanServer

/// Every text in an audit record is quoted as RFC 8785 says (§3.2.2.2): `\"` and `\\`, the
/// short escapes `\b \t \n \f \r`, `\u00xx` in lowercase for the other control characters,
/// everything else as it is. The chain hashes these bytes, so they are checked against that
/// rule written plainly, and read back by a standard parser as the same text.
@Suite("Audit texts are quoted as canonical JSON quotes them")
struct CanonicalQuotingPropertyTests {
    static let pieces = [
        "a", "Alex O'Neill", " ", "é", "e\u{301}", "漢", "\u{1F600}", "\"", "\\", "/", "\u{8}", "\t", "\n", "\u{C}",
        "\r", "\u{0}", "\u{1F}", "\u{7F}", "",
    ]

    static func plain(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0..<0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test("for any text, the quoted bytes follow the rule and parse back to the text")
    func quotesCanonically() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...12)) { choices in
            var c = ChoiceStream(choices)
            let text = choices.indices.map { _ in Self.pieces[c.next(Self.pieces.count)] }.joined()
            let quoted = CanonicalJSON.string(text).text
            #expect(quoted == Self.plain(text), "\(Array(text.unicodeScalars))")
            let parsed = try? JSONSerialization.jsonObject(with: Data(quoted.utf8), options: [.fragmentsAllowed])
            #expect(parsed as? String == text)
        }
    }
}
