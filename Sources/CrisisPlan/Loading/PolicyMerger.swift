/// Merges policy files (already in byte order of their names) into one `Policy` (SPEC §3
/// "Merging policy files"): lists join in order; ids are unique across files; `stages`
/// appears in one file only; each setting is set once.
struct PolicyMerger {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func merge(_ fragments: [PolicyFragment], firstFile: String) -> Policy {
        var policy = Policy(
            stages: [], signsActiveFor: Policy.defaultSignsActiveFor, capacityValidFor: Policy.defaultCapacityValidFor,
            facts: [], escalation: [], flags: [], language: [])
        var stagesSource: SourceLocation?
        var signsSource: SourceLocation?
        var capacitySource: SourceLocation?
        for fragment in fragments {
            if let stages = fragment.stages, let source = fragment.stagesSource {
                if let first = stagesSource {
                    error(
                        "'stages' is set in more than one policy file; it is already set at \(first.pathAndLine)",
                        source)
                } else {
                    stagesSource = source
                    policy.stages = stages
                }
            }
            setOnce("signs_active_for", fragment.signsActiveFor, &policy.signsActiveFor, &signsSource)
            setOnce("capacity_valid_for", fragment.capacityValidFor, &policy.capacityValidFor, &capacitySource)
            policy.facts += fragment.facts
            policy.escalation += fragment.escalation
            policy.flags += fragment.flags
            policy.language += fragment.language
            if let decisions = fragment.decisions { policy.decisions = (policy.decisions ?? []) + decisions }
            policy.prompts += fragment.prompts
            policy.redFlags += fragment.redFlags
            policy.consistency += fragment.consistency
            policy.overrideReasons += fragment.overrideReasons
            policy.holidays += fragment.holidays
            if let (zone, source) = fragment.timezone {
                if let first = policy.timezoneSource {
                    error("'timezone' is already set at \(first.pathAndLine)", source)
                } else {
                    policy.timezone = zone
                    policy.timezoneSource = source
                }
            }
        }
        if stagesSource == nil, !fragments.isEmpty {
            error(
                "no policy file declares 'stages'; the escalation ladder is needed, lowest first",
                SourceLocation(file: firstFile, line: 1))
        }
        uniqueIds(policy.stages.map { ($0.id, $0.source) }, "stage")
        uniqueIds(policy.facts.map { ($0.id, $0.source) }, "fact")
        uniqueIds(policy.escalation.map { ($0.id, $0.source) }, "escalation rule")
        uniqueIds(policy.flags.map { ($0.id, $0.source) }, "flag")
        uniqueIds(policy.prompts.map { ($0.id, $0.source) }, "prompt")
        uniqueIds(policy.redFlags.map { ($0.id, $0.source) }, "red flag")
        uniqueIds(policy.consistency.map { ($0.id, $0.source) }, "consistency rule")
        uniqueIds(policy.overrideReasons.map { ($0.id, $0.source) }, "override reason")
        uniqueFactIds(policy.facts)
        uniqueIds((policy.decisions ?? []).map { (TextNormalizer.normalize($0.id), $0.source) }, "decision")
        return policy
    }

    /// A setting may be set in one policy file only.
    private mutating func setOnce(
        _ name: String, _ value: (PolicyDuration, SourceLocation)?, _ setting: inout PolicyDuration,
        _ setAt: inout SourceLocation?
    ) {
        guard let (duration, source) = value else { return }
        if let first = setAt {
            error("'\(name)' is already set at \(first.pathAndLine)", source)
        } else {
            setAt = source
            setting = duration
        }
    }

    private mutating func uniqueIds(_ items: [(String, SourceLocation)], _ what: String) {
        var seen: [String: SourceLocation] = [:]
        for (id, source) in items {
            if let first = seen[id] {
                error("duplicate \(what) id '\(id)'; it is already declared at \(first.pathAndLine)", source)
            } else {
                seen[id] = source
            }
        }
    }

    /// Fact ids are compared after normalisation in observations (`self-harm` is `self_harm`),
    /// so two that normalise alike could not be told apart.
    private mutating func uniqueFactIds(_ facts: [FactDeclaration]) {
        var seen: [String: FactDeclaration] = [:]
        for fact in facts {
            let key = TextNormalizer.normalize(fact.id)
            if let first = seen[key], first.id != fact.id {
                error(
                    "fact ids '\(first.id)' and '\(fact.id)' are the same once case, spaces, hyphens and underscores are set aside (\(first.source.pathAndLine)); observations could not tell them apart",
                    fact.source)
            }
            seen[key] = seen[key] ?? fact
        }
    }

    private mutating func error(_ message: String, _ source: SourceLocation) {
        diagnostics.append(.error(message, at: source))
    }
}
