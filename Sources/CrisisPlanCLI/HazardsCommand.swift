import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan hazards`: the clinical safety hazard log with its traceability — each hazard,
/// each control and the evidence that it holds (the scenarios run now). Exit 1 on any gap.
struct HazardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hazards",
        abstract: "The hazard log (hazards/*.yaml in the library) and its traceability; exit 1 on any gap.")

    @ArgumentParser.Flag(name: .long, help: "Print the log and its evidence as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write the log and the matrix as Markdown here.", valueName: "FILE"))
    var markdown: String?

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        let policy: Policy
        do {
            policy = try RulesLoader.loadPolicy(rules).usable()
        } catch {
            throw UsageFailure(message: error.message)
        }
        let log = HazardLog.load(rules, policy: policy)
        let errors = log.diagnostics.filter { $0.severity == .error }
        let report = HazardReport(log: log, rules: rules, policy: policy)
        if let markdown {
            do {
                let url = URL(fileURLWithPath: markdown)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(report.markdown.utf8).write(to: url)
            } catch {
                throw UsageFailure(message: "error: cannot write '\(markdown)': \(error.localizedDescription)")
            }
        }
        print(TerminalText.visible(json ? report.json : report.text, keepingLineBreaks: true), terminator: "")
        if !errors.isEmpty {
            standardError(DiagnosticRenderer(sources: log.sources).renderAll(errors).joined(separator: "\n"))
        }
        if log.hazards.isEmpty {
            standardError("error: no hazards in \(HazardLog.folder(rules))/; a library's hazard log is hazards/*.yaml")
            throw ExitCode(1)
        }
        if report.gaps > 0 || !errors.isEmpty { throw ExitCode(1) }
    }
}
