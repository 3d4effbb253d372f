import Testing

@testable import CrisisPlan

/// Places where a faster path once answered differently from the plain rule (found by an
/// independent review of the speed work): each is pinned to the plain rule.
@Suite("faster paths answer as the plain rule does")
struct SpeedEquivalenceTests {
    static let here = SourceLocation(file: "<test>", line: 1)

    @Test("a word begins another by whole characters: 'बेचैन' is not a beginning of 'बेचैनी'")
    func prefixByCharacters() {
        let sign = EarlyWarningSign(
            id: "restless", says: "बेचैनी महसूस होना", also: [], stage: "early", stageSource: Self.here,
            source: Self.here)
        let other = EarlyWarningSign(
            id: "tired", says: "थकान", also: [], stage: "early", stageSource: Self.here, source: Self.here)
        let suggester = SignSuggester(signs: [sign, other], matcher: SignMatcher(signs: [sign, other]))
        #expect(suggester.suggest("बेचैन").isEmpty)
        #expect(suggester.suggest("बेचैनी") == [0])
    }

    @Test("a capacity condition compares normal forms: ẞ normalises to ß, which is not its own normal form")
    func capacityByNormalForm() {
        let condition = TextNormalizer.normalize("ZWANGSMAẞNAHME")
        let assessed = { (decision: String) in
            CapacityAssessment(
                decision: decision, status: .lacks, assessedAt: Timestamp(seconds: 0), source: Self.here)
        }
        #expect(condition == "zwangsmaßnahme")
        #expect(!ConditionEvaluator.names(assessed("zwangsmaßnahme"), condition))
        #expect(ConditionEvaluator.names(assessed("ZWANGSMAẞNAHME"), condition))
        #expect(ConditionEvaluator.names(assessed("anything"), nil))
    }

    @Test("the unknown-sign message quotes the bytes typed, whatever form of the text came first")
    func messageQuotesTheBytesTyped() throws {
        let evaluator = try ShippedRules.evaluator("sam")
        let composed = "m\u{FC}de"
        let decomposed = "mu\u{308}de"
        func message(_ text: String) throws -> String {
            let answer = try evaluator.evaluate([try ShippedRules.observation(signs: [text])], now: ShippedRules.now)
            return try #require(answer.warnings.first { $0.code == .unknownSign }?.message)
        }
        #expect(Array(try message(composed).utf8).starts(with: Array(("'" + composed).utf8)))
        #expect(Array(try message(decomposed).utf8).starts(with: Array(("'" + decomposed).utf8)))
        #expect(Array(try message(composed).utf8).starts(with: Array(("'" + composed).utf8)))
    }
}
