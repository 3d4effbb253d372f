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
        #expect(lines.last == "49 files, 0 errors, 5 warnings")
        let summaries = lines.filter { $0.contains(": warning: ") || $0.contains(": error: ") }
        #expect(
            summaries.map { String($0.prefix(while: { $0 != " " })) } == [
                "Rules/people/alex.yaml:68:7:", "Rules/people/alex.yaml:73:7:", "Rules/people/dee.yaml:15:14:",
                "Rules/people/priya.yaml:70:7:", "Scenarios/14-dee-overdue-plan.yaml:13:29:",
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
        #expect(result.stderr.hasPrefix("Error: Unknown option '--colour'"))
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
                "people/crlf.yaml:3:3: error: duplicate key 'id'; it is already set on line 2",
                "people/deep.yaml:1:65: error: nesting is deeper than 64 levels",
                "people/empty.yaml:1:1: error: the plan file is empty; a plan needs at least 'person' and 'plan'",
                "people/laughs.yaml:1:9: error: anchors (&a0) are not allowed in rule files; write the value out in full",
                "people/tabs.yaml:2:1: error: invalid YAML: found character that cannot start any token while scanning for the next token",
            ])
        #expect(result.stdout.hasSuffix("6 files, 5 errors, 0 warnings\n"))
    }
}
