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

    public init(suite: ScenarioSuite) {
        coverage = Coverage(policy: suite.policy)
        let compiled = CompiledPolicy(suite.policy)
        for testCase in suite.cases {
            let scenario = testCase.scenario
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
            for (index, step) in scenario.steps.enumerated() {
                let timeline = scenario.steps[...index].map(\.observation)
                let answer: Answer
                do {
                    answer = try evaluator.evaluate(timeline, now: step.observation.at)
                } catch {
                    if step.expect != nil {
                        results.append(
                            StepResult(
                                scenario: scenario.name, file: scenario.file, step: index + 1, source: step.source,
                                failures: [],
                                error: error.diagnostics.map { "\($0.location.pathLineColumn): \($0.message)" }
                                    .joined(separator: "\n")))
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

    public var passedCount: Int { results.filter(\.passed).count }
    public var failedCount: Int { results.count - passedCount }
}
