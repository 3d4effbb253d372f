/// One of the person's own agreed responses, in their words, with where it is written.
public struct ResponseLine: Sendable {
    public var by: Response.Actor
    public var action: String
    public var source: String
    /// Withheld and do-not-contact people this response names (ids, else names), withheld first.
    public var namesWithheld: [String] = []
    /// The same people as the text and pages show them: name, and whether withheld.
    public var namedPeople: [NamedPerson] = []
    /// Everyone in the plan the response names (entries of `PlanPeople`), worked out once.
    var mentions: [Int] = []
}

/// Someone an own response names who must not be contacted.
public struct NamedPerson: Sendable, Hashable {
    public var name: String
    /// Withheld as a source of harm (else on the do-not-contact list).
    public var withheld: Bool
}

extension ResponseLine {
    /// `names Dev Shah — withheld; Mark Taylor — do not contact`, when the response names
    /// someone who must not be contacted (SPEC v3 §10.7).
    public var namesSummary: String? {
        guard !namedPeople.isEmpty else { return nil }
        return "names " + namedPeople.map { "\($0.name) — " + ($0.withheld ? "withheld" : "do not contact") }.joined(separator: "; ")
    }
}
