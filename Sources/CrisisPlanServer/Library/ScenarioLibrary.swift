import CrisisPlan
import Synchronization

/// The scenarios beside the served library that can be played (a plan, no errors), loaded
/// once per library version for the training pages.
final class ScenarioLibrary: Sendable {
    struct Loaded: Sendable {
        var version: String
        var policy: Policy
        var cases: [ScenarioSuite.Case]
    }
    private let cache = Mutex<Loaded?>(nil)

    func scenarios(for library: ServedLibrary) -> Loaded {
        if let cached = cache.withLock({ $0 }), cached.version == library.version { return cached }
        let files = (try? ScenarioSuite.files(at: [library.rules.scenariosFolder])) ?? []
        let suite = ScenarioSuite(files: files, rules: library.rules, policy: library.policy, today: nil)
        let broken = Set(suite.diagnostics.filter { $0.severity == .error }.map(\.location.file))
        let loaded = Loaded(
            version: library.version, policy: suite.policy,
            cases: suite.cases.filter { $0.plan != nil && !broken.contains($0.scenario.file) })
        cache.withLock { $0 = loaded }
        return loaded
    }
}
