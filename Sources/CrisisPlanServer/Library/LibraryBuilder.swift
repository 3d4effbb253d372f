import CrisisPlan
import Crypto
import Dispatch
import Synchronization

/// Reads and checks the whole rules library and builds the next `ServedLibrary` from it and
/// the one being served (SPEC v2 §9 "Reload").
///
/// A policy with any error keeps the whole previous library; so does a new policy under which
/// a version being served no longer checks. A plan whose file fails its checks keeps its
/// previous good version, listed as stale; a new person whose file fails is not served; a
/// deleted file removes that person. Each plan is checked from the very bytes its digest is
/// taken of; a plan whose bytes and policy are both unchanged is not read again, and one whose
/// bytes alone are unchanged is checked against the new policy from what was read before.
enum LibraryBuilder {
    /// Why a library was not built: the errors, rendered as `check` renders them.
    struct Refusal: Error, Sendable {
        var errors: [String]
    }

    /// One plan file as read for this reload.
    private enum Reading: Sendable {
        case unchanged(ServedPerson)
        /// `decodeDiagnostics`: what reading found before the policy's checks; `prepared`:
        /// the served version's policy-free preparation, when the text is that version's.
        case checked(LoadedFile<Plan>, decodeDiagnostics: [Diagnostic], digest: String, prepared: PreparedPlan?)
    }

    /// `confirmed`: people whose new version an admin has confirmed although it drops a
    /// do-not-contact entry. `ledger`: the lists last confirmed, from the audit store; without
    /// one for a person, the list of the version served now.
    static func build(
        _ rules: RulesDirectory, previous: ServedLibrary?, now: Timestamp, confirmed: Set<String> = [],
        ledger: DoNotContactLedger = DoNotContactLedger()
    ) throws(Refusal) -> ServedLibrary {
        let policyLoad = RulesLoader.loadPolicy(rules)
        let policy: Policy
        do throws(BadInput) {
            policy = try policyLoad.usable()
        } catch {
            throw Refusal(errors: DiagnosticRenderer(sources: policyLoad.sources).renderAll(policyLoad.blockingErrors))
        }
        let policyEntries = policyLoad.sources.map { (relative($0.path, in: rules), digest($0.bytes)) }
        let policyVersion = digest(lines(policyEntries))
        let samePolicy = previous?.policyVersion == policyVersion
        let checker = RulesLoader.PlanChecker(policy: policy)
        let compiled = CompiledPolicy(policy)

        let files = RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []
        let clashes = Dictionary(grouping: RulesLoader.caseClashes(files), by: \.location.file)
        let previousPeople = Dictionary(
            (previous?.people ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let previousStale = Dictionary(
            (previous?.stalePlans ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        let readings = Mutex<[Reading?]>(Array(repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let reading: Reading
            switch FileReader.read(file) {
            case .success(let source):
                let fileDigest = digest(source.bytes)
                if clashes[file] == nil, let kept = previousPeople[RulesDirectory.personID(ofPlanFile: file)],
                    kept.stale == nil, kept.fileDigest == fileDigest
                {
                    // The text is the served version's: under the same policy it is kept as it
                    // is; under a new one it is checked again from what was read, and keeps its
                    // preparation (only what depends on the policy is built anew).
                    reading =
                        samePolicy
                        ? .unchanged(kept)
                        : .checked(
                            checker.validate(
                                LoadedFile(source: kept.source, value: kept.plan, diagnostics: kept.decodeDiagnostics),
                                today: now.utcDate),
                            decodeDiagnostics: kept.decodeDiagnostics, digest: fileDigest,
                            prepared: kept.evaluator.context.prepared)
                } else {
                    let decoded = RulesLoader.PlanChecker.decode(source)
                    reading = .checked(
                        checker.validate(decoded, today: now.utcDate), decodeDiagnostics: decoded.diagnostics,
                        digest: fileDigest, prepared: nil)
                }
            case .failure(let problem):
                let diagnostic = Diagnostic.error("this \(problem.description)", at: SourceLocation(file: file, line: 1))
                reading = .checked(
                    LoadedFile(source: SourceFile(path: file, bytes: []), value: nil, diagnostics: [diagnostic]),
                    decodeDiagnostics: [diagnostic], digest: "", prepared: nil)
            }
            readings.withLock { $0[index] = reading }
        }

        var people: [ServedPerson] = []
        var stale: [StalePlan] = []
        var brokenByPolicy: [String] = []
        var warnings = policyLoad.diagnostics.count
        for (index, reading) in readings.withLock({ $0 }).enumerated() {
            let file = files[index]
            let id = RulesDirectory.personID(ofPlanFile: file)
            switch reading {
            case .unchanged(let kept)?:
                people.append(kept)
                warnings += kept.warningCount
            case .checked(let loaded, let decodeDiagnostics, let fileDigest, let prepared)?:
                let errors = loaded.diagnostics.filter { $0.blocksAnswer } + (clashes[file] ?? [])
                warnings += loaded.diagnostics.count - loaded.diagnostics.filter { $0.blocksAnswer }.count
                let baseline = ledger.lists[id] ?? previousPeople[id]?.plan.doNotContact.map(DoNotContactLedger.Entry.init)
                if errors.isEmpty, var plan = loaded.value, let baseline, !confirmed.contains(id),
                    case let lost = DoNotContactHold.lost(from: baseline, in: plan), !lost.isEmpty
                {
                    guard var kept = previousPeople[id], DoNotContactHold.lost(from: lost, in: kept.plan).isEmpty else {
                        // Not served by this process with those entries (it has just started):
                        // the new version, with the entries it lost kept in every answer.
                        plan.doNotContact += lost.map(\.planEntry)
                        let entry = StalePlan(
                            id: id, errors: [DoNotContactHold.message(lost, person: id, keptVersion: false)],
                            reason: .doNotContactRemoved, since: previousStale[id]?.since ?? now,
                            servedVersionLoadedAt: now)
                        people.append(
                            ServedPerson(
                                id: plan.person.id, plan: plan,
                                evaluator: Evaluator(context: EvaluationContext(policy: compiled, plan: plan)),
                                source: loaded.source, decodeDiagnostics: decodeDiagnostics, fileDigest: fileDigest,
                                warningCount: loaded.diagnostics.count - errors.count, loadedAt: now, stale: entry))
                        stale.append(entry)
                        continue
                    }
                    let entry = StalePlan(
                        id: id, errors: [DoNotContactHold.message(lost, person: id, keptVersion: true)],
                        reason: .doNotContactRemoved, since: previousStale[id]?.since ?? now,
                        servedVersionLoadedAt: kept.loadedAt)
                    if !samePolicy {
                        let again = checker.check(kept.source, today: now.utcDate)
                        guard again.diagnostics.allSatisfy({ !$0.blocksAnswer }), let served = again.value else {
                            brokenByPolicy += DiagnosticRenderer(sources: [kept.source]).renderAll(
                                again.diagnostics.filter(\.blocksAnswer))
                            continue
                        }
                        kept.plan = served
                        kept.evaluator = Evaluator(context: EvaluationContext(policy: compiled, plan: served))
                    }
                    kept.stale = entry
                    people.append(kept)
                    stale.append(entry)
                    continue
                }
                if errors.isEmpty, let plan = loaded.value {
                    let context = EvaluationContext(policy: compiled, prepared: prepared ?? PreparedPlan(plan))
                    people.append(
                        ServedPerson(
                            id: plan.person.id, plan: plan, evaluator: Evaluator(context: context),
                            source: loaded.source, decodeDiagnostics: decodeDiagnostics, fileDigest: fileDigest,
                            warningCount: loaded.diagnostics.count - errors.count, loadedAt: now))
                    continue
                }
                let rendered = DiagnosticRenderer(sources: [loaded.source]).renderAll(errors)
                guard var kept = previousPeople[id] else {
                    stale.append(
                        StalePlan(
                            id: id, errors: rendered, since: previousStale[id]?.since ?? now, servedVersionLoadedAt: nil))
                    continue
                }
                if !samePolicy {
                    // The version served must pass under the new policy, or the policy is refused.
                    let again = checker.check(kept.source, today: now.utcDate)
                    let againErrors = again.diagnostics.filter { $0.blocksAnswer }
                    guard againErrors.isEmpty, let plan = again.value else {
                        brokenByPolicy += DiagnosticRenderer(sources: [kept.source]).renderAll(againErrors)
                        continue
                    }
                    kept.plan = plan
                    kept.evaluator = Evaluator(context: EvaluationContext(policy: compiled, plan: plan))
                }
                let entry = StalePlan(
                    id: id, errors: rendered, since: previousStale[id]?.since ?? now, servedVersionLoadedAt: kept.loadedAt)
                kept.stale = entry
                people.append(kept)
                stale.append(entry)
            case nil:
                continue
            }
        }
        if !brokenByPolicy.isEmpty {
            throw Refusal(
                errors: ["error: the new policy makes plans that are served now fail their checks; the library is unchanged"]
                    + brokenByPolicy)
        }
        // What is served, by path within the library: the same files give the same version on
        // every instance, wherever the library is mounted.
        let servedEntries = people.map { (relative($0.source.path, in: rules), $0.fileDigest) }
        return ServedLibrary(
            rules: rules, policy: policy, people: people, version: digest(lines(policyEntries + servedEntries)),
            loadedAt: now, stalePlans: stale, warningCount: warnings, policyVersion: policyVersion)
    }

    private static func relative(_ path: String, in rules: RulesDirectory) -> String {
        let prefix = rules.displayPath + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func lines(_ entries: [(String, String)]) -> [UInt8] {
        Array(entries.sorted { $0.0 < $1.0 }.map { "\($0.0)\u{0}\($0.1)\n" }.joined().utf8)
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
