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
