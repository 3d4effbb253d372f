import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan diff OLD NEW`: what a change to a rules library does to people's answers,
/// before it goes live. Exit 0 when nothing changed, 1 when something did, 2 on bad input.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Every person's answers under two libraries (or two git revisions of one), and every case that changed.",
        discussion: """
            crisisplan diff OLD-RULES NEW-RULES
            crisisplan diff --rules Rules --from main --to HEAD
            Each changed case is printed with its observations (paste them into
            crisisplan respond PERSON --observations -) and what changed, before → after.
            """)

    @Argument(help: "The rules folders to compare: the one live now, then the changed one.")
    var folders: [String] = []

    @Option(name: .long, help: ArgumentHelp("A git revision of the --rules folder to compare from.", valueName: "REV"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The revision to compare to (default: the working folder).", valueName: "REV"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Scenario folders to run under both (default: Scenarios/ beside each library).", valueName: "DIR"))
    var scenarios: [String] = []

    @Option(name: .long, help: ArgumentHelp("The week of the generated cases' times (default today).", valueName: "DATE"))
    var on: String?

    @Option(name: .long, help: "At most this many generated cases (default 20000); every scenario step is compared whatever the cap. The output says how many were skipped.")
    var maxCases = 20_000

    @ArgumentParser.Flag(name: .long, help: "Print the changes as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write JUnit XML: one failing case per changed (person, case).", valueName: "FILE"))
    var junit: String?

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let (old, new) = try libraries()
        let date: CalendarDate
        if let on {
            guard let parsed = CalendarDate(parsing: on) else {
                throw UsageFailure(message: "error: --on takes a date like 2026-12-09; found '\(on)'")
            }
            date = parsed
        } else {
            date = Timestamp.now().utcDate
        }
        let diff = PolicyDiff(
            old: try side(old), new: try side(new), on: date, maxCases: maxCases, onlyPeople: Self.changedPeople(old, new))
        if let junit { try writeJUnit(diff, to: junit) }
        print(TerminalText.visible(json ? Self.json(diff) : Self.text(diff), keepingLineBreaks: true), terminator: "")
        if !diff.changed.isEmpty || !diff.added.isEmpty || !diff.removed.isEmpty { throw ExitCode(1) }
    }

    /// The two libraries: two folders, or two revisions checked out into temporary folders.
    private func libraries() throws -> (RulesDirectory, RulesDirectory) {
        if let from {
            guard folders.isEmpty else { throw UsageFailure(message: "error: give two folders, or --from REV (and --to REV), not both") }
            let rules = try rulesOptions.directory()
            let old = try GitRevision.checkout(from, of: rules)
            let new = try to.map { try GitRevision.checkout($0, of: rules) } ?? rules
            return (old, new)
        }
        guard folders.count == 2 else {
            throw UsageFailure(message: "error: diff takes two rules folders (OLD NEW), or --rules DIR --from REV [--to REV]")
        }
        let pair = folders.map(RulesDirectory.init)
        for library in pair where !RulesDirectory(library.policyFolder).exists {
            throw UsageFailure(message: "error: '\(library.displayPath)' is not a rules library: it has no policy/ folder")
        }
        return (pair[0], pair[1])
    }

    private func side(_ rules: RulesDirectory) throws -> PolicyDiff.Side {
        let policy: Policy
        do {
            policy = try RulesLoader.loadPolicy(rules).usable()
        } catch {
            throw UsageFailure(message: error.message + "\nerror: the policy of \(rules.displayPath) has errors; fix them (crisisplan check) first")
        }
        let load = RulesLoader.loadLibrary(rules, today: nil)
        // The default folder beside the library may be missing; a folder given may not.
        let files: [String]
        if scenarios.isEmpty {
            files = (try? ScenarioSuite.files(at: [rules.scenariosFolder])) ?? []
        } else {
            do {
                files = try ScenarioSuite.files(at: scenarios)
            } catch {
                throw UsageFailure(message: error.message)
            }
        }
        let suite = ScenarioSuite(files: files, rules: rules, policy: policy, today: nil)
        // A scenario file that cannot be read at all is evidence silently missing from the
        // comparison: bad input, never a partial answer.
        // A file that gave no scenario, or one with no steps (`step:` for `steps:`), is evidence
        // missing. (An expectation naming a flag the new policy removed is not: diff compares
        // answers, and that change is what it is run to show.)
        let read = Set(suite.cases.filter { !$0.scenario.steps.isEmpty }.map(\.scenario.file))
        let unread = Set(files).subtracting(read)
        let unreadable =
            suite.diagnostics.filter { $0.severity == .error && unread.contains($0.location.file) }
            + unread.filter { file in !suite.diagnostics.contains { $0.severity == .error && $0.location.file == file } }.sorted()
                .map { Diagnostic.error("the scenario has no steps", at: SourceLocation(file: $0, line: 1)) }
        if !unreadable.isEmpty {
            let files = Set(unreadable.map(\.location.file)).sorted()
            throw UsageFailure(
                message: unreadable.map(\.summary).joined(separator: "\n")
                    + "\nerror: \(files.count == 1 ? "a scenario file" : "\(files.count) scenario files") of \(rules.displayPath) could not be read in full (\(files.joined(separator: ", "))); fix \(files.count == 1 ? "it" : "them") (crisisplan check) or leave \(files.count == 1 ? "it" : "them") out")
        }
        var broken: [String: String] = [:]
        for diagnostic in load.diagnostics where diagnostic.severity == .error {
            let file = diagnostic.location.file
            guard RulesFile.folder(of: file) == "people" else { continue }
            let person = RulesDirectory.personID(ofPlanFile: file)
            if broken[person] == nil { broken[person] = diagnostic.summary }
        }
        return PolicyDiff.Side(
            policy: policy, plans: load.plans, scenarios: suite.cases.map(\.scenario), broken: broken)
    }

    /// With the policy files identical, only people whose plan files differ can change.
    static func changedPeople(_ old: RulesDirectory, _ new: RulesDirectory) -> Set<String>? {
        func files(_ folder: String) -> [String: [UInt8]] {
            let names = RulesDirectory.yamlFiles(in: folder)?.yaml ?? []
            return Dictionary(names.map { (($0 as NSString).lastPathComponent, RulesDirectory.read($0)?.bytes ?? []) }) { first, _ in first }
        }
        guard files(old.policyFolder) == files(new.policyFolder) else { return nil }
        let before = files(old.peopleFolder)
        let after = files(new.peopleFolder)
        return Set(after.keys.filter { before[$0] != after[$0] }.map { String($0.dropLast(".yaml".count)) })
    }

    static func text(_ diff: PolicyDiff) -> String {
        var lines: [String] = []
        for person in diff.added { lines.append("added: \(person)") }
        for person in diff.removed { lines.append("removed: \(person)") }
        let byPerson = Dictionary(grouping: diff.changed, by: \.person)
        for person in byPerson.keys.sorted(by: NaturalOrder.precedes) {
            let cases = byPerson[person]!
            lines.append("")
            lines.append("\(person) (\(cases[0].name)): \(cases.count) case\(cases.count == 1 ? "" : "s") changed")
            let byChange = Dictionary(grouping: cases) { $0.changes.joined(separator: "; ") }
            for change in byChange.keys.sorted() {
                let group = byChange[change]!
                for line in group[0].changes { lines.append("  \(line)") }
                // Every case, each with its observations to paste into `respond`: a reviewer
                // signs off each one, not a sample of them.
                for item in group {
                    lines.append("    case: \(item.label)")
                    lines.append("      observations: \(item.document)")
                }
            }
        }
        lines.append("")
        lines.append(
            "\(diff.compared) cases compared, \(diff.skipped) skipped (--max-cases); \(diff.changed.count) changed"
                + (diff.added.isEmpty && diff.removed.isEmpty ? "" : ", \(diff.added.count) people added, \(diff.removed.count) removed"))
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ diff: PolicyDiff) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("compared", diff.compared)
        json.field("skipped", diff.skipped)
        json.field("added", diff.added)
        json.field("removed", diff.removed)
        json.key("changed")
        json.beginArray()
        for item in diff.changed {
            json.beginObject()
            json.field("person", item.person)
            json.field("case", item.label)
            json.field("changes", item.changes)
            json.key("observations")
            json.raw(item.document)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }

    private func writeJUnit(_ diff: PolicyDiff, to path: String) throws {
        func escape(_ text: String) -> String { MarkupEscaping.escape(text) }
        // A person added or removed is a change too: one failing case each, so that CI shows it.
        let people = diff.added.map { ($0, "added") } + diff.removed.map { ($0, "removed") }
        let count = diff.changed.count + people.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuite name=\"crisisplan diff\" tests=\"\(count)\" failures=\"\(count)\">\n"
        for (person, change) in people {
            xml += "  <testcase classname=\"\(escape(person))\" name=\"plan \(change)\">\n"
            xml += "    <failure message=\"\(escape(person)) \(change)\"></failure>\n"
            xml += "  </testcase>\n"
        }
        for item in diff.changed {
            xml += "  <testcase classname=\"\(escape(item.person))\" name=\"\(escape(item.label))\">\n"
            xml += "    <failure message=\"\(escape(item.changes.joined(separator: "; ")))\">\(escape(item.document))</failure>\n"
            xml += "  </testcase>\n"
        }
        xml += "</testsuite>\n"
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(xml.utf8).write(to: url)
        } catch {
            throw UsageFailure(message: "error: cannot write the JUnit file '\(path)': \(error.localizedDescription)")
        }
    }
}

/// A revision of a rules library, checked out with `git archive` into a temporary folder.
enum GitRevision {
    static func checkout(_ revision: String, of rules: RulesDirectory) throws -> RulesDirectory {
        let folder = NSTemporaryDirectory() + "crisisplan-diff-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let absolute = URL(fileURLWithPath: rules.displayPath).standardizedFileURL.path
        let parent = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        // What is wrong is said first, in words: no git, no repository, no such revision — else
        // tar's complaint about an empty archive is all the user would see.
        let script = """
            command -v git >/dev/null 2>&1 || { echo "git is not installed (it is needed for --from and --to)" >&2; exit 3; }
            git -C "$1" rev-parse --git-dir >/dev/null 2>&1 || { echo "'$1' is not inside a git repository" >&2; exit 3; }
            git -C "$1" rev-parse --verify --quiet "$2^{commit}" >/dev/null || { echo "git knows no revision '$2' there" >&2; exit 3; }
            git -C "$1" cat-file -e "$2:./$3" 2>/dev/null || { echo "revision '$2' has no folder '$3' there" >&2; exit 3; }
            git -C "$1" archive "$2" -- "$3" "Scenarios" 2>/dev/null | tar -x -C "$4" || git -C "$1" archive "$2" -- "$3" | tar -x -C "$4"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", parent, revision, name, folder]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw UsageFailure(message: "error: cannot run git: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let library = RulesDirectory(folder + "/" + name)
        guard process.terminationStatus == 0, RulesDirectory(library.policyFolder).exists else {
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? ""
            throw UsageFailure(
                message: "error: cannot check out '\(revision)' of \(rules.displayPath) with git"
                    + (said.isEmpty ? "" : ": \(said)"))
        }
        return library
    }
}
