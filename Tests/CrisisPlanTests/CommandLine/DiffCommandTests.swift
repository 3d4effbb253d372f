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
            $0.replacingOccurrences(of: "      - paracetamol\n", with: "")
        }
        let (status, changed, _) = try Self.diff(copy)
        #expect(status == 1)
        #expect(!changed.isEmpty)
        for item in changed {
            #expect((item["case"] as? String)?.hasPrefix("typed \"paracetamol\"") == true, "\(item["case"] ?? "")")
            #expect((item["changes"] as? [String] ?? []).contains { $0.contains("possible-emergency") })
        }
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
    }
}
