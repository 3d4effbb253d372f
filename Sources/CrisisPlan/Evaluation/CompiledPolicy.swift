/// A policy prepared for evaluating many plans: lookups by id built once.
public final class CompiledPolicy: Sendable {
    public let policy: Policy
    let factIndex: [String: Int]
    let stageRank: [String: Int]
    let initialFacts: [FactValue?]
    /// Per flag: the contacts it adds, as answer lines with their sources.
    let addedContacts: [[ContactLine]]
    let flagSources: [String]

    public init(_ policy: Policy) {
        self.policy = policy
        var factIndex: [String: Int] = [:]
        for (index, fact) in policy.facts.enumerated() where factIndex[fact.id] == nil { factIndex[fact.id] = index }
        var stageRank: [String: Int] = [:]
        for (index, stage) in policy.stages.enumerated() where stageRank[stage.id] == nil { stageRank[stage.id] = index }
        self.factIndex = factIndex
        self.stageRank = stageRank
        self.initialFacts = policy.facts.map(\.initialValue)
        addedContacts = policy.flags.map { $0.effects.addContacts.map { ContactLine($0, statutory: true) } }
        flagSources = policy.flags.map(\.source.pathAndLine)
    }
}
