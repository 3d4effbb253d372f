import Foundation

/// The hazard log with its evidence: for each hazard, each control and what shows it holds —
/// the flag's place in the policy, the scenario's steps run now and how many passed — and every
/// gap as a row of its own, never left out.
public struct HazardReport: Sendable {
    public struct Row: Sendable {
        public var hazard: String
        public var control: String
        public var evidence: String
        /// Nil when the control holds; otherwise what is wrong.
        public var gap: String?
    }

    public var hazards: [Hazard]
    public var rows: [Row] = []
    /// Entries that could not be read, each a gap: `file:line:col` and what is wrong.
    public var unreadable: [Row] = []
    public var gaps: Int { rows.filter { $0.gap != nil }.count + unreadable.count }

    public init(log: HazardLog, rules: RulesDirectory, policy: Policy) {
        hazards = log.hazards
        unreadable = log.unreadable.map {
            Row(hazard: $0.location.pathLineColumn, control: "the entry", evidence: "—", gap: $0.message)
        }
        // Per scenario: the steps that ran and passed, those that failed (each "step N at line L"),
        // or why it could not run.
        typealias Run = (passed: [String], failed: [String], error: String?)
        var runs: [String: Run] = [:]
        func run(_ path: String) -> Run {
            if let known = runs[path] { return known }
            let file = HazardLog.resolve(path, rules)
            guard FileManager.default.fileExists(atPath: file) else {
                runs[path] = ([], [], "no such scenario file")
                return ([], [], "no such scenario file")
            }
            let suite = ScenarioSuite(files: [file], rules: rules, policy: policy, today: nil)
            let errors = suite.diagnostics.filter { $0.severity == .error }
            let result: Run
            if !errors.isEmpty && suite.cases.isEmpty {
                result = ([], [], errors.first.map { "\($0.location.pathLineColumn): \($0.message)" })
            } else {
                let steps = ScenarioRunner(suite: suite).results
                let named = { (step: ScenarioRunner.StepResult) in "step \(step.step) at line \(step.source.mark.line)" }
                result = (steps.filter(\.passed).map(named), steps.filter { !$0.passed }.map(named), nil)
            }
            runs[path] = result
            return result
        }
        for hazard in log.hazards {
            var passing = false
            for (control, _) in hazard.controls {
                switch control {
                case .engine(let mechanism):
                    rows.append(Row(hazard: hazard.id, control: "engine: \(mechanism)", evidence: "held by the engine whatever the policy says", gap: nil))
                case .flag(let id):
                    if let flag = policy.flags.first(where: { $0.id == id }) {
                        rows.append(Row(hazard: hazard.id, control: "flag: \(id)", evidence: "declared at \(flag.source.pathAndLine)", gap: nil))
                    } else {
                        rows.append(Row(hazard: hazard.id, control: "flag: \(id)", evidence: "—", gap: "no such flag in the policy"))
                    }
                case .scenario(let path):
                    let result = run(path)
                    if let error = result.error {
                        rows.append(Row(hazard: hazard.id, control: "scenario: \(path)", evidence: "—", gap: error))
                    } else if result.passed.isEmpty && result.failed.isEmpty {
                        rows.append(Row(hazard: hazard.id, control: "scenario: \(path)", evidence: "no step with expectations", gap: "the scenario checks nothing"))
                    } else {
                        let count = result.passed.count + result.failed.count
                        let evidence =
                            "\(result.passed.count) of \(count) steps passed"
                            + (result.passed.isEmpty ? "" : ": " + result.passed.joined(separator: ", "))
                        if result.failed.isEmpty { passing = true }
                        rows.append(
                            Row(
                                hazard: hazard.id, control: "scenario: \(path)", evidence: evidence,
                                gap: result.failed.isEmpty ? nil : result.failed.joined(separator: ", ") + " failed"))
                    }
                }
            }
            if hazard.needsScenario && !passing {
                rows.append(
                    Row(
                        hazard: hazard.id, control: "—", evidence: "—",
                        gap: "risk after controls is \(hazard.after.score) (5 or more) and no linked scenario passes"))
            }
        }
    }

    /// The log and the matrix as text.
    public var text: String {
        var lines: [String] = []
        for hazard in hazards {
            lines.append("\(hazard.id)  \(hazard.title)")
            lines.append("  cause: \(hazard.cause)")
            lines.append("  effect: \(hazard.effect)")
            lines.append("  harm: \(hazard.harm)")
            lines.append(
                "  risk: \(hazard.before.score) before (severity \(hazard.before.severity), likelihood \(hazard.before.likelihood)), "
                    + "\(hazard.after.score) after (severity \(hazard.after.severity), likelihood \(hazard.after.likelihood)); owner: \(hazard.owner)")
            for row in rows where row.hazard == hazard.id {
                lines.append("  " + (row.gap == nil ? "ok   " : "GAP  ") + row.control + " — " + (row.gap ?? row.evidence))
            }
            lines.append("")
        }
        if !unreadable.isEmpty {
            lines.append("Entries that could not be read:")
            for row in unreadable { lines.append("  GAP  \(row.hazard) — \(row.gap ?? "")") }
            lines.append("")
        }
        lines.append("\(hazards.count) hazards, \(rows.count) controls, \(gaps) gap\(gaps == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The traceability matrix as a Markdown document, gaps as rows.
    public var markdown: String {
        func cell(_ text: String) -> String { MarkupEscaping.markdown(text).replacingOccurrences(of: "|", with: "\\|") }
        var lines = [
            "# Hazard log", "",
            "| Hazard | Title | Cause | Effect | Harm | Risk before | Risk after | Owner |",
            "|---|---|---|---|---|---|---|---|",
        ]
        func risk(_ risk: Hazard.Risk) -> String {
            "\(risk.score) (severity \(risk.severity) × likelihood \(risk.likelihood))"
        }
        for hazard in hazards {
            lines.append(
                "| \(cell(hazard.id)) | \(cell(hazard.title)) | \(cell(hazard.cause)) | \(cell(hazard.effect)) | \(cell(hazard.harm)) | "
                    + "\(risk(hazard.before)) | \(risk(hazard.after)) | \(cell(hazard.owner)) |")
        }
        lines += ["", "## Traceability", "", "| Hazard | Control | Evidence | Status |", "|---|---|---|---|"]
        for row in rows + unreadable {
            lines.append(
                "| \(cell(row.hazard)) | \(cell(row.control)) | \(cell(row.evidence)) | \(row.gap.map { "GAP: " + cell($0) } ?? "ok") |")
        }
        lines += ["", "\(hazards.count) hazards, \(rows.count) controls, \(gaps) gaps."]
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        var json = JSONWriter()
        json.beginObject()
        json.key("hazards")
        json.beginArray()
        for hazard in hazards {
            json.beginObject()
            json.field("id", hazard.id)
            json.field("title", hazard.title)
            json.field("cause", hazard.cause)
            json.field("effect", hazard.effect)
            json.field("harm", hazard.harm)
            for (key, risk) in [("before", hazard.before), ("after", hazard.after)] {
                // As the log writes it, with the product it is judged by.
                json.key(key)
                json.beginObject()
                json.field("severity", risk.severity)
                json.field("likelihood", risk.likelihood)
                json.field("risk", risk.score)
                json.endObject()
            }
            json.field("owner", hazard.owner)
            json.field("source", hazard.source.pathAndLine)
            json.key("controls")
            json.beginArray()
            for row in rows where row.hazard == hazard.id {
                json.beginObject()
                json.field("control", row.control)
                json.field("evidence", row.evidence)
                json.field("gap", row.gap)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("unreadable")
        json.beginArray()
        for row in unreadable {
            json.beginObject()
            json.field("source", row.hazard)
            json.field("gap", row.gap)
            json.endObject()
        }
        json.endArray()
        json.field("gaps", gaps)
        json.endObject()
        return json.text + "\n"
    }
}
