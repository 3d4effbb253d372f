import PropertyBased
import Testing

@testable import CrisisPlan

/// An `unknown-sign` warning offers the signs it may have meant in the person's words, read
/// from the plan when shown: what is shown must be the plan's signs, in the order of the
/// warning's suggestions, however the positions were kept.
@Suite("The signs an unrecognised text is offered")
struct SuggestedSignsTests {
    @Test("a near miss offers the plan's sign in the person's words, with its id and stage, in the suggestions' order")
    func offersThePlansWords() throws {
        // Twice: worked out the first time, remembered the second (`SuggestionMemo`).
        for _ in 0..<2 {
            let answer = try ShippedRules.respond("sam", signs: ["not sleping"])
            let warning = try #require(answer.warnings.first { $0.code == .unknownSign })
            #expect(warning.suggestions == ["sleep-loss"])
            #expect(warning.suggestedSigns.map(\.id) == warning.suggestions)
            #expect(
                Array(warning.suggestedSigns)
                    == [SuggestedSign(id: "sleep-loss", says: "I stop sleeping more than four hours", stageLabel: "Early warning signs")])
            let top = AnswerText(color: false).render(answer).components(separatedBy: "What Sam")[0]
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(
                top.contains(
                    #"did you mean "I stop sleeping more than four hours" (sleep-loss, Early warning signs)? The stage counts recognised signs only."#
                ))
        }
    }

    @Test("a word shared with a sign counts with the punctuation around it set aside", arguments: [
        ("(night)", ["voices", "shout"]), ("pace, really", ["pacing"]), ("\"night\" walking", ["voices", "shout"]),
        ("says 'pace' is hard", ["pacing"]), ("‘voices’", ["voices"]), ("the voices' volume is up", ["voices"]),
    ])
    func punctuationAside(typed: String, expected: [String]) throws {
        let here = SourceLocation(file: "p.yaml", line: 1)
        let signs = [("voices", "hearing voices at night"), ("shout", "shouting at night"), ("pacing", "I pace")].map {
            EarlyWarningSign(id: $0.0, says: $0.1, also: [], stage: "early", stageSource: here, source: here)
        }
        let suggested = SignSuggester(signs: signs, matcher: SignMatcher(signs: signs)).suggest(typed).map { signs[$0].id }
        #expect(suggested == expected, "\(typed)")
    }

    @Test("a text far from every sign is offered none")
    func offersNoneForAFarText() throws {
        let answer = try ShippedRules.respond("sam", signs: ["xyzzy plugh"])
        let warning = try #require(answer.warnings.first { $0.code == .unknownSign })
        #expect(warning.suggestions.isEmpty && warning.suggestedSigns.isEmpty)
    }

    @Test("positions kept packed or listed give the same signs, equal and hashed alike")
    func packedEqualsListed() async {
        let all = (0..<12).map { SuggestedSign(id: "s\($0)", says: "words \($0)", stageLabel: "Stage \($0 % 3)") }
        await propertyCheck(count: 1_000, input: Gen.int(in: 0...11).array(of: 0...8)) { positions in
            let packed = positions.count > 8 ? nil : SuggestionMemo.Entry(serial: 1, positions: positions)
                .map { SuggestedSigns(all, at: $0) }
            let listed = SuggestedSigns(positions.map { all[$0] })
            #expect(packed.map(Array.init) == positions.map { all[$0] })
            #expect(packed == listed)
            #expect(packed?.hashValue == listed.hashValue)
            #expect(packed?.count == positions.count)
        }
    }

    @Test("different signs, or the same in another order, are not equal")
    func differentAreNotEqual() {
        let a = SuggestedSign(id: "a", says: "one", stageLabel: "Early")
        let b = SuggestedSign(id: "b", says: "two", stageLabel: "Early")
        #expect(SuggestedSigns([a, b]) != SuggestedSigns([b, a]))
        #expect(SuggestedSigns([a]) != SuggestedSigns([a, b]))
        #expect(SuggestedSigns([a]) != SuggestedSigns())
    }
}
