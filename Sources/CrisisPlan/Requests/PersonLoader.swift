/// Loads the policy and one person's plan — not the whole library — for `respond` and `show`.
public enum PersonLoader {
    public static func load(_ rules: RulesDirectory, person: String, today: CalendarDate?) throws(BadInput) -> (
        Policy, Plan
    ) {
        let path = rules.planPath(for: person)
        guard person.allSatisfy({ $0 != "/" }), let source = RulesDirectory.read(path) else {
            let known = (RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []).map { path in
                String(path.split(separator: "/").last!.dropLast(".yaml".count))
            }
            let hint =
                Suggestion.closest(to: person, in: known).map { "; did you mean '\($0)'?" }
                ?? (known.isEmpty ? "" : "; known people: " + known.prefix(20).joined(separator: ", "))
            throw BadInput("error: unknown person '\(person)': there is no \(path)\(hint)")
        }
        let policyLoad = RulesLoader.loadPolicy(rules)
        let policyErrors = policyLoad.diagnostics.filter { $0.severity == .error }
        guard let policy = policyLoad.policy, policyErrors.isEmpty else {
            throw BadInput(policyErrors, sources: policyLoad.sources)
        }
        let loaded = RulesLoader.loadPlan(at: path, policy: policy, today: today)
        let planErrors = loaded.diagnostics.filter { $0.severity == .error }
        guard let plan = loaded.value, planErrors.isEmpty else {
            throw BadInput(planErrors, sources: [source])
        }
        return (policy, plan)
    }
}
