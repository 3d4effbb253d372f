import CrisisPlan
import Foundation
import Testing

@testable import CrisisPlanServer

/// What a reload after a policy edit keeps and what it builds anew: the plans whose files did
/// not change keep their reading and their policy-free preparation (shared with the library
/// being served, so memory does not double), and every one of them is checked and evaluated
/// under the new policy.
@Suite("a reload after a policy edit")
struct LibraryBuilderTests {
    static let night = Timestamp(parsing: "2026-11-24T10:30:00Z")!

    @Test("unchanged plans keep their preparation, edited ones are prepared again, and all answer under the new policy")
    func keepsWhatThePlanAloneDecides() throws {
        let folder = TemporaryFolder.make("library-builder")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        let rules = RulesDirectory(folder + "/Rules")
        let before = try LibraryBuilder.build(rules, previous: nil, now: Self.night)

        let stages = folder + "/Rules/policy/00-stages.yaml"
        let text = try String(contentsOfFile: stages, encoding: .utf8)
        try text.replacingOccurrences(of: "label: Early warning signs", with: "label: Early signs, as agreed")
            .write(toFile: stages, atomically: true, encoding: .utf8)
        let alex = folder + "/Rules/people/alex.yaml"
        try (try String(contentsOfFile: alex, encoding: .utf8) + "\n# reviewed with Alex\n")
            .write(toFile: alex, atomically: true, encoding: .utf8)
        let after = try LibraryBuilder.build(rules, previous: before, now: Self.night)

        #expect(after.policyVersion != before.policyVersion)
        #expect(after.people.count == before.people.count)
        for person in after.people {
            let old = try #require(before.people.first { $0.id == person.id })
            let kept = person.evaluator.context.prepared === old.evaluator.context.prepared
            #expect(kept == (person.id != "alex"), "\(person.id)")
            #expect(person.evaluator.context.policy !== old.evaluator.context.policy, "\(person.id)")
        }
        let sam = try #require(after.people.first { $0.id == "sam" })
        let source = SourceLocation(file: "<test>", line: 1)
        let early = Observation(at: Self.night, signs: [SourcedText(text: "not sleeping", source: source)], source: source)
        let answer = try sam.evaluator.evaluate([early], now: Self.night)
        #expect(answer.stage.label == "Early signs, as agreed")
        #expect(!answer.doNotContact.isEmpty && !answer.contacts.contains { contact in
            answer.doNotContact.contains { $0.id == contact.id }
        })
    }
}
