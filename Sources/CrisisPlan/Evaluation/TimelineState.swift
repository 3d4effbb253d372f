/// What a timeline of observations adds up to at one moment: which signs are active, each
/// fact's current value, who has been named as a source of harm, and the latest capacity
/// assessment for each decision.
struct TimelineState {
    struct SignState {
        var lastObserved: Timestamp?
        var active = false
    }

    /// Someone a `contact` fact named: the plan entry, and the first time they were named.
    struct Naming: Sendable {
        var entry: Int
        var at: Timestamp
        var source: SourceLocation
    }

    /// A professional's decision to stop withholding someone named as a source of harm.
    struct Reinstated {
        var entry: Int
        var by: String
        var reason: String
        var at: Timestamp
        var source: SourceLocation
    }

    /// What the timeline says of one fact so far. Plain data, nothing to count references to:
    /// the policy's defaults are copied on every evaluation's first observed fact.
    struct FactState: Sendable {
        /// The current value (the default until observed); read as a `FactValue` through
        /// `TimelineState.value(of:people:)`.
        var value: StoredValue?
        /// Where the current value was observed, for `because` lines.
        var observedAt: Timestamp?
        /// The position of the latest observation that answered it (a value other than its
        /// `not_asked`), for red flags' attention items.
        var answeredIn: Int?
    }

    /// A fact's value as the state keeps it: a contact fact's value as the plan entry it names
    /// first (`nil` for someone the plan does not name), not as the entry's text.
    enum StoredValue: Sendable, Equatable {
        case bool(Bool)
        case enumeration(Int)
        case contact(entry: Int?)

        /// A bool or enum value as kept; `nil` for a contact value, which is kept as the entry
        /// it names once the plan's people have been looked up (`apply`).
        init?(_ value: FactValue) {
            switch value {
            case .bool(let value): self = .bool(value)
            case .enumeration(let position): self = .enumeration(position)
            case .contact: return nil
            }
        }
    }

    /// Who a `contact` fact has named. Apart from `FactState`, so that the policy's defaults,
    /// copied on every evaluation's first observed fact, hold no arrays to count references to.
    struct Namings: Sendable {
        /// Everyone the fact has named in any observation so far, in order. Naming someone new
        /// never takes an earlier one off this list (SPEC v2 §3, v3 §10.1); only a
        /// professional's reinstatement does.
        var named: [Naming] = []
        /// The entries its latest value names.
        var latest: [Int] = []
    }

    /// Per sign of the plan, in its order, and perhaps a few more never read: shared with the
    /// policy's list of unobserved signs until a sign is observed (made anew for a plan of
    /// more than 256 signs).
    var signs: [SignState]
    /// Per fact of the policy, in its order: one array, shared with the policy's defaults
    /// until an observation changes a fact.
    var facts: [FactState]
    /// Per `contact` fact position, once it has named someone.
    var namings: [Int: Namings] = [:]
    var reinstated: [Reinstated] = []
    /// The latest assessment for each decision, in order of first appearance.
    var capacity: [CapacityAssessment] = []
    /// `unknown-sign`, `possible-emergency`, `contact-fact-look-alike` and
    /// `future-observation`, in timeline order.
    var warnings: [AnswerWarning] = []
    /// Texts that matched no sign: the stage counts recognised signs only.
    var unrecognised = 0
    /// For each `possible-emergency` warning: its position, the red flag's fact and the
    /// observation it was typed in.
    var possibleEmergencies: [(warning: Int, ask: Int?, observation: Int)] = []
    /// The ids of the red flags matched, for coverage.
    var redFlagsMatched: [String] = []
    /// Bad input: an undeclared fact or a value its type does not allow.
    var errors: [Diagnostic] = []
    private var observationCount = 0

    /// A timeline with nothing observed yet: the plan's signs and the policy's facts as
    /// prepared, shared until an observation changes them.
    init(_ context: EvaluationContext) {
        let count = context.signIds.count
        signs = context.policy.unobservedSigns(atLeast: count) ?? Array(repeating: SignState(), count: count)
        facts = context.policy.initialFactStates
    }

    /// Adds one observation. Taken through a pointer, valid for the call only: the closures
    /// below that read its signs and facts would each capture a copy of a borrowed observation.
    mutating func apply(_ observation: UnsafePointer<Observation>, now: Timestamp, context: EvaluationContext) {
        if observation.pointee.at > now {
            warnings.append(
                AnswerWarning(
                    code: .futureObservation,
                    message:
                        "the observation at \(observation.pointee.at) is after the evaluation time \(now) and is ignored",
                    source: observation.pointee.source.pathAndLine))
            return
        }
        observationCount += 1
        // Each sign, fact and text is read in place (`inPlace`): this runs for every
        // observation of every evaluation.
        // Where the observation is, written once for all its unrecognised texts.
        var observationSource: String?
        let at = observation.pointee.at
        Self.inPlace(observation.pointee.signs) { text, _ in
            if let index = context.matcher.match(text.pointee.text) {
                signs[index].lastObserved = at
                signs[index].active = true
            } else {
                notRecognised(text, in: observation, &observationSource, context)
            }
        }
        Self.inPlace(observation.pointee.resolved) { text, _ in
            if let index = context.matcher.match(text.pointee.text) {
                signs[index].active = false
            } else {
                notRecognised(text, in: observation, &observationSource, context)
            }
        }
        // Two keys in one observation that name one fact (`self-harm` and `self_harm`) are bad
        // input: which one was meant could only be guessed. Positions below 64 are kept in a
        // bit mask, so the common case allocates nothing.
        var seen: UInt64 = 0
        Self.inPlace(observation.pointee.facts) { fact, item in
            guard let index = apply(fact, at: at, context: context) else { return }
            let repeated = index < 64 ? seen & (1 << index) != 0
                : observation.pointee.facts[..<item].contains { context.policy.factIndex($0.fact) == index }
            if repeated { repeatedFact(index, fact.pointee, in: observation.pointee.facts, context) }
            if index < 64 { seen |= 1 << index }
        }
        for reinstatement in observation.pointee.reinstated {
            reinstate(reinstatement, at: observation.pointee.at, context)
        }
        // The usual observation names each decision once, as the plan writes it: the state
        // then shares its list rather than copying each assessment in.
        if capacity.isEmpty, Self.keptAsGiven(observation.pointee.capacity, now: now, context) {
            capacity = observation.pointee.capacity
            return
        }
        for var assessment in observation.pointee.capacity {
            // Capacity is presumed: an assessment dated after now has not happened yet.
            if assessment.assessedAt > now {
                warnings.append(
                    AnswerWarning(
                        code: .futureObservation,
                        message:
                            "the capacity assessment of '\(assessment.decision)' is dated \(assessment.assessedAt), after the evaluation time \(now), and is ignored",
                        source: assessment.source.pathAndLine))
                continue
            }
            if !context.decisions.acceptsAnyName {
                guard let decision = context.decisions.entry(named: assessment.decision) else {
                    errors.append(
                        .error(context.decisions.unknownMessage(assessment.decision), at: assessment.decisionSource))
                    continue
                }
                assessment.decision = decision.id
            }
            if let existing = capacity.firstIndex(where: { $0.decision == assessment.decision }) {
                if assessment.assessedAt >= capacity[existing].assessedAt { capacity[existing] = assessment }
            } else {
                capacity.append(assessment)
            }
        }
    }

    /// Whether a first list of assessments is kept as it is: each names a decision as the plan
    /// writes it, none is dated after now, and no two name the same one.
    private static func keptAsGiven(_ given: [CapacityAssessment], now: Timestamp, _ context: EvaluationContext) -> Bool {
        for index in given.indices {
            guard context.decisions.acceptsAnyName || context.decisions.writes(given[index].decision),
                given[index].assessedAt <= now
            else { return false }
            for earlier in 0..<index where given[earlier].decision == given[index].decision { return false }
        }
        return true
    }

    /// Each element through a pointer to it, with its position, in order. Reading a field
    /// through the pointer copies that field alone; an array's subscript copies the whole
    /// element (a reference count for each of its strings and sources).
    private static func inPlace<Element>(_ items: [Element], _ body: (UnsafePointer<Element>, Int) -> Void) {
        items.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for item in buffer.indices { body(first + item, item) }
        }
    }

    private mutating func repeatedFact(
        _ index: Int, _ later: borrowing ObservedFact, in observed: [ObservedFact], _ context: EvaluationContext
    ) {
        let first = observed.first { context.policy.factIndex($0.fact) == index }?.fact ?? later.fact
        errors.append(
            .error(
                "fact '\(context.policy.policy.facts[index].id)' is given twice in one observation (as '\(first)' and '\(later.fact)'); give it once",
                at: later.factSource))
    }

    /// Applies one fact; its position in the policy when it names a declared fact.
    @discardableResult
    private mutating func apply(
        _ fact: UnsafePointer<ObservedFact>, at time: Timestamp, context: EvaluationContext
    ) -> Int? {
        let policy = context.policy
        guard let index = policy.factIndex(fact.pointee.fact) else {
            let declared = policy.policy.facts.map(\.id)
            errors.append(
                .error(
                    "unknown fact '\(fact.pointee.fact)'"
                        + Suggestion.hint(for: fact.pointee.fact, in: declared, listing: "declared facts"),
                    at: fact.pointee.factSource))
            return nil
        }
        // The declaration is read only where needed: copying it is a reference count per field.
        let typed: Result<FactValue, FactValueError>
        if let value = policy.factValues[index][fact.pointee.value] {
            typed = .success(value)
        } else {
            typed = policy.policy.facts[index].observedValue(of: fact.pointee.value)
        }
        switch typed {
        case .failure(let problem):
            errors.append(.error(problem.message, at: fact.pointee.valueSource))
        case .success(.contact(let text)):
            let declaration = policy.policy.facts[index]
            guard let found = context.people.resolve(text, lookAlikes: declaration.sourceOfHarm) else {
                errors.append(
                    .error(
                        context.people.unknownMessage(
                            fact: declaration.id, value: text, personName: context.plan.person.name),
                        at: fact.pointee.valueSource))
                return index
            }
            if found.byLookAlike {
                warnings.append(lookAlike(text, found.entries, fact: declaration.id, fact.pointee.valueSource, context))
            }
            facts[index].value = .contact(entry: found.entries.first)
            namings[index, default: Namings()].latest = found.entries
            for entry in found.entries where !(namings[index]?.named.contains(where: { $0.entry == entry }) ?? false) {
                namings[index, default: Namings()].named.append(
                    Naming(entry: entry, at: time, source: fact.pointee.valueSource))
            }
            facts[index].observedAt = time
            facts[index].answeredIn = observationCount
        case .success(let value):
            facts[index].value = StoredValue(value)
            facts[index].observedAt = time
            if case .enumeration(let position) = value, position == context.policy.notAskedIndex[index] {
                // "Not asked" answers nothing: a question asked again stays open.
            } else {
                facts[index].answeredIn = observationCount
            }
        }
        return index
    }

    /// A professional decides, on the record, that a named person may be contacted again:
    /// from now on no `source_of_harm` fact withholds them (until one names them again).
    private mutating func reinstate(_ decision: Reinstatement, at time: Timestamp, _ context: EvaluationContext) {
        guard let found = context.people.resolve(decision.contact, lookAlikes: false), !found.entries.isEmpty else {
            errors.append(
                .error(
                    context.people.unknownMessage(
                        fact: "reinstated", value: decision.contact, personName: context.plan.person.name),
                    at: decision.source))
            return
        }
        // Only a professional decides: never the person reinstated, the person themselves, nor
        // anyone else the plan lists who is not one of its professionals.
        if let problem = ReinstatementCheck(context: context).problem(by: decision.by, reinstated: found.entries) {
            errors.append(.error(problem, at: decision.source))
            return
        }
        for index in context.policy.sourceOfHarmFacts {
            let named = namings[index]?.latest ?? []
            namings[index]?.named.removeAll { found.entries.contains($0.entry) }
            namings[index]?.latest.removeAll { found.entries.contains($0) }
            // The last answer to "who is causing the harm?" named only people now put back: it
            // no longer answers it, so a prompt asking it opens again while its reason holds.
            if !named.isEmpty && named.allSatisfy(found.entries.contains) { facts[index].answeredIn = nil }
        }
        for entry in found.entries {
            reinstated.removeAll { $0.entry == entry }
            reinstated.append(
                Reinstated(entry: entry, by: decision.by, reason: decision.reason, at: time, source: decision.source))
        }
    }

    /// `unknown-sign` for a text that matches no sign (SPEC §6: pointing at the observation),
    /// with the signs it may have meant; then `possible-emergency` for each red flag whose
    /// words it holds (SPEC v3 §10.3), pointing at the text's line.
    private mutating func notRecognised(
        _ pointer: UnsafePointer<SourcedText>, in observation: UnsafePointer<Observation>, _ source: inout String?,
        _ context: EvaluationContext
    ) {
        unrecognised += 1
        let observationSource = source ?? observation.pointee.source.pathAndLine
        source = observationSource
        let (warning, redFlags) = context.unknownSign(pointer.pointee.text, at: observationSource)
        // Room for a few at the first: an unrecognised text seldom comes alone.
        if warnings.isEmpty { warnings.reserveCapacity(4) }
        warnings.append(warning)
        for index in redFlags {
            let flag = context.policy.policy.redFlags[index]
            possibleEmergencies.append((warnings.count, context.policy.redFlagAsks[index], observationCount))
            redFlagsMatched.append(flag.id)
            warnings.append(
                AnswerWarning(
                    code: .possibleEmergency, message: flag.message, source: pointer.pointee.source.pathAndLine,
                    suggestions: [flag.ask], observed: pointer.pointee.text))
        }
    }

    private func lookAlike(
        _ text: String, _ entries: [Int], fact: String, _ source: SourceLocation, _ context: EvaluationContext
    ) -> AnswerWarning {
        let people = entries.map { context.people.entries[$0] }
        let names = people.map { entry in entry.id.map { "\(entry.name) ('\($0)')" } ?? entry.name }
        return AnswerWarning(
            code: .contactFactLookAlike,
            message:
                "'\(text)' for fact '\(fact)' is not written as anyone in the plan, but looks like "
                + names.joined(separator: " and ")
                + "; read as naming them, and withheld — check who was meant",
            source: source.pathAndLine, suggestions: people.map { $0.id ?? $0.name })
    }

    /// Fact `index`'s current value, a contact fact's as the id of the entry it names (its
    /// name, normalised, without an id; `someone-else` for no one in the plan).
    func value(of index: Int, people: PlanPeople) -> FactValue? {
        switch facts[index].value {
        case nil: nil
        case .bool(let value): .bool(value)
        case .enumeration(let position): .enumeration(position)
        case .contact(let entry):
            .contact(entry.map { people.entries[$0].id ?? people.entries[$0].nameKey } ?? PlanPeople.someoneElse)
        }
    }

    /// Marks each `possible-emergency` that stays in the attention block: until its red
    /// flag's question is answered in an observation after the one the text was typed in. An
    /// answer given with the text itself was not given to it: the line stays, to be asked.
    mutating func settleAttention() {
        for (warning, ask, observation) in possibleEmergencies {
            if let ask, let answered = facts[ask].answeredIn, answered > observation {
                warnings[warning].inAttention = false
            }
        }
    }

    /// Whether sign `index` is active now: observed, not resolved since, and within the window.
    func isActive(_ index: Int, now: Timestamp, window: PolicyDuration) -> Bool {
        guard signs[index].active, let last = signs[index].lastObserved else { return false }
        return now.isWithin(window, of: last)
    }
}
