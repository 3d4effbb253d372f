import CrisisPlan
import Foundation
import Synchronization

/// The scenarios beside the served library that can be played (a plan, no errors), read
/// again when the library's version changes or a scenario file is added, removed or changed
/// (a scenario is not part of the version, so a reload alone would not show a new one).
final class ScenarioLibrary: Sendable {
    struct Loaded: Sendable {
        var version: String
        /// The scenario files as they were read: each path, size and modification time.
        var fingerprint: String
        var policy: Policy
        var cases: [ScenarioSuite.Case]
        /// Scenario files left out because `check` finds errors in them, by name.
        var leftOut: [String]
    }
    private let cache = Mutex<Loaded?>(nil)

    func scenarios(for library: ServedLibrary) -> Loaded {
        let files = (try? ScenarioSuite.files(at: [library.rules.scenariosFolder])) ?? []
        let fingerprint = Self.fingerprint(files)
        if let cached = cache.withLock({ $0 }), cached.version == library.version, cached.fingerprint == fingerprint {
            return cached
        }
        let suite = ScenarioSuite(files: files, rules: library.rules, policy: library.policy, today: nil)
        let broken = Set(suite.diagnostics.filter { $0.severity == .error }.map(\.location.file))
        let loaded = Loaded(
            version: library.version, fingerprint: fingerprint, policy: suite.policy,
            cases: suite.cases.filter { $0.plan != nil && !broken.contains($0.scenario.file) },
            leftOut: broken.map { String($0.split(separator: "/").last ?? Substring($0)) }.sorted())
        cache.withLock { $0 = loaded }
        return loaded
    }

    /// Each file's path, size and modification time: a stat per file, on the rare training page.
    static func fingerprint(_ files: [String]) -> String {
        files.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path)|\(size)|\(modified)"
        }.joined(separator: "\n")
    }
}
