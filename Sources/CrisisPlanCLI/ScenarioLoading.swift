import CrisisPlan

/// The scenario paths given, or `Scenarios/`, loaded with the policy they run against.
enum ScenarioLoading {
    /// `paths`, or the `Scenarios/` beside the library when none are given.
    static func load(paths: [String], rules: RulesDirectory, today: CalendarDate?) throws(BadInput) -> ScenarioSuite {
        try load(files: files(paths: paths, rules: rules), rules: rules, today: today)
    }

    /// The scenario files under `paths`, or under the `Scenarios/` beside the library.
    static func files(paths: [String], rules: RulesDirectory) throws(BadInput) -> [String] {
        try ScenarioSuite.files(at: paths.isEmpty ? [rules.scenariosFolder] : paths)
    }

    /// The files with the library's policy, which must have no errors.
    static func load(files: [String], rules: RulesDirectory, today: CalendarDate?) throws(BadInput) -> ScenarioSuite {
        let policy = try RulesLoader.loadPolicy(rules).usable()
        return ScenarioSuite(files: files, rules: rules, policy: policy, today: today)
    }
}
