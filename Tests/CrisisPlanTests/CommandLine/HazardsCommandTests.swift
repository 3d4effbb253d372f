import Foundation
import Testing

/// The hazard log: the shipped one traced to passing scenarios; gaps are rows and fail the
/// command; `check` reports controls that name nothing.
@Suite("crisisplan hazards and the hazard log")
struct HazardsCommandTests {
    @Test("the shipped log: at least 15 hazards, every control traced, no gap; exit 0")
    func shipped() throws {
        let result = try CommandRunner.run(["hazards"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(result.stdout.split(separator: "\n").last)
        let count = Int(summary.split(separator: " ")[0]) ?? 0
        #expect(count >= 15)
        #expect(summary.hasSuffix(", 0 gaps"))
        #expect(result.stdout.contains("ok   scenario: Scenarios/07-kit-partner-alleged-abuser.yaml — "))
        let json = try CommandRunner.run(["hazards", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["gaps"] as? Int == 0)
        // Each hazard as the log writes it: its cause, effect and harm, and both risks as
        // severity and likelihood with their product.
        let first = try #require((object["hazards"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "HAZ-001")
        for key in ["cause", "effect", "harm"] { #expect(!(first[key] as? String ?? "").isEmpty, "\(key)") }
        let before = try #require(first["before"] as? [String: Int])
        #expect(before["risk"] == (before["severity"] ?? 0) * (before["likelihood"] ?? 0) && before["risk"] ?? 0 > 0, "\(before)")
        #expect(Set((first["after"] as? [String: Int] ?? [:]).keys) == ["severity", "likelihood", "risk"])
        // The Markdown log carries the same, written into a folder made for it.
        let folder = TemporaryFolder.make("hazard-log")
        let markdown = try CommandRunner.run(["hazards", "--markdown", folder + "/reports/new/hazard-log.md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let log = try String(contentsOfFile: folder + "/reports/new/hazard-log.md", encoding: .utf8)
        #expect(log.contains("| Hazard | Title | Cause | Effect | Harm | Risk before | Risk after | Owner |"))
        #expect(log.contains("| HAZ-001 | An alleged abuser is phoned about the person | The person said to be causing harm"), "\(log.prefix(600))")
        #expect(log.contains(" (severity 5 × likelihood "), "\(log.prefix(600))")
    }

    static let scenario = """
        scenario: Sam stops sleeping
        person: sam
        steps:
          - at: 2026-11-24T09:00:00Z
            signs: [not sleeping]
            expect:
              stage: %STAGE%

        """

    static func hazard(_ controls: String, after: String = "{severity: 5, likelihood: 1}") -> String {
        """
        hazards:
          - id: HAZ-100
            title: Someone is called who must not be
            cause: A name is misspelt
            effect: The call is made
            harm: Harm to the person
            before: {severity: 5, likelihood: 3}
            controls:
        \(controls)
            after: \(after)
            owner: Clinical safety officer

        """
    }

    @Test("a hazard id used twice: the second is a gap of its own, and its controls are never shown as the first's")
    func duplicateId() throws {
        let first = Self.hazard("      - flag: s42\n      - scenario: Scenarios/good.yaml")
        let second = Self.hazard("      - engine: something else entirely").replacingOccurrences(of: "hazards:\n", with: "")
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Scenarios/good.yaml": Self.scenario.replacingOccurrences(of: "%STAGE%", with: "early"),
            "Rules/hazards/log.yaml": first + second,
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["hazards"], in: library.root)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("engine: something else entirely"), "\(result.stdout)")
        #expect(result.stdout.contains("Entries that could not be read:\n  GAP  Rules/hazards/log.yaml:13:5 — hazard"), "\(result.stdout)")
        #expect(result.stdout.contains("hazard 'HAZ-100' is already in the log at Rules/hazards/log.yaml:2; give this one its own id"))
        #expect(result.stdout.hasSuffix("1 hazards, 2 controls, 1 gap\n"), "\(result.stdout)")
    }

    @Test("gaps are rows: an unknown flag (named at its line, with did-you-mean), a missing scenario, a failing one, a high risk with no passing scenario")
    func gaps() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Scenarios/good.yaml": Self.scenario.replacingOccurrences(of: "%STAGE%", with: "early"),
            "Scenarios/bad.yaml": Self.scenario.replacingOccurrences(of: "%STAGE%", with: "crisis"),
            "Rules/hazards/log.yaml": Self.hazard(
                """
                      - flag: s24
                      - scenario: Scenarios/none.yaml
                      - scenario: Scenarios/bad.yaml
                """),
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["hazards"], in: library.root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("GAP  flag: s24 — no such flag in the policy"))
        #expect(result.stdout.contains("GAP  scenario: Scenarios/bad.yaml — step 1 at line 4 failed"))
        #expect(result.stdout.contains("GAP  scenario: Scenarios/none.yaml — no such scenario file"))
        #expect(result.stdout.contains("GAP  — — risk after controls is 5 (5 or more) and no linked scenario passes"))
        #expect(result.stderr.contains("Rules/hazards/log.yaml:9:15: error: hazard 'HAZ-100': no flag 's24' in the policy; did you mean 's42'?"))
        #expect(result.stderr.contains("Rules/hazards/log.yaml:10:19: error: hazard 'HAZ-100': no scenario file 'Scenarios/none.yaml'"))
        let check = try CommandRunner.run(["check"], in: library.root)
        #expect(check.status == 1)
        #expect(check.stdout.contains("Rules/hazards/log.yaml:9:15: error: hazard 'HAZ-100': no flag 's24' in the policy"))

        let fixed = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Scenarios/good.yaml": Self.scenario.replacingOccurrences(of: "%STAGE%", with: "early"),
            "Rules/hazards/log.yaml": Self.hazard(
                """
                      - flag: s42
                      - scenario: Scenarios/good.yaml
                """),
        ])
        defer { fixed.remove() }
        let passing = try CommandRunner.run(["hazards", "--markdown", fixed.root + "/log.md"], in: fixed.root)
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        let markdown = try String(contentsOfFile: fixed.root + "/log.md", encoding: .utf8)
        // The evidence is the steps that ran and passed, each at its line.
        #expect(markdown.contains("| HAZ-100 | scenario: Scenarios/good.yaml | 1 of 1 steps passed: step 1 at line 4 | ok |"))
    }

    @Test("a hazard file's bad input: a risk off the scale, a control of no known kind, after above before")
    func badInput() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Rules/hazards/log.yaml": Self.hazard("      - team: crisis", after: "{severity: 6, likelihood: 4}"),
        ])
        defer { library.remove() }
        let check = try CommandRunner.run(["check"], in: library.root)
        #expect(check.status == 1)
        #expect(check.stdout.contains("'severity' is 1 to 5; found 6"))
        #expect(check.stdout.contains("unknown key 'team'"))
        // The log shows the entry as a gap, and never a score the file does not hold.
        let log = try CommandRunner.run(["hazards"], in: library.root)
        #expect(log.status == 1)
        #expect(log.stdout.contains("Entries that could not be read:\n  GAP  Rules/hazards/log.yaml:"), "\(log.stdout)")
        #expect(log.stdout.contains("'severity' is 1 to 5; found 6"))
        #expect(!log.stdout.contains("severity 5, likelihood 4"))
        #expect(!log.stdout.hasSuffix(" 0 gaps\n"))

        let higher = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Rules/hazards/log.yaml": Self.hazard("      - engine: held", after: "{severity: 5, likelihood: 4}"),
        ])
        defer { higher.remove() }
        #expect(try CommandRunner.run(["check"], in: higher.root).stdout.contains("'after' scores 20, more than 'before' (15)"))
    }
}
