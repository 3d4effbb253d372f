/// A policy prepared for evaluating many plans: lookups by id built once.
public final class CompiledPolicy: Sendable {
    public let policy: Policy
    let factIndex: [String: Int]
    let stageRank: [String: Int]
    let initialFacts: [FactValue?]

    public init(_ policy: Policy) {
        self.policy = policy
        var factIndex: [String: Int] = [:]
        for (index, fact) in policy.facts.enumerated() where factIndex[fact.id] == nil { factIndex[fact.id] = index }
        var stageRank: [String: Int] = [:]
        for (index, stage) in policy.stages.enumerated() where stageRank[stage.id] == nil { stageRank[stage.id] = index }
        self.factIndex = factIndex
        self.stageRank = stageRank
        self.initialFacts = policy.facts.map(\.initialValue)
    }
}
