import Foundation
import Testing

/// `crisisplan diff` reports exactly the cases a policy change affects — and nothing for an
/// unchanged copy.
@Suite("crisisplan diff: what a change does to every person's answers", .serialized)
struct DiffCommandTests {
    /// A copy of the shipped library and its scenarios, with `change` applied to one file.
    static func copy(_ file: String = "", _ change: (String) -> String = { $0 }) throws -> String {
        let folder = TemporaryFolder.make("diff")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Scenarios", toPath: folder + "/Scenarios")
        if !file.isEmpty {
            let path = folder + "/Rules/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the change to \(file) did not apply")
            try changed.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func diff(_ new: String) throws -> (status: Int32, changed: [[String: Any]], stdout: String) {
        let result = try CommandRunner.run(
            ["diff", PackageRoot.path + "/Rules", new + "/Rules", "--on", "2026-12-09", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (result.status, object["changed"] as? [[String: Any]] ?? [], result.stdout)
    }

    @Test("an unchanged copy: nothing to report, exit 0")
    func unchanged() throws {
        let copy = try Self.copy()
        let result = try CommandRunner.run(["diff", PackageRoot.path + "/Rules", copy + "/Rules"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("0 changed\n"))
    }

    @Test("a contact's number changed: every case where they are called is reported, exit 1")
    func phoneNumberChanged() throws {
        let copy = try Self.copy("people/sam.yaml") { $0.replacingOccurrences(of: "07700 900123", with: "07700 900999") }
        let (status, changed, stdout) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { ($0["person"] as? String) == "sam" }, "\(stdout.prefix(400))")
        #expect(stdout.contains("phone numbers: jo 07700 900123 → 07700 900999"), "\(stdout.prefix(600))")
    }

    @Test("a person added and one removed: listed, exit 1, and one failing JUnit case each")
    func peopleAddedAndRemoved() throws {
        let copy = try Self.copy()
        try FileManager.default.moveItem(atPath: copy + "/Rules/people/dee.yaml", toPath: copy + "/Rules/people/dee-b.yaml")
        let path = copy + "/Rules/people/dee-b.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "  id: dee\n", with: "  id: dee-b\n").write(toFile: path, atomically: true, encoding: .utf8)
        let junit = copy + "/out/diff.xml"
        let result = try CommandRunner.run(["diff", PackageRoot.path + "/Rules", copy + "/Rules", "--on", "2026-12-09", "--junit", junit])
        #expect(result.status == 1)
        #expect(result.stdout.contains("added: dee-b\nremoved: dee\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"2\" failures=\"2\""), "\(xml)")
        #expect(xml.contains("<testcase classname=\"dee-b\" name=\"plan added\">"))
        #expect(xml.contains("<testcase classname=\"dee\" name=\"plan removed\">"))
    }

    @Test("a decision marked a deprivation of liberty: only Priya, whose attorney covers it, changes — the attorney can no longer consent to it")
    func deprivationOfLiberty() throws {
        let copy = try Self.copy("policy/15-decisions.yaml") {
            $0.replacingOccurrences(
                of: "  - id: staying-for-assessment\n    label: Staying in A&E or on a ward until the assessment is finished\n",
                with: "  - id: staying-for-assessment\n    label: Staying in A&E or on a ward until the assessment is finished\n    deprivation_of_liberty: true\n")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty)
        for item in changed {
            let changes = item["changes"] as? [String] ?? []
            #expect(item["person"] as? String == "priya")
            #expect(changes.count == 1 && changes[0].hasPrefix("attorneys: "), "\(changes)")
            #expect(changes.first?.contains("for staying-for-assessment: cannot act") == true)
        }
    }

    @Test("a red-flag word removed: the cases only the old library generates show the possible emergency lost")
    func removedRedFlagWord() throws {
        let copy = try Self.copy("policy/12-ask-first.yaml") {
            $0.replacingOccurrences(of: "      - antifreeze\n", with: "")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty)
        for item in changed {
            #expect((item["case"] as? String)?.hasPrefix("typed \"antifreeze\"") == true, "\(item["case"] ?? "")")
            #expect((item["changes"] as? [String] ?? []).contains { $0.contains("possible-emergency") })
        }
        // The text lists every case too, each with its observations, never "and N more".
        let text = try CommandRunner.run(["diff", PackageRoot.path + "/Rules", copy + "/Rules", "--on", "2026-12-09"])
        let cases = text.stdout.split(separator: "\n").filter { $0.hasPrefix("    case: ") }
        #expect(cases.count == changed.count)
        #expect(!text.stdout.contains("more cases"))
    }

    @Test("a new plan that fails check is one change of its own, never evaluated as if it were fine")
    func brokenNewPlan() throws {
        let copy = try Self.copy("people/sam.yaml") {
            $0.replacingOccurrences(of: "  crisis: [jo, htt]", with: "  crisis: [jo, htt, mark]")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        let sam = changed.filter { $0["person"] as? String == "sam" }
        #expect(sam.count == 1)
        #expect(sam.first?["case"] as? String == "the plan itself")
        let changes = sam.first?["changes"] as? [String] ?? []
        #expect(changes.count == 1 && changes[0].hasPrefix("fails check in NEW: ") && changes[0].contains("error:"), "\(changes)")
    }

    @Test("scenarios that hold their plan inline are compared too: Lou's night at crisis loses the 24-hour line")
    func inlinePlanScenarios() throws {
        let copy = try Self.copy("policy/25-24-hour-line.yaml") {
            $0.replacingOccurrences(of: "        - {stage: {at_least: crisis}}", with: "        - {stage: {is: emergency}}")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        let lou = changed.filter { ($0["case"] as? String)?.hasPrefix("Lou: ") == true }
        #expect(!lou.isEmpty)
        #expect(lou.allSatisfy { $0["person"] as? String == "lou" })
        #expect(lou.contains { ($0["changes"] as? [String] ?? []).contains { $0.hasPrefix("contacts: ") && $0.contains("crisis-line") } })
    }

    @Test("a contact added by a flag: only cases where that flag fires change, in their contacts")
    func flagContact() throws {
        let copy = try Self.copy("policy/40-safeguarding.yaml") {
            $0.replacingOccurrences(
                of: "        - id: la-adult-safeguarding\n",
                with: "        - id: safeguarding-lead\n          name: Named safeguarding lead\n          phone: \"0300 555 0188\"\n          professional: true\n          hours: 24h\n        - id: la-adult-safeguarding\n")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty)
        for item in changed {
            let changes = item["changes"] as? [String] ?? []
            #expect(changes.count == 1 && changes[0].hasPrefix("contacts: "), "\(changes)")
            #expect(changes.first?.contains("safeguarding-lead") == true)
        }
    }

    @Test("a narrower escalation window: only timelines with early signs days apart change, in their stage")
    func escalationWindow() throws {
        let copy = try Self.copy("policy/20-escalation.yaml") {
            $0.replacingOccurrences(of: "within: 72h", with: "within: 1h")
        }
        let (status, changed, stdout) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty, "\(stdout.suffix(300))")
        for item in changed {
            let label = item["case"] as? String ?? ""
            #expect(label.contains(", step "), "a generated case, all at one time, cannot tell the window: \(label)")
            #expect((item["changes"] as? [String] ?? []).contains { $0.hasPrefix("stage: ") })
        }
    }

    @Test("bad input: two folders that are not libraries, a revision that does not exist")
    func badInput() throws {
        let empty = TemporaryFolder.make("not-rules")
        let notRules = try CommandRunner.run(["diff", empty, empty])
        #expect(notRules.status == 2)
        #expect(notRules.stderr.hasPrefix("error: '\(empty)' is not a rules library: it has no policy/ folder"))
        let revision = try CommandRunner.run(["diff", "--rules", "Rules", "--from", "no-such-revision-here"])
        #expect(revision.status == 2)
        #expect(revision.stderr.hasPrefix("error: cannot check out 'no-such-revision-here' of Rules with git"))
        #expect(revision.stderr.contains("git knows no revision 'no-such-revision-here' there"), "\(revision.stderr)")
        let notGit = try Self.copy()
        let outside = try CommandRunner.run(["diff", "--rules", notGit + "/Rules", "--from", "HEAD"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("is not inside a git repository"), "\(outside.stderr)")
        let scenarios = try CommandRunner.run(["diff", "Rules", "Rules", "--scenarios", "No/Such/Folder"])
        #expect(scenarios.status == 2)
        #expect(scenarios.stderr == "error: no such file or folder: 'No/Such/Folder'\n")
        #expect(scenarios.stdout.isEmpty)
    }

    @Test("--max-cases caps the generated cases only: with 0, every scenario step is still compared and a changed one still reported")
    func capLeavesScenarioSteps() throws {
        let copy = try Self.copy("policy/20-escalation.yaml") {
            $0.replacingOccurrences(of: "within: 72h", with: "within: 1h")
        }
        let result = try CommandRunner.run(
            ["diff", PackageRoot.path + "/Rules", copy + "/Rules", "--on", "2026-12-09", "--max-cases", "0"])
        #expect(result.status == 1, "\(result.stderr)")
        let summary = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("1"), "\(summary)")
        #expect(!summary.hasPrefix("0 cases compared"), "\(summary)")
        #expect(summary.contains("skipped (--max-cases)") && !summary.hasSuffix("; 0 changed"), "\(summary)")
    }

    @Test("a scenario file that cannot be read stops diff with exit 2, naming it — its steps are never silently left out")
    func unreadableScenario() throws {
        let copy = try Self.copy()
        try "scenario: [broken\n".write(toFile: copy + "/Scenarios/99-broken.yaml", atomically: true, encoding: .utf8)
        try "scenario: steps misspelt\nperson: sam\nstep:\n  - at: 2026-11-24T10:00:00Z\n".write(
            toFile: copy + "/Scenarios/98-no-steps.yaml", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["diff", PackageRoot.path + "/Rules", copy + "/Rules", "--on", "2026-12-09"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("99-broken.yaml:"), "\(result.stderr)")
        #expect(
            result.stderr.hasSuffix(
                "error: 2 scenario files of \(copy)/Rules could not be read in full (\(copy)/Scenarios/98-no-steps.yaml, \(copy)/Scenarios/99-broken.yaml); fix them (crisisplan check) or leave them out\n"),
            "\(result.stderr)")
    }
}
