import CrisisPlan

/// The observations a request gave, as its audit record keeps them: the signs (and signs
/// resolved), the facts and the capacity assessments, in the order given.
enum ObservationSummary {
    static func json(_ timeline: ObservationTimeline) -> CanonicalJSON {
        var signs: [CanonicalJSON] = []
        var resolved: [CanonicalJSON] = []
        var facts: [CanonicalJSON] = []
        var capacity: [CanonicalJSON] = []
        for observation in timeline.observations {
            signs += observation.signs.map { .string($0.text) }
            resolved += observation.resolved.map { .string($0.text) }
            facts += observation.facts.map { .object(["fact": .string($0.fact), "value": .string($0.value)]) }
            capacity += observation.capacity.map {
                .object(["decision": .string($0.decision), "status": .string($0.status.rawValue)])
            }
        }
        return .object([
            "signs": .array(signs), "resolved": .array(resolved), "facts": .array(facts), "capacity": .array(capacity),
        ])
    }
}
