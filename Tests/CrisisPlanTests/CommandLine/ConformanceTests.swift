import Foundation
import Testing

@testable import CrisisPlan

/// SPEC v2 details a reader of the contract found unmet: each fails on the code before it.
@Suite("SPEC v2 conformance: paths, file names, JUnit, the attention block, widths, suggestions")
struct ConformanceTests {
    @Test("--rules . inside the library checks it and runs the Scenarios/ beside it")
    func rulesDot() throws {
        for path in [".", "./"] {
            let check = try CommandRunner.run(
                ["check", "--rules", path, "--at", "2026-11-24T09:00:00Z"], in: PackageRoot.path + "/Rules")
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.hasSuffix("85 files, 0 errors, 5 warnings\n"))
            let test = try CommandRunner.run(["test", "--rules", path], in: PackageRoot.path + "/Rules")
            #expect(test.status == 0, "\(test.stderr)")
            #expect(test.stdout.hasSuffix("114 passed, 0 failed\n"))
        }
    }

    @Test("two plan files whose names differ only by case are a check error")
    func planFilesByCase() throws {
        let library = try TemporaryLibrary([
            "policy/policy.yaml": LibraryFixture.policy,
            "people/sam.yaml": LibraryFixture.plan,
            "people/Sam.yaml": LibraryFixture.plan,
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", "--rules", library.root, "--at", "2026-11-24T09:00:00Z"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "\(library.root)/people/sam.yaml:1:1: error: plan file 'sam.yaml' differs only by case from \(library.root)/people/Sam.yaml; a person is found by id in any case, so keep one file per person"
            ))
    }

    @Test("test --junit writes a failing case naming the missing library or scenario path")
    func junitWhenNothingRuns() throws {
        let folder = NSTemporaryDirectory() + "crisisplan-junit-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let noRules = try CommandRunner.run(["test", "--rules", "/no/such/Rules", "--junit", folder + "/a/x.xml"])
        #expect(noRules.status == 2)
        let first = try String(contentsOfFile: folder + "/a/x.xml", encoding: .utf8)
        #expect(first.contains(#"<testcase classname="/no/such/Rules" name="could not be read" file="/no/such/Rules">"#))
        let noScenario = try CommandRunner.run(["test", "/no/such.yaml", "--junit", folder + "/b/y.xml"])
        #expect(noScenario.status == 2)
        let second = try String(contentsOfFile: folder + "/b/y.xml", encoding: .utf8)
        #expect(second.contains(#"file="/no/such.yaml""#))
        #expect(second.contains("no such file or folder"))
    }

    @Test("the attention block: questions to ask now, unrecognised observations, an overdue plan, the flags")
    func attentionOrder() throws {
        let result = try CommandRunner.run([
            "respond", "dee", "--sign", "blue sky", "--fact", "abuse_or_neglect=suspected", "--fact",
            "harm_source=someone-else", "--fact", "domestic_abuse=no", "--at", "2026-11-24T10:30:00Z",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).map(String.init)
        #expect(
            lines == [
                "Dee Evans (she/her) — Well — from recognised signs only",
                #"Not recognised: "blue sky" — not one of Dee Evans's signs. The stage counts"#,
                "  recognised signs only.",
                "Plan overdue for review since 2026-05-01 — it is still Dee Evans's plan; review",
                "  it with them soon.",
                "Flags: adult-safeguarding — see below",
            ])
    }

    @Test("an emoji with VARIATION SELECTOR-16 takes two cells, as terminals draw it")
    func emojiPresentationWidth() {
        #expect(DisplayWidth.of("\u{2764}\u{FE0F}") == 2)
        #expect(DisplayWidth.of("\u{2764}") == 1)
        #expect(DisplayWidth.of("a\u{2764}\u{FE0F}b") == 4)
    }

    @Test("a person or contact fact that names no one still gets the closest ids and names")
    func closestWhenNothingIsClose() throws {
        let person = try CommandRunner.run(["respond", "zzzzzzzzzz"])
        #expect(person.status == 2)
        #expect(
            person.stderr
                == "error: unknown person 'zzzzzzzzzz': no plan in Rules/people/ has that id or name; did you mean 'alex' (Alex Morgan), 'dee' (Dee Evans), 'kit' (Kit Walker), 'priya' (Priya Shah), 'robin' (Robin Hale)?\n"
        )
        let fact = try CommandRunner.run(["respond", "kit", "--fact", "harm_source=nobody"])
        #expect(fact.status == 2)
        #expect(fact.stderr.contains("write someone-else for a person not in the plan; did you mean 'lee' (Lee Walker)"))
    }
}
