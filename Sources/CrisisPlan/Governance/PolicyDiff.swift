import Foundation

/// What a change to a library does to people's answers, before it goes live: every person in
/// both libraries, every step of the scenarios and the generated cases of both libraries (what
/// a change removes is found only in the old one) — each sign alone and in
/// pairs, each value of each fact a flag, rule or prompt reads (alone, and in pairs for facts
/// read by one condition), each decision lacked and had, one case per red-flag word — at
/// Wednesday 10:00, Wednesday 03:00 and Saturday 22:00 local time, evaluated under both; every
/// case whose answer differs is reported with its observations and what changed.
public struct PolicyDiff: Sendable {
    public struct Case: Sendable {
        public var person: String
        public var name: String
        public var label: String
        /// The case as an observations document, to paste into `respond --observations -`.
        public var document: String
        public var changes: [String]
    }

    public var changed: [Case] = []
    public var added: [String] = []
    public var removed: [String] = []
    public var compared = 0
    public var skipped = 0

    public struct Side: Sendable {
        public var policy: Policy
        public var plans: [Plan]
        public var scenarios: [Scenario]
        /// People whose plan file has `check` errors, with the first: never evaluated (a
        /// broken plan is never half-used), and reported as a change of their own.
        public var broken: [String: String]

        public init(policy: Policy, plans: [Plan], scenarios: [Scenario], broken: [String: String] = [:]) {
            self.policy = policy
            self.plans = plans
            self.scenarios = scenarios
            self.broken = broken
        }
    }

    public init(old: Side, new: Side, on date: CalendarDate, maxCases: Int, onlyPeople: Set<String>? = nil) {
        let oldPlans = Dictionary(old.plans.map { ($0.person.id, $0) }) { first, _ in first }
        let newPlans = Dictionary(new.plans.map { ($0.person.id, $0) }) { first, _ in first }
        added = newPlans.keys.filter { oldPlans[$0] == nil }.sorted()
        removed = oldPlans.keys.filter { newPlans[$0] == nil }.sorted()
        let inBoth = newPlans.keys.filter { oldPlans[$0] != nil && (onlyPeople?.contains($0) ?? true) }
            .sorted { NaturalOrder.precedes($0, $1) }
        // A plan that fails `check` on either side is one change, whatever its answers would be.
        for person in inBoth where old.broken[person] != nil || new.broken[person] != nil {
            let changes =
                [old.broken[person].map { "fails check in OLD: \($0)" }, new.broken[person].map { "fails check in NEW: \($0)" }]
                .compactMap { $0 }
            changed.append(
                Case(
                    person: person, name: newPlans[person]!.person.name, label: "the plan itself",
                    document: ObservationDocument.json(person: person, []), changes: changes))
        }
        let people = inBoth.filter { old.broken[$0] == nil && new.broken[$0] == nil }
        var budget = maxCases
        // Each policy compiled once, each person's evaluator made once per side.
        let oldCompiled = CompiledPolicy(old.policy)
        let newCompiled = CompiledPolicy(new.policy)
        var evaluators: [String: (Evaluator, Evaluator)] = [:]
        func pair(_ person: String) -> (Evaluator, Evaluator) {
            if let known = evaluators[person] { return known }
            let made = (
                Evaluator(context: EvaluationContext(policy: oldCompiled, plan: oldPlans[person]!)),
                Evaluator(context: EvaluationContext(policy: newCompiled, plan: newPlans[person]!))
            )
            evaluators[person] = made
            return made
        }
        // The scenarios' steps first: the cases someone wrote down.
        var scenarioCases:
            [(person: String, name: String, label: String, timeline: [Observation], now: Timestamp, evaluators: (Evaluator, Evaluator)?)] = []
        var seenScenario: Set<String> = []
        for scenario in new.scenarios + old.scenarios where seenScenario.insert(scenario.file.split(separator: "/").last.map(String.init) ?? scenario.file).inserted {
            let id: String
            let name: String
            let evaluators: (Evaluator, Evaluator)?
            if let inline = scenario.plan, scenario.person == nil {
                // A plan held in the scenario is the same on both sides: only the policy changes.
                id = inline.person.id
                name = inline.person.name
                evaluators = (
                    Evaluator(context: EvaluationContext(policy: oldCompiled, plan: inline)),
                    Evaluator(context: EvaluationContext(policy: newCompiled, plan: inline))
                )
            } else {
                guard let person = scenario.person,
                    let found = people.first(where: { $0 == person || oldPlans[$0]?.person.isNamed(by: person) == true })
                else { continue }
                id = found
                name = newPlans[found]!.person.name
                evaluators = nil
            }
            for index in scenario.steps.indices {
                scenarioCases.append(
                    (id, name, "\(scenario.name), step \(index + 1)", scenario.steps[...index].map(\.observation),
                     scenario.steps[index].observation.at, evaluators))
            }
        }
        // Every step, whatever `maxCases` says: the cap is on generated cases, so a small cap
        // never turns a changed scenario step into "nothing changed".
        for item in scenarioCases {
            compare(item.person, item.name, item.label, item.timeline, item.now, item.evaluators ?? pair(item.person))
        }
        let times = Self.times(in: date, zone: new.policy.timezone)
        for person in people {
            let plan = newPlans[person]!
            // From both sides: a sign, a fact, a rule's value or a red-flag word that the change
            // removes is a case only the old library generates, and the change is in its answer.
            var labels: Set<String> = []
            let cases = (Self.generated(plan: plan, policy: new.policy)
                + Self.generated(plan: oldPlans[person]!, policy: old.policy)).filter { labels.insert($0.0).inserted }
            for (label, observation) in cases {
                for (when, time) in times {
                    guard budget > 0 else { skipped += 1; continue }
                    budget -= 1
                    var timed = observation
                    timed.at = time
                    for index in timed.capacity.indices { timed.capacity[index].assessedAt = time }
                    compare(person, plan.person.name, label + " — " + when, [timed], time, pair(person))
                }
            }
        }
    }

    private mutating func compare(
        _ person: String, _ name: String, _ label: String, _ timeline: [Observation], _ now: Timestamp,
        _ evaluators: (Evaluator, Evaluator)
    ) {
        compared += 1
        let before = Self.summary(evaluators.0, timeline, now)
        let after = Self.summary(evaluators.1, timeline, now)
        let changes = before.changes(to: after)
        guard !changes.isEmpty else { return }
        changed.append(
            Case(
                person: person, name: name, label: label,
                document: ObservationDocument.json(person: person, timeline), changes: changes))
    }

    private static func summary(_ evaluator: Evaluator, _ timeline: [Observation], _ now: Timestamp) -> AnswerSummary {
        do {
            return AnswerSummary(try evaluator.evaluate(timeline, now: now))
        } catch {
            return AnswerSummary(error: error.diagnostics.first?.message ?? "bad input")
        }
    }

    /// Wednesday 10:00, Wednesday 03:00 and Saturday 22:00 local time in the week of `date`.
    static func times(in date: CalendarDate, zone: String) -> [(String, Timestamp)] {
        let weekday = (date.daysSinceEpoch + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        let monday = date.daysSinceEpoch - (weekday < 0 ? weekday + 7 : weekday)
        let timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        func at(_ dayOffset: Int, _ hour: Int) -> Timestamp {
            let local = Int64(monday + dayOffset) * 86_400 + Int64(hour) * 3_600
            let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
            return Timestamp(seconds: local - offset)
        }
        return [("Wednesday 10:00", at(2, 10)), ("Wednesday 03:00", at(2, 3)), ("Saturday 22:00", at(5, 22))]
    }

    /// The generated cases for one person, in order, each as one observation.
    static func generated(plan: Plan, policy: Policy) -> [(String, Observation)] {
        let source = SourceLocation(file: "<diff>", line: 1)
        func observation(signs: [String] = [], facts: [(String, String)] = [], capacity: [(String, CapacityStatus)] = []) -> Observation {
            var observation = Observation(at: Timestamp(seconds: 0), source: source)
            observation.signs = signs.map { SourcedText(text: $0, source: source) }
            observation.facts = facts.map { ObservedFact(fact: $0.0, value: $0.1, factSource: source, valueSource: source) }
            observation.capacity = capacity.map { CapacityAssessment(decision: $0.0, status: $0.1, assessedAt: Timestamp(seconds: 0), source: source) }
            return observation
        }
        var cases: [(String, Observation)] = []
        let signs = plan.signs.map(\.id)
        for sign in signs { cases.append(("sign \(sign)", observation(signs: [sign]))) }
        for (i, first) in signs.enumerated() {
            for second in signs[(i + 1)...] { cases.append(("signs \(first) and \(second)", observation(signs: [first, second]))) }
        }
        let conditions = policy.flags.map(\.when) + policy.escalation.map(\.when) + policy.prompts.compactMap(\.when)
        let read = conditions.flatMap(\.factsRead) + policy.prompts.map(\.ask)
        var facts: [String] = []
        for fact in read where !facts.contains(fact) { facts.append(fact) }
        func values(_ id: String) -> [String] {
            guard let fact = policy.facts.first(where: { $0.id == id }) else { return [] }
            switch fact.kind {
            case .bool: return ["true", "false"]
            case .enumeration(let values): return values
            case .contact: return plan.contacts.map(\.id) + plan.doNotContact.compactMap(\.id)
            }
        }
        for fact in facts {
            for value in values(fact) { cases.append(("\(fact) = \(value)", observation(facts: [(fact, value)]))) }
        }
        for condition in conditions {
            let together = Array(Set(condition.factsRead)).sorted()
            for (i, first) in together.enumerated() {
                for second in together[(i + 1)...] {
                    for a in values(first) {
                        for b in values(second) {
                            cases.append(("\(first) = \(a), \(second) = \(b)", observation(facts: [(first, a), (second, b)])))
                        }
                    }
                }
            }
        }
        for decision in policy.decisions ?? [] {
            for status in [CapacityStatus.lacks, .has] {
                cases.append(("capacity for \(decision.id): \(status.rawValue)", observation(capacity: [(decision.id, status)])))
            }
        }
        for flag in policy.redFlags {
            for word in flag.words {
                let text = word.hasSuffix("*") ? String(word.dropLast()) + "ed" : word
                cases.append(("typed \"\(text)\"", observation(signs: [text])))
            }
        }
        return cases
    }
}
