/// Runs every step of every scenario: each step is evaluated as of its own `at`, with all
/// earlier steps of its timeline, and compared with its `expect`.
public struct ScenarioRunner {
    /// One step that has an `expect`: a test case.
    public struct StepResult: Sendable {
        public var scenario: String
        public var file: String
        /// 1-based.
        public var step: Int
        public var source: SourceLocation
        public var failures: [ExpectationFailure]
        /// Set when the step could not be evaluated at all (bad input).
        public var error: String?

        public var passed: Bool { failures.isEmpty && error == nil }
    }

    public private(set) var results: [StepResult] = []
    public private(set) var coverage: Coverage

    /// Runs the cases; `skipping` files are not run (their errors are not any one step's).
    public init(suite: ScenarioSuite, skipping broken: Set<String> = []) {
        coverage = Coverage(policy: suite.policy)
        let compiled = CompiledPolicy(suite.policy)
        let errors = Dictionary(
            grouping: suite.diagnostics.filter { $0.severity == .error }, by: \.location.file)
        for testCase in suite.cases where !broken.contains(testCase.scenario.file) {
            let scenario = testCase.scenario
            let problems = Self.errorsByStep(scenario, errors[scenario.file] ?? [])

            guard let plan = testCase.plan else {
                for (index, step) in scenario.steps.enumerated() where step.expect != nil {
                    results.append(
                        StepResult(
                            scenario: scenario.name, file: scenario.file, step: index + 1, source: step.source,
                            failures: [], error: "the plan could not be loaded (see the errors above)"))
                }
                continue
            }
            coverage.add(plan: plan)
            let evaluator = Evaluator(context: EvaluationContext(policy: compiled, plan: plan))
            // A step with a check error (an unrecognised sign, say) is a failed test case, but
            // what it observed still happened: it stays in the timeline of the steps after it —
            // a source of harm named there is withheld later too — unless the observation
            // cannot be evaluated at all (a value its fact does not allow).
            let unusable = Set(
                problems.keys.filter { position in
                    let observation = scenario.steps[position].observation
                    return (try? evaluator.evaluate([observation], now: observation.at)) == nil
                })
            for (index, step) in scenario.steps.enumerated() {
                if let found = problems[index] {
                    results.append(
                        StepResult(
                            scenario: scenario.name, file: scenario.file, step: index + 1, source: step.source,
                            failures: [],
                            error: found.map(\.summary).joined(separator: "\n")))
                    continue
                }
                let timeline = scenario.steps[...index].indices.filter { !unusable.contains($0) }
                    .map { scenario.steps[$0].observation }
                let answer: Answer
                do {
                    answer = try evaluator.evaluate(timeline, now: step.observation.at)
                } catch {
                    if step.expect != nil {
                        results.append(
                            StepResult(
                                scenario: scenario.name, file: scenario.file, step: index + 1, source: step.source,
                                failures: [],
                                error: error.diagnostics.map(\.summary).joined(separator: "\n")))
                    }
                    continue
                }
                coverage.record(answer, plan: plan)
                guard let expect = step.expect else { continue }
                results.append(
                    StepResult(
                        scenario: scenario.name, file: scenario.file, step: index + 1, source: step.source,
                        failures: ExpectationCheck.failures(expect, answer)))
            }
        }
    }

    /// The suite's errors that belong to one step: each makes that step a failed test case,
    /// and the other steps still run (SPEC v3 §10.14).
    public static func stepErrors(in suite: ScenarioSuite) -> Set<Diagnostic> {
        let errors = Dictionary(grouping: suite.diagnostics.filter { $0.severity == .error }, by: \.location.file)
        var found: Set<Diagnostic> = []
        for testCase in suite.cases {
            for problems in errorsByStep(testCase.scenario, errors[testCase.scenario.file] ?? []).values {
                found.formUnion(problems)
            }
        }
        return found
    }

    /// The errors inside each step's lines, by step position.
    private static func errorsByStep(_ scenario: Scenario, _ errors: [Diagnostic]) -> [Int: [Diagnostic]] {
        guard !errors.isEmpty else { return [:] }
        var found: [Int: [Diagnostic]] = [:]
        for (index, step) in scenario.steps.enumerated() {
            let end = index + 1 < scenario.steps.count ? scenario.steps[index + 1].source.line : Int.max
            let inside = errors.filter { $0.location.line >= step.source.line && $0.location.line < end }
            if !inside.isEmpty { found[index] = inside }
        }
        return found
    }

    public var passedCount: Int { results.filter(\.passed).count }
    public var failedCount: Int { results.count - passedCount }
}
