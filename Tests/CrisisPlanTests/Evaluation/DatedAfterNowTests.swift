import Foundation
import Testing

@testable import CrisisPlan

/// Capacity is presumed: an assessment dated after the evaluation time has not happened yet (or
/// its date is mistyped), so it never counts — it is ignored with `future-observation`. A
/// refusal dated after today is shown as written (a typing slip never makes it less binding),
/// and `check` reports the date.
@Suite("Assessments and refusals dated after now")
struct DatedAfterNowTests {
    static func answer(assessedAt: String) throws -> Answer {
        let body = """
            person: sam
            observations:
              - at: 2026-11-24T09:00:00Z
                capacity: [{decision: admission, status: lacks, assessed_at: \(assessedAt)}]
            """
        let timeline = try ObservationDecoder.decode(SourceFile(path: "<stdin>", bytes: Array(body.utf8)))
        return try ShippedRules.evaluator("sam").evaluate(timeline.observations, now: ShippedRules.now)
    }

    @Test("an assessment dated tomorrow overrides nothing, and the answer says it was ignored")
    func tomorrow() throws {
        let answer = try Self.answer(assessedAt: "2026-11-25T09:00:00Z")
        #expect(!answer.flags.contains { $0.id.hasPrefix("mca-") }, "\(answer.flags.map(\.id))")
        let warning = try #require(answer.warnings.first { $0.code == .futureObservation })
        #expect(
            warning.message
                == "the capacity assessment of 'admission' is dated 2026-11-25T09:00:00Z, after the evaluation time 2026-11-24T10:30:00Z, and is ignored")
        #expect(warning.source == "<stdin>:4")
    }

    @Test("an assessment dated before now still counts")
    func earlier() throws {
        let answer = try Self.answer(assessedAt: "2026-11-24T08:30:00Z")
        #expect(answer.flags.contains { $0.id == "mca-best-interests" }, "\(answer.flags.map(\.id))")
        #expect(!answer.warnings.contains { $0.code == .futureObservation })
    }

    @Test("a refusal dated after today is a check warning; the answer still shows it as the plan writes it")
    func refusalDatedAfterToday() throws {
        let library = try TemporaryLibrary.shipped(changing: ["people/sam.yaml": [("      made: 2025-06-01\n", "      made: 2027-06-01\n")]])
        defer { library.remove() }
        let checked = try CommandRunner.run(["check", "--rules", "Rules", "--at", "2026-11-24T10:30:00Z"], in: library.root)
        #expect(checked.stdout.contains("warning: the refusal of haloperidol is dated 2027-06-01, after today; check the date with Sam Taylor's record"), "\(checked.stdout)")
    }
}
