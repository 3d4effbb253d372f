@testable import CrisisPlan

/// The shipped `Rules/` library, for tests of behaviour a crisis worker relies on.
enum ShippedRules {
    static let rules = RulesDirectory(PackageRoot.path + "/Rules")
    static let now = Timestamp(parsing: "2026-11-24T10:30:00Z")!

    static func evaluator(_ person: String) throws -> Evaluator {
        let (policy, plan) = try PersonLoader.load(rules, person: person, today: now.utcDate)
        return Evaluator(policy: policy, plan: plan)
    }

    /// One observation at `now` with these signs, facts (`id=value`) and capacity assessments.
    static func observation(
        signs: [String] = [], facts: [String] = [], capacity: [String] = [], at time: Timestamp = now
    ) throws -> Observation {
        try CommandLineObservation.make(signs: signs, facts: facts, capacity: capacity, at: time)
            ?? Observation(at: time, source: SourceLocation(file: "<test>", line: 1))
    }

    static func respond(
        _ person: String, signs: [String] = [], facts: [String] = [], capacity: [String] = [],
        earlier: [Observation] = [], at time: Timestamp = now
    ) throws -> Answer {
        let observations = earlier + [try observation(signs: signs, facts: facts, capacity: capacity, at: time)]
        return try evaluator(person).evaluate(observations, now: time)
    }

    /// Abuse suspected, and nothing yet known of the s42(1) limbs: enough for a concern.
    static let safeguarding = ["abuse_or_neglect=suspected"]

    /// The shipped policy's fact ids, in declaration order (as error messages list them).
    static func factIds() -> [String] {
        RulesLoader.loadPolicy(rules).policy?.facts.map(\.id) ?? []
    }
}
