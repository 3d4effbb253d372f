import Foundation
import Testing

@Suite("crisisplan check, run as a built binary")
struct CheckCommandTests {
    @Test("the shipped library has no errors; its intended warnings are the ones explained in comments")
    func shippedLibrary() throws {
        let result = try CommandRunner.run(["check", "--at", "2026-11-24T09:00:00Z"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.last == "85 files, 0 errors, 5 warnings")
        let summaries = lines.filter { $0.contains(": warning: ") || $0.contains(": error: ") }
        #expect(
            summaries.map { String($0.prefix(while: { $0 != " " })) } == [
                "Rules/people/alex.yaml:72:7:", "Rules/people/alex.yaml:77:7:", "Rules/people/dee.yaml:17:14:",
                "Rules/people/priya.yaml:75:7:", "Scenarios/37-kit-domestic-abuse-recorded-alone.yaml:11:5:",
            ])
    }

    @Test("a broken library: every problem with file, line, column, the source line and a caret; exit 1")
    func brokenLibrary() throws {
        let result = try CommandRunner.run(["check", "--rules", "broken/"], in: PackageRoot.fixtures)
        let expected = try String(contentsOfFile: PackageRoot.fixtures + "/broken.expected", encoding: .utf8)
        #expect(result.status == 1)
        #expect(result.stdout == expected)
        #expect(result.stderr == "")
    }

    @Test("a folder holding policy/ given as a path is checked as a rules library")
    func libraryAsPath() throws {
        let result = try CommandRunner.run(["check", "broken"], in: PackageRoot.fixtures)
        let expected = try String(contentsOfFile: PackageRoot.fixtures + "/broken.expected", encoding: .utf8)
        #expect(result.status == 1)
        #expect(result.stdout == expected)
    }

    @Test("a people/ folder is checked as its plans; a policy/ or hazards/ folder, or a hazard file, as the library")
    func foldersAsWhatTheyHold() throws {
        for path in ["Rules/people", "Rules/people/", "Rules/policy", "Rules/hazards", "Rules/hazards/hazards.yaml"] {
            let result = try CommandRunner.run(["check", path, "--at", "2026-11-24T09:00:00Z"])
            #expect(result.status == 0, "\(path): \(result.stdout)")
            #expect(!result.stdout.contains("scenario"), "\(path): \(result.stdout)")
            #expect(result.stdout.contains(" 0 errors"), "\(path)")
        }
    }

    @Test("a missing scenario path is bad input")
    func missingPath() throws {
        let result = try CommandRunner.run(["check", "No/Such/Scenario.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: no such file or folder: 'No/Such/Scenario.yaml'\n")
    }

    @Test("a missing rules directory is bad input: exit 2, message on stderr only")
    func missingDirectory() throws {
        let result = try CommandRunner.run(["check", "--rules", "No/Such/Rules"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: no rules directory at 'No/Such/Rules'; pass --rules DIR\n")
    }

    @Test("an unknown option is a usage error: exit 2, not the parser's own code")
    func unknownOption() throws {
        let result = try CommandRunner.run(["check", "--colour"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: Unknown option '--colour'"))
    }

    @Test("a bad --at is a usage error")
    func badTime() throws {
        let result = try CommandRunner.run(["check", "--at", "yesterday"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: --at takes a time with a zone, like 2026-11-24T10:30:00Z; found 'yesterday'\n")
    }

    @Test("help is not an error")
    func help() throws {
        let result = try CommandRunner.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--rules <DIR>"))
    }

    @Test("hostile plan files give located errors, never a crash")
    func hostileFiles() throws {
        var laughs = "person: &a0 [lol]\n"
        for level in 1...9 {
            laughs +=
                "l\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        let library = try TemporaryLibrary([
            "policy/policy.yaml": LibraryFixture.policy,
            "people/deep.yaml": String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
            "people/laughs.yaml": laughs,
            "people/empty.yaml": "",
            "people/tabs.yaml": "person:\n\tid: tabs\n",
            "people/crlf.yaml": "person:\r\n  id: crlf\r\n  id: again\r\n",
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", "--rules", library.root], in: library.root)
        #expect(result.status == 1)
        let summaries = result.stdout.split(separator: "\n")
            .filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: library.root + "/", with: "") }
        #expect(
            summaries == [
                "people/crlf.yaml:1:1: error: missing required key 'plan' in plan file",
                "people/crlf.yaml:2:3: error: missing required key 'name' in person",
                "people/crlf.yaml:3:3: error: duplicate key 'id'; it is already set on line 2",
                "people/deep.yaml:1:65: error: nesting is deeper than 64 levels",
                "people/empty.yaml:1:1: error: the plan file is empty; a plan needs at least 'person' and 'plan'",
                "people/laughs.yaml:1:9: error: anchors (&a0) are not allowed in rule files; write the value out in full",
                "people/tabs.yaml:2:1: error: this character cannot start a value here; tabs cannot indent YAML (use spaces), and text starting with '@', '`' or '%' must be in quotes",
            ])
        #expect(result.stdout.hasSuffix("6 files, 7 errors, 0 warnings\n"))
    }

    @Test("every problem in a file at once: a duplicate key hides neither a bad date nor a duplicate sign id")
    func everyProblemAtOnce() throws {
        let plan = """
            person:
              id: zed
              name: Zed Park
              name: Zed P
            plan:
              agreed: 2026-01-01
              review_by: 2027-02-30
            early_warning_signs:
              - {id: quiet, says: I go quiet, stage: early}
              - {id: quiet, says: I stop talking, stage: early}
              - {id: loud, sayz: I shout, stage: early}

            """
        let library = try TemporaryLibrary(["policy/policy.yaml": LibraryFixture.policy, "people/zed.yaml": plan])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", library.root + "/people/zed.yaml"])
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: library.root + "/", with: "") }
        #expect(
            errors == [
                "people/zed.yaml:4:3: error: duplicate key 'name'; it is already set on line 3",
                "people/zed.yaml:7:14: error: 'review_by' is 2027-02-30, which is not a date in the calendar: February 2027 has 28 days",
                "people/zed.yaml:10:5: error: duplicate sign id 'quiet'; it is already used at people/zed.yaml:9",
                "people/zed.yaml:11:16: error: unknown key 'sayz' in early warning sign; did you mean 'says'?",
            ])
    }

    @Test("check FILE checks a plan as a plan, against its library's policy, and nothing else")
    func planFile() throws {
        let result = try CommandRunner.run(["check", "Rules/people/sam.yaml", "--at", "2026-11-24T09:00:00Z"])
        #expect(result.status == 0)
        #expect(result.stdout == "14 files, 0 errors, 0 warnings\n")
        let policy = try CommandRunner.run(["check", "Rules/policy/40-safeguarding.yaml"])
        #expect(policy.status == 0)
        #expect(policy.stdout == "13 files, 0 errors, 0 warnings\n")
    }

    @Test("a scenario's facts are checked as respond would read them: declared, typed, naming someone")
    func scenarioFactValues() throws {
        let library = try TemporaryLibrary([
            "x.yaml": """
                scenario: bad facts
                person: kit
                steps:
                  - at: 2026-11-24T10:00:00Z
                    facts: {domestic_abuse: maybe, colur: x, harm_source: nobody}
                """
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", library.root + "/x.yaml"])
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(
            errors == [
                "\(library.root)/x.yaml:5:29: error: 'maybe' is not a value of fact 'domestic_abuse'; allowed values: not_asked, no, yes",
                "\(library.root)/x.yaml:5:36: error: unknown fact 'colur'; declared facts: "
                    + ShippedRules.factIds().joined(separator: ", "),
                "\(library.root)/x.yaml:5:59: error: fact 'harm_source' names 'nobody', who is not among Kit Walker's contacts or do-not-contact list; name them by id or name, or write someone-else for a person not in the plan; did you mean 'lee' (Lee Walker) or 'aunt' (Rosa Kemp) or 'cmht' (Community Mental Health Team (weekdays 9 to 5)) or 'crisis-line' (24-hour mental health crisis line)?",
            ])
    }

    @Test("an unknown person lists at most five of the closest ids and names")
    func unknownPersonSuggestions() throws {
        var files = ["policy/policy.yaml": LibraryFixture.policy]
        for index in 0..<40 {
            files["people/sam\(index).yaml"] = LibraryFixture.plan.replacing("id: sam", with: "id: sam\(index)")
        }
        let library = try TemporaryLibrary(files)
        defer { library.remove() }
        let result = try CommandRunner.run(["respond", "sam", "--rules", library.root])
        #expect(result.status == 2)
        let names = result.stderr.components(separatedBy: "(Sam Taylor)").count - 1
        #expect(names == 5, "\(result.stderr)")
        #expect(result.stderr.count < 400)
        // In any case, or by name when exactly one plan has it.
        let byCase = try CommandRunner.run(["respond", "SAM", "--json", "--at", "2026-11-24T10:30:00Z"])
        #expect(byCase.status == 0)
        #expect(byCase.stdout.hasPrefix("{\"person\":\"sam\""))
        let byName = try CommandRunner.run(["respond", "kit walker", "--json", "--at", "2026-11-24T10:30:00Z"])
        #expect(byName.stdout.hasPrefix("{\"person\":\"kit\""))
    }
}
