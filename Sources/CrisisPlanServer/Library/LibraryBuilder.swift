import CrisisPlan
import Crypto

/// Reads and checks the whole rules library and builds the next `ServedLibrary` from it and
/// the one being served (SPEC v2 §9 "Reload").
///
/// A policy with any error keeps the whole previous library; so does a new policy under which
/// a plan being served — its file unchanged — no longer checks. A plan whose edit fails its
/// checks keeps its previous good version, listed as stale; a new person whose file fails is
/// not served; a deleted file removes that person.
enum LibraryBuilder {
    /// Why a library was not built: the errors, rendered as `check` renders them.
    struct Refusal: Error, Sendable {
        var errors: [String]
    }

    static func build(_ rules: RulesDirectory, previous: ServedLibrary?, now: Timestamp) throws(Refusal) -> ServedLibrary
    {
        let load = RulesLoader.loadLibrary(rules, today: now.utcDate, keepPlans: true)
        let renderer = DiagnosticRenderer(sources: load.sources)
        let errors = load.diagnostics.filter { $0.severity == .error }
        let peoplePrefix = rules.peopleFolder + "/"
        let policyErrors = errors.filter { !$0.location.file.hasPrefix(peoplePrefix) }
        guard let policy = load.policy, policyErrors.isEmpty else {
            throw Refusal(errors: policyErrors.map(renderer.render))
        }
        var errorsByFile: [String: [Diagnostic]] = [:]
        for error in errors { errorsByFile[error.location.file, default: []].append(error) }

        let compiled = CompiledPolicy(policy)
        let files = RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []
        let plansByFile = Dictionary(load.plans.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        let previousPeople = Dictionary(
            (previous?.people ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let previousStale = Dictionary(
            (previous?.stalePlans ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var people: [ServedPerson] = []
        var stale: [StalePlan] = []
        var digests: [(String, String)] = load.sources.filter { !$0.path.hasPrefix(peoplePrefix) }.map {
            ($0.path, digest(RulesDirectory.read($0.path)?.bytes ?? $0.bytes))
        }
        // A change of policy re-makes every evaluator; an unchanged plan under the same policy
        // keeps its own, and its caches.
        let policyVersion = digest(Array(digests.map { "\($0.0)\u{0}\($0.1)\n" }.joined().utf8))
        let samePolicy = previous?.policyVersion == policyVersion
        var brokenByPolicy: [String] = []
        for file in files {
            let id = String(String(file.split(separator: "/").last ?? "").dropLast(".yaml".count))
            let bytes = RulesDirectory.read(file)?.bytes ?? []
            let fileDigest = digest(bytes)
            digests.append((file, fileDigest))
            if let fileErrors = errorsByFile[file], !fileErrors.isEmpty {
                let rendered = fileErrors.map(renderer.render)
                if var kept = previousPeople[id] {
                    if kept.fileDigest == fileDigest, kept.stale == nil {
                        brokenByPolicy += rendered
                        continue
                    }
                    let entry = StalePlan(
                        id: id, errors: rendered, since: previousStale[id]?.since ?? now,
                        servedVersionLoadedAt: kept.loadedAt)
                    kept.stale = entry
                    people.append(kept)
                    stale.append(entry)
                } else {
                    stale.append(
                        StalePlan(id: id, errors: rendered, since: previousStale[id]?.since ?? now, servedVersionLoadedAt: nil))
                }
                continue
            }
            guard let plan = plansByFile[file] else { continue }
            if let kept = previousPeople[id], kept.fileDigest == fileDigest, kept.stale == nil {
                var same = kept
                if !samePolicy {
                    same.evaluator = Evaluator(context: EvaluationContext(policy: compiled, plan: plan))
                    same.plan = plan
                }
                people.append(same)
                continue
            }
            people.append(
                ServedPerson(
                    id: plan.person.id, plan: plan,
                    evaluator: Evaluator(context: EvaluationContext(policy: compiled, plan: plan)),
                    fileDigest: fileDigest, loadedAt: now))
        }
        if !brokenByPolicy.isEmpty {
            throw Refusal(
                errors: ["the new policy makes plans that are served now fail their checks; the library is unchanged"]
                    + brokenByPolicy)
        }
        let version = digest(Array(digests.sorted { $0.0 < $1.0 }.map { "\($0.0)\u{0}\($0.1)\n" }.joined().utf8))
        return ServedLibrary(
            rules: rules, policy: policy, people: people, version: version, loadedAt: now, stalePlans: stale,
            warningCount: load.diagnostics.count - errors.count, policyVersion: policyVersion)
    }

    /// SHA-256, in lowercase hex.
    static func digest(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
