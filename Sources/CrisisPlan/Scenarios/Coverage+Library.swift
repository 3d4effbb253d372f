extension Coverage {
    /// Adds every policy file and every plan of the library that no scenario reached, so that
    /// what is untested shows at 0 % rather than not at all.
    public mutating func includeLibrary(_ rules: RulesDirectory, policy: Policy) {
        for file in RulesDirectory.yamlFiles(in: rules.policyFolder)?.yaml ?? [] { include(file: file) }
        for path in RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []
        where !files.contains(where: { $0.file == path }) {
            if let plan = RulesLoader.loadPlan(at: path, policy: policy, today: nil).value {
                add(plan: plan)
            }
            include(file: path)
        }
    }
}
