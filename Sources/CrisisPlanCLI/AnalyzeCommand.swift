import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan analyze`: findings about the policy and plans that no example case shows, in
/// `check`'s format; exit 1 on an error (on a warning too with `--strict`).
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find rules that never fire or always do, unreachable stages, unused facts, closed routes and gaps in plans.",
        discussion: """
            Accept a standing finding with a comment on the line above its item:
              # analyze: accept CODE — the reason
            """)

    @ArgumentParser.Flag(name: .long, help: "Print the findings as JSON.")
    var json = false

    @ArgumentParser.Flag(name: .long, help: "Exit 1 on a warning too.")
    var strict = false

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        let policy: Policy
        do throws(BadInput) {
            // A condition naming an undeclared stage, fact, value or decision is a finding here
            // (it never holds), not a reason to refuse; any other `check` error is.
            policy = try RulesLoader.loadPolicy(rules).analyzable()
        } catch {
            throw UsageFailure(message: error.message + "\nfix these (crisisplan check) before analysing the library")
        }
        let load = RulesLoader.loadLibrary(rules, today: nil)
        var analyzer = PolicyAnalyzer(policy: policy, plans: load.plans)
        analyzer.applyAcceptances(load.sources.filter { !$0.bytes.isEmpty } + Self.reread(load, analyzer.findings))
        let findings = analyzer.findings.sorted { left, right in
            if left.location.file != right.location.file {
                return left.location.file.utf8.lexicographicallyPrecedes(right.location.file.utf8)
            }
            return (left.location.mark.line, left.location.mark.column) < (right.location.mark.line, right.location.mark.column)
        }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let infos = findings.count - errors - warnings
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("findings")
            writer.beginArray()
            for finding in findings {
                writer.beginObject()
                writer.field("severity", finding.severity.rawValue)
                writer.field("code", finding.code)
                writer.field("message", finding.message)
                writer.field("source", finding.location.pathLineColumn)
                writer.field("accepted", finding.accepted)
                writer.endObject()
            }
            writer.endArray()
            writer.field("errors", errors)
            writer.field("warnings", warnings)
            writer.field("info", infos)
            writer.endObject()
            print(writer.text)
        } else {
            for finding in findings { print(TerminalText.visible(finding.line)) }
            // The same words whatever the counts, as `check`'s summary: a script reads one format.
            print("\(findings.count) findings: \(errors) errors, \(warnings) warnings, \(infos) info")
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }

    /// The text of files the loader let go (it keeps only files it found something in), for
    /// reading acceptance comments.
    private static func reread(_ load: LibraryLoad, _ findings: [AnalysisFinding]) -> [SourceFile] {
        let kept = Set(load.sources.filter { !$0.bytes.isEmpty }.map(\.path))
        return Set(findings.map(\.location.file)).subtracting(kept).compactMap(RulesDirectory.read)
    }
}
