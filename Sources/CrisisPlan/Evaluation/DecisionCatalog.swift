/// The decisions a capacity assessment may name for one person (SPEC v2 §3 "Decisions"): the
/// policy's declared decisions, in their order, then each of the plan's refused treatments
/// that no declared decision already has as its `treatment` (or alias).
///
/// Names are compared after normalisation, so `ECT` names `ect`; a decision's `also` names
/// it too (SPEC v3 §10.6). A policy without `decisions:` accepts any name (v1): a decision's
/// name is then its treatment.
struct DecisionCatalog: Sendable {
    struct Entry: Sendable {
        var id: String
        var key: String
        var treatment: String?
        var treatmentKey: String?
        var deprivationOfLiberty: Bool
        var forMentalDisorder: Bool
        var lifeSustaining: Bool
        /// Declared in the policy's `decisions:`, not taken from a refusal or a v1 name.
        var isDeclared = false
        var ect = false
        var domain = Decision.Domain.welfare
        /// Other names, as written, and normalised.
        var aliases: [String] = []
        var aliasKeys: [String] = []

        /// Whether a refusal of `treatment` is a refusal of this decision: by its treatment or
        /// an alias, and an ECT decision by its id too.
        func matches(refusal treatment: String) -> Bool {
            matches(refusalKey: TextNormalizer.normalize(treatment))
        }

        /// As above, for a treatment already normalised.
        func matches(refusalKey key: String) -> Bool {
            key == treatmentKey || aliasKeys.contains(key) || (ect && key == self.key)
        }
    }

    let declared: Bool
    let entries: [Entry]
    /// Entry positions by id as written, by normalised key and by alias, for lookups on every
    /// evaluation without normalising the common, exact spelling.
    private let table: TextIndex

    init(policy: Policy, plan: Plan) {
        var entries: [Entry] =
            (policy.decisions ?? []).map { decision in
                Entry(
                    id: decision.id, key: TextNormalizer.normalize(decision.id), treatment: decision.treatment,
                    treatmentKey: decision.treatment.map(TextNormalizer.normalize),
                    deprivationOfLiberty: decision.deprivationOfLiberty, forMentalDisorder: decision.forMentalDisorder,
                    lifeSustaining: decision.lifeSustaining, isDeclared: true, ect: decision.ect,
                    domain: decision.domain, aliases: decision.also, aliasKeys: decision.also.map(TextNormalizer.normalize))
            }
        for refusal in plan.advanceDecisions.refusals {
            let key = TextNormalizer.normalize(refusal.treatment)
            guard !entries.contains(where: { $0.matches(refusal: refusal.treatment) || $0.key == key }) else { continue }
            entries.append(
                Entry(
                    id: refusal.treatment, key: key, treatment: refusal.treatment, treatmentKey: key,
                    deprivationOfLiberty: false, forMentalDisorder: refusal.forMentalDisorder,
                    lifeSustaining: refusal.lifeSustaining, ect: refusal.ect))
        }
        declared = policy.decisions != nil
        self.entries = entries
        table = TextIndex(
            entries.enumerated().flatMap { position, entry in
                [(entry.id, position), (entry.key, position)] + entry.aliasKeys.map { ($0, position) }
            })
    }

    /// The position in `entries` of the entry a name means, if the catalog lists it (read in
    /// place by evaluation, where copying an entry is a dozen reference counts).
    func position(named name: String) -> Int? {
        if let found = table[name] { return found }
        // A name already normal would find what it found the first time: nothing.
        let normalized = TextNormalizer.normalize(name)
        return normalized == name ? nil : table[normalized]
    }

    /// The entry a name means. Without declared decisions, an unknown name is its own
    /// decision, whose treatment is its name.
    func entry(named name: String) -> Entry? {
        if let position = position(named: name) { return entries[position] }
        guard !declared else { return nil }
        let key = TextNormalizer.normalize(name)
        return Entry(
            id: name, key: key, treatment: name, treatmentKey: key, deprivationOfLiberty: false,
            forMentalDisorder: false, lifeSustaining: false)
    }

    /// A refusal as the policy reads it. When a declared decision is for its treatment, the
    /// refusal is of life-sustaining treatment, of treatment for the mental disorder, or of
    /// ECT whenever that decision says so, whatever the refusal's own keys say: a refusal of
    /// tube feeding refuses life-sustaining treatment, and binds only when signed, witnessed
    /// and stated to apply even if life is at risk (MCA 2005 s25(5)-(6)), though the plan
    /// left `life_sustaining` out. Reading it the other way would tell a worker at 3 a.m. that
    /// an unwitnessed note forbids treating an overdose.
    ///
    /// With no declared decision for it, a treatment whose words name a life-sustaining one
    /// ("NG tube feeding", "CPR", "treatment after an overdose") is read as life-sustaining
    /// (`AdvanceRefusal.looksLifeSustaining`).
    func reading(_ refusal: AdvanceRefusal) -> AdvanceRefusal {
        let key = TextNormalizer.normalize(refusal.treatment)
        guard let entry = entries.first(where: { $0.isDeclared && $0.matches(refusalKey: key) }) else {
            guard !refusal.lifeSustaining, AdvanceRefusal.looksLifeSustaining(refusal.treatment) else { return refusal }
            var read = refusal
            read.lifeSustaining = true
            return read
        }
        var read = refusal
        read.lifeSustaining = refusal.lifeSustaining || entry.lifeSustaining
        read.forMentalDisorder = refusal.forMentalDisorder || entry.forMentalDisorder
        read.ect = refusal.ect || entry.ect
        return read
    }

    /// The position of a decision in the answer's order: declared and refused ones as listed,
    /// any other after them.
    func rank(of key: String) -> Int {
        table[key] ?? entries.count
    }

    /// Whether `name` is a decision byte for byte as the catalog writes it: an assessment for
    /// it is kept under that name. (`==` would also take a canonically equal spelling, which
    /// the assessment must not keep: answers show the catalog's.)
    func writes(_ name: String) -> Bool {
        if let position = position(named: name) { return entries[position].id.utf8.elementsEqual(name.utf8) }
        return !declared
    }

    /// Whether any name can be assessed without resolving it (v1 policy, nothing refused).
    var acceptsAnyName: Bool { !declared && entries.isEmpty }

    /// "unknown decision 'x'; did you mean 'y'?" with the decisions this person may be assessed for.
    func unknownMessage(_ name: String) -> String {
        "unknown decision '\(name)': capacity is assessed for one declared decision at a time"
            + Suggestion.hint(for: name, in: entries.map(\.id), listing: "decisions")
    }
}
