/// Loads the policy and one person's plan — not the whole library — for `respond` and `show`.
public enum PersonLoader {
    public static func load(_ rules: RulesDirectory, person: String, today: CalendarDate?) throws(BadInput) -> (
        Policy, Plan
    ) {
        let path = try PersonFinder.path(for: person, in: rules)
        let source: SourceFile
        switch FileReader.read(path) {
        case .success(let read): source = read
        case .failure(let problem): throw BadInput("error: '\(path)' \(problem.description)")
        }
        let policy = try RulesLoader.loadPolicy(rules).usable()
        let loaded = RulesLoader.loadPlan(at: path, policy: policy, today: today)
        let planErrors = loaded.diagnostics.filter { $0.blocksAnswer }
        guard let plan = loaded.value, planErrors.isEmpty else {
            throw BadInput(planErrors, sources: [source])
        }
        return (policy, plan)
    }
}
