import Synchronization

/// A policy prepared for evaluating many plans: lookups by id built once.
public final class CompiledPolicy: Sendable {
    public let policy: Policy
    let stageRank: [String: Int]
    /// Every fact at its default: where each evaluation starts (shared until a fact is observed).
    let initialFactStates: [TimelineState.FactState]
    /// Signs not yet observed, 8, 16, 32, … 256 of them: where each evaluation starts, shared
    /// by every plan until a sign is observed (`unobservedSigns(atLeast:)`).
    private let unobservedSignLists: [[TimelineState.SignState]] = (3...8).map {
        Array(repeating: TimelineState.SignState(), count: 1 << $0)
    }
    /// Per flag: the contacts it adds, as answer lines with their sources.
    let addedContacts: [[ContactLine]]
    /// The confusable skeletons of the names the flags add, computed once.
    let addedContactSkeletons: [String: String]
    /// Per flag: the skeleton of each contact it adds, beside `addedContacts`.
    let addedContactLooks: [[String]]
    /// Whether any contact a flag adds gives hours.
    let addedContactsHaveHours: Bool
    /// Per flag: `contact-hours-invalid` for each contact it adds whose hours could not be
    /// read, beside `addedContacts` (shown when the flag adds them).
    let addedContactHoursWarnings: [[AnswerWarning?]]
    /// Per flag: its answer line, to be completed with `because` and `decisions` when it fires.
    let flagLines: [FlagLine]
    /// Per flag and per escalation rule, in policy order.
    let flagConditions: [CompiledCondition]
    let escalation: [(condition: CompiledCondition, raiseTo: Int)]
    /// Per fact: the typed value of each allowed text (empty for contact facts).
    let factValues: [SmallTable<FactValue>]
    /// Fact ids to positions, for observations.
    let factTable: TextIndex
    /// Normalised fact ids to positions: `self-harm` is `self_harm` (SPEC v3 §10.4).
    let normalizedFactTable: [String: Int]
    let promptConditions: [CompiledCondition?]
    let promptFacts: [Int?]
    let consistency: [(when: CompiledCondition, expect: CompiledCondition)]
    let redFlags: [RedFlagMatcher]
    let redFlagAsks: [Int?]
    /// The policy's clock for contact hours; `nil` when its time zone is unknown (`check`
    /// reports it; hours then read as not known).
    let localTime: LocalTime?
    let holidays: Set<CalendarDate>
    /// Positions of the `source_of_harm` facts.
    let sourceOfHarmFacts: [Int]
    /// Per fact: the position of its `not_asked` value, if any.
    let notAskedIndex: [Int?]

    /// An observed text that matched no sign, read once for every plan (`UnrecognisedText`).
    /// At most `UnrecognisedTexts.limit` texts are kept; beyond that the list starts again.
    func unrecognised(_ text: String) -> UnrecognisedText {
        texts.withLock { $0.read(text, redFlags: redFlags) }
    }
    private let texts = Mutex(UnrecognisedTexts())

    /// At least `count` signs not yet observed. Shared by every plan, so the list is in the
    /// cache when a plan that is not is asked about: the plan's own list, or one made anew
    /// (which looks its element type up at run time), cost more than the few spare entries
    /// copied with the first sign observed. `nil` past 256 signs: such a plan's evaluation
    /// makes its own list.
    func unobservedSigns(atLeast count: Int) -> [TimelineState.SignState]? {
        unobservedSignLists.first { $0.count >= count }
    }

    /// A fact's position from an id as typed: exactly, else after normalisation.
    func factIndex(_ id: String) -> Int? {
        factTable[id] ?? normalizedFactTable[TextNormalizer.normalize(id)]
    }

    public init(_ policy: Policy) {
        self.policy = policy
        var stageRank: [String: Int] = [:]
        for (index, stage) in policy.stages.enumerated() where stageRank[stage.id] == nil {
            stageRank[stage.id] = index
        }
        let factTable = TextIndex(policy.facts.enumerated().map { ($1.id, $0) })
        self.factTable = factTable
        self.stageRank = stageRank
        initialFactStates = policy.facts.map {
            TimelineState.FactState(value: $0.initialValue.flatMap(TimelineState.StoredValue.init))
        }
        addedContacts = policy.flags.map { $0.effects.addContacts.map { ContactLine($0, statutory: true) } }
        var skeletons: [String: String] = [:]
        for contact in policy.flags.flatMap(\.effects.addContacts) where skeletons[contact.name] == nil {
            skeletons[contact.name] = ConfusableSkeleton.of(contact.name)
        }
        addedContactSkeletons = skeletons
        addedContactLooks = policy.flags.map { $0.effects.addContacts.map { skeletons[$0.name] ?? "" } }
        addedContactsHaveHours = policy.flags.contains { $0.effects.addContacts.contains { $0.hours != nil } }
        addedContactHoursWarnings = policy.flags.map { $0.effects.addContacts.map(AnswerWarning.hoursUnreadable) }
        flagLines = policy.flags.map(FlagLine.init)
        let compile = { (condition: Condition) in
            CompiledCondition(condition, policy: policy, factTable: factTable, stageRank: stageRank)
        }
        flagConditions = policy.flags.map { compile($0.when) }
        var normalized: [String: Int] = [:]
        for (index, fact) in policy.facts.enumerated() {
            let key = TextNormalizer.normalize(fact.id)
            if normalized[key] == nil { normalized[key] = index }
        }
        normalizedFactTable = normalized
        promptConditions = policy.prompts.map { $0.when.map(compile) }
        promptFacts = policy.prompts.map { factTable[$0.ask] }
        consistency = policy.consistency.map { (compile($0.when), compile($0.expect)) }
        redFlags = policy.redFlags.map { RedFlagMatcher(words: $0.words) }
        redFlagAsks = policy.redFlags.map { factTable[$0.ask] }
        localTime = LocalTime(identifier: policy.timezone)
        holidays = Set(policy.holidays)
        sourceOfHarmFacts = policy.facts.indices.filter { policy.facts[$0].sourceOfHarm }
        notAskedIndex = policy.facts.map(\.notAskedIndex)
        escalation = policy.escalation.map { (compile($0.when), stageRank[$0.raiseTo] ?? -1) }
        factValues = policy.facts.map { fact in
            switch fact.kind {
            case .bool: return SmallTable([("true", .bool(true)), ("false", .bool(false))])
            case .enumeration(let values): return SmallTable(values.enumerated().map { ($1, .enumeration($0)) })
            case .contact: return SmallTable([])
            }
        }
    }
}
