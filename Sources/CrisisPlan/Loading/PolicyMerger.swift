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
                    error("'stages' is set in more than one policy file; it is already set at \(first.pathAndLine)", source)
                } else {
                    stagesSource = source
                    policy.stages = stages
                }
            }
            if let (duration, source) = fragment.signsActiveFor {
                if let first = signsSource {
                    error("'signs_active_for' is already set at \(first.pathAndLine)", source)
                } else {
                    signsSource = source
                    policy.signsActiveFor = duration
                }
            }
            if let (duration, source) = fragment.capacityValidFor {
                if let first = capacitySource {
                    error("'capacity_valid_for' is already set at \(first.pathAndLine)", source)
                } else {
                    capacitySource = source
                    policy.capacityValidFor = duration
                }
            }
            policy.facts += fragment.facts
            policy.escalation += fragment.escalation
            policy.flags += fragment.flags
            policy.language += fragment.language
        }
        if stagesSource == nil, !fragments.isEmpty {
            error("no policy file declares 'stages'; the escalation ladder is needed, lowest first",
                SourceLocation(file: firstFile, line: 1))
        }
        uniqueIds(policy.stages.map { ($0.id, $0.source) }, "stage")
        uniqueIds(policy.facts.map { ($0.id, $0.source) }, "fact")
        uniqueIds(policy.escalation.map { ($0.id, $0.source) }, "escalation rule")
        uniqueIds(policy.flags.map { ($0.id, $0.source) }, "flag")
        return policy
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

    private mutating func error(_ message: String, _ source: SourceLocation) {
        diagnostics.append(.error(message, at: source))
    }
}
