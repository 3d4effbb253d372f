import Foundation

/// Scenario files read from paths, with the plans they refer to, ready to run or check.
public struct ScenarioSuite: Sendable {
    public struct Case: Sendable {
        public var scenario: Scenario
        /// `nil` when the plan could not be loaded (the diagnostics say why).
        public var plan: Plan?
    }

    public var policy: Policy
    public var cases: [Case] = []
    public var sources: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []
    public var fileCount = 0

    /// Every `.yaml` file at the paths (folders are read one level deep, in byte order).
    public static func files(at paths: [String]) throws(BadInput) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw BadInput("error: no such file or folder: '\(path)'")
            }
            if isDirectory.boolValue {
                let folder = RulesDirectory(path).displayPath
                files += RulesDirectory.yamlFiles(in: folder)?.yaml ?? []
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Reads the scenarios and the plans they name; validates both against the policy.
    public init(files: [String], rules: RulesDirectory, policy: Policy, today: CalendarDate?) {
        self.policy = policy
        var plans: [String: LoadedFile<Plan>] = [:]
        var paths: [String: String] = [:]
        for path in files {
            let loaded = RulesLoader.load(path) { decoder, root in ScenarioDecoder(decoder: decoder).decode(root) }
            sources.append(loaded.source)
            diagnostics += loaded.diagnostics
            fileCount += 1
            guard let scenario = loaded.value else { continue }
            var plan: Plan?
            if let inline = scenario.plan {
                var validator = PlanValidator(plan: inline, policy: policy)
                validator.validate(fileStem: inline.person.id, today: today, language: nil)
                diagnostics += validator.diagnostics.filter { $0.severity == .error }
                plan = inline.isComplete && !validator.diagnostics.contains(where: \.blocksAnswer) ? inline : nil
            } else if let person = scenario.person {
                // `person:` is found as PERSON is on the command line: the id in any case, or the name.
                // Looked up once per name: a name that is no id is found by reading every plan.
                let planPath =
                    paths[person] ?? (try? PersonFinder.path(for: person, in: rules)) ?? rules.planPath(for: person)
                paths[person] = planPath
                if plans[person] == nil, FileManager.default.fileExists(atPath: planPath) {
                    let loadedPlan = RulesLoader.loadPlan(at: planPath, policy: policy, today: today)
                    plans[person] = loadedPlan
                    if loadedPlan.diagnostics.contains(where: { $0.severity == .error }) {
                        sources.append(loadedPlan.source)
                        diagnostics += loadedPlan.diagnostics.filter { $0.severity == .error }
                    }
                }
                if let loadedPlan = plans[person] {
                    plan = loadedPlan.diagnostics.contains(where: \.blocksAnswer) ? nil : loadedPlan.value
                } else {
                    let known = (RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []).map(
                        RulesDirectory.personID(ofPlanFile:))
                    let near = Suggestion.ranked(person, in: known, limit: 5).map { "'\($0)'" }
                    diagnostics.append(
                        .error(
                            "unknown person '\(person)': there is no \(planPath)"
                                + (near.isEmpty ? "" : "; did you mean " + near.joined(separator: ", ") + "?"),
                            at: scenario.personSource ?? SourceLocation(file: path, line: 1)))
                }
            }
            if let plan {
                var validator = ScenarioValidator(policy: policy, plan: plan)
                validator.validate(scenario)
                diagnostics += validator.diagnostics
            }
            cases.append(Case(scenario: scenario, plan: plan))
        }
    }
}

extension LibraryLoad {
    /// Adds a scenario suite's files and diagnostics, once each (a plan's own errors are
    /// already reported by the library).
    public mutating func add(_ suite: ScenarioSuite) {
        let known = Set(sources.map(\.path))
        sources += suite.sources.filter { !known.contains($0.path) }
        fileCount += suite.fileCount
        let seen = Set(diagnostics)
        diagnostics += suite.diagnostics.filter { !seen.contains($0) }
    }
}
