import Testing

@testable import CrisisPlan

@Suite("YAML layer on hostile bytes")
struct YAMLFuzzTests {
    static let seedPlan = Array(
        """
        person:
          id: sam
          name: "Sam Taylor"
        early_warning_signs:
          - {id: a, says: 'x', stage: early}
          - id: b
            also: [one, two]
        note: |
          block text
        """.utf8)

    /// Every result is a tree or an error whose position lies inside the input.
    static func checkTotal(_ bytes: [UInt8]) {
        switch parseYAML(bytes) {
        case .success:
            break
        case .failure(let diagnostic):
            #expect(diagnostic.location.line >= 1)
            #expect(diagnostic.location.column >= 1)
            #expect(diagnostic.location.line <= bytes.count + 1)
        }
    }

    @Test("5,000 random byte strings each give a tree or an error")
    func randomBytes() {
        var random = SplitMix64(seed: 20_261_125)
        let alphabet = Array("[]{}:,-?&*!|>'\"#%@` \n\t\r\\abc01".utf8) + [0x00, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...64, using: &random)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            Self.checkTotal(bytes)
        }
    }

    @Test("5,000 mutations of a real plan each give a tree or an error")
    func mutatedPlans() {
        var random = SplitMix64(seed: 42)
        let inserts = Array("[]{}:,-&*!|>'\"# \n\t".utf8) + [0x00, 0xFF, 0x80]
        for _ in 0..<5_000 {
            var bytes = Self.seedPlan
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = inserts.randomElement(using: &random)!
                case 1: bytes.insert(inserts.randomElement(using: &random)!, at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            Self.checkTotal(bytes)
        }
    }
}

@Suite("Observations and evaluation on hostile input")
struct ObservationFuzzTests {
    static let seed = Array(
        """
        {"person": "sam", "at": "2026-11-24T10:30:00Z", "observations": [
          {"at": "2026-11-23T21:00:00Z", "signs": ["not sleeping", "x"], "resolved": ["sleep-loss"]},
          {"at": "2026-11-24T09:00:00Z", "facts": {"abuse_or_neglect": "suspected", "harm_source": "mark"},
           "capacity": [{"decision": "admission", "status": "lacks", "assessed_at": "2026-11-24T08:30:00Z"}]}]}
        """.utf8)

    @Test("3,000 mutated observation files: an answer or located bad-input errors, never a crash")
    func mutatedObservations() throws {
        // Both calls throw only `DiagnosticList` (typed throws), so `error` below is one.
        let evaluator = try ShippedRules.evaluator("sam")
        var random = SplitMix64(seed: 7)
        let inserts = Array("[]{}:,\"0123456789TZ-+ \n".utf8) + [0x00, 0xFF]
        var answered = 0
        for _ in 0..<3_000 {
            var bytes = Self.seed
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                if Bool.random(using: &random) {
                    bytes[index] = inserts.randomElement(using: &random)!
                } else {
                    bytes.remove(at: index)
                }
            }
            do {
                let timeline = try ObservationDecoder.decode(SourceFile(path: "<stdin>", bytes: bytes))
                let now = timeline.now(override: nil, clock: ShippedRules.now)
                _ = try evaluator.evaluate(timeline.observations, now: now)
                answered += 1
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            }
        }
        #expect(answered > 0)
    }
}

@Suite("Rule files on hostile input")
struct RuleFileFuzzTests {
    /// Mutates `seed` and runs it through `body`, which must return rather than trap.
    static func mutations(of seed: String, count: Int, seed number: UInt64, _ body: (SourceFile) -> Void) {
        var random = SplitMix64(seed: number)
        let inserts = Array("[]{}:,-&*!|>'\"# \n\t\u{7F}".utf8) + Array("yes true 0 99999w 2026-02-30".utf8)
        let original = Array(seed.utf8)
        for _ in 0..<count {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = inserts.randomElement(using: &random)!
                case 1: bytes.insert(inserts.randomElement(using: &random)!, at: index)
                default: bytes.remove(at: index)
                }
            }
            body(SourceFile(path: "fuzz.yaml", bytes: bytes))
        }
    }

    @Test("2,000 mutated policies and 2,000 mutated plans decode and validate without trapping")
    func mutatedRuleFiles() throws {
        var decodedPolicies = 0
        Self.mutations(of: LibraryFixture.policy, count: 2_000, seed: 11) { source in
            guard let root = try? YAMLParser.parse(source) else { return }
            let fragment = PolicyFileDecoder(decoder: FileDecoder(file: source.path)).decode(root)
            var merger = PolicyMerger()
            var validator = PolicyValidator(policy: merger.merge([fragment], firstFile: source.path))
            validator.validate()
            decodedPolicies += 1
        }
        let policy = try #require(
            try? YAMLParser.parse(SourceFile(path: "p.yaml", bytes: Array(LibraryFixture.policy.utf8))))
        var merger = PolicyMerger()
        let base = merger.merge(
            [PolicyFileDecoder(decoder: FileDecoder(file: "p.yaml")).decode(policy)], firstFile: "p.yaml")
        var checkedPlans = 0
        Self.mutations(of: LibraryFixture.plan, count: 2_000, seed: 12) { source in
            guard let root = try? YAMLParser.parse(source),
                let plan = PlanFileDecoder(decoder: FileDecoder(file: source.path)).decode(root)
            else { return }
            var validator = PlanValidator(plan: plan, policy: base)
            validator.validate(fileStem: "sam", today: nil, language: LanguageCheck(rules: base.language))
            _ = try? Evaluator(policy: base, plan: plan).evaluate([], now: ShippedRules.now)
            checkedPlans += 1
        }
        #expect(decodedPolicies > 100 && checkedPlans > 100)
    }
}
