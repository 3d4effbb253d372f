import Foundation
import Testing

@testable import CrisisPlan

/// Words a plan or a command line may write in more than one way mean the same thing each way.
@Suite("Written either way")
struct AsWrittenTests {
    @Test("covers: [ALL] and [All] are [all]: the attorney can act for any treatment", arguments: ["[ALL]", "[All]", "[' all ']"])
    func coversAll(written: String) throws {
        let library = try TemporaryLibrary.shipped(changing: ["people/priya.yaml": [("covers: [all]", "covers: " + written)]])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "priya", today: nil)
        let now = Timestamp(parsing: "2026-11-24T12:00:00Z")!
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(capacity: ["physical-treatment=lacks"], at: now)], now: now)
        #expect(answer.attorney?.canAct == true)
    }

    @Test("--rules .//Rules is the Rules folder, never /Rules")
    func doubledSlashAfterDot() throws {
        #expect(RulesDirectory(".//Rules").displayPath == "Rules")
        #expect(RulesDirectory("././/Rules/").displayPath == "Rules")
        let result = try CommandRunner.run(["respond", "sam", "--rules", ".//Rules", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"source\":\"Rules/people/sam.yaml:"))
    }

    @Test("an option that takes one value, given twice, is refused (exit 2) in every command; lists are not")
    func singleOptionsTwice() throws {
        let twice = try CommandRunner.run(
            ["respond", "sam", "--observations", "a.yaml", "--observations", "b.yaml"])
        #expect(twice.status == 2)
        #expect(twice.stderr == "error: --observations is given 2 times; give it once\n")
        #expect(twice.stdout.isEmpty)
        for (option, arguments) in [
            ("--at", ["respond", "sam", "--at", "2026-11-24T12:00:00Z", "--at=2026-11-24T13:00:00Z"]),
            ("--at", ["show", "dee", "--at", "2026-01-01T00:00:00Z", "--at", "2030-01-01T00:00:00Z"]),
            ("--on", ["diff", "Rules", "Rules", "--on", "2026-11-24", "--on", "2026-12-24"]),
            ("--rules", ["respond", "sam", "--rules", "Rules", "--rules", "Other"]),
        ] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "error: \(option) is given 2 times; give it once\n", "\(arguments)")
        }
        let lists = try CommandRunner.run(["respond", "sam", "--sign", "not sleeping", "--sign", "not eating", "--json"])
        #expect(lists.status == 0, "\(lists.stderr)")
    }
}
