/// A `when:` condition with every id resolved to a position and every value typed, so that
/// evaluation does no look-ups by name and copies nothing.
indirect enum CompiledCondition: Sendable {
    case all([CompiledCondition])
    case any([CompiledCondition])
    /// The condition, and how it reads, for the `not:` reason.
    case not(CompiledCondition, String)
    case fact(index: Int, name: String, comparator: FactCondition.Comparator, operands: [FactValue])
    case stage(comparator: StageCondition.Comparator, rank: Int, name: String)
    case signs(atLeast: Int, stage: String?, within: PolicyDuration?)
    /// `decision` normalised, as assessments' decisions are compared.
    case capacity(status: CapacityStatus, decision: String?)
    case age(comparator: AgeCondition.Comparator, years: Int)
    case routeOpen(Bool)
    /// Refers to something undeclared: never true (`check` reports it as an error).
    case never

    init(_ condition: Condition, policy: Policy, factTable: TextIndex, stageRank: [String: Int]) {
        let compile = { (inner: Condition) in
            CompiledCondition(inner, policy: policy, factTable: factTable, stageRank: stageRank)
        }
        switch condition {
        case .all(let items, _): self = .all(items.map(compile))
        case .any(let items, _): self = .any(items.map(compile))
        case .not(let inner, _): self = .not(compile(inner), inner.description)
        case .fact(let c):
            guard let index = factTable[c.fact] else {
                self = .never
                return
            }
            let declaration = policy.facts[index]
            self = .fact(
                index: index, name: c.fact, comparator: c.comparator,
                operands: c.operands.compactMap { try? declaration.value(of: $0.text).get() })
        case .stage(let c):
            guard let rank = stageRank[c.stage] else {
                self = .never
                return
            }
            self = .stage(comparator: c.comparator, rank: rank, name: c.stage)
        case .signs(let c): self = .signs(atLeast: c.atLeast, stage: c.stage, within: c.within)
        case .capacity(let c): self = .capacity(status: c.status, decision: c.decision.map(TextNormalizer.normalize))
        case .age(let c): self = .age(comparator: c.comparator, years: c.years)
        case .routeOpen(let open, _): self = .routeOpen(open)
        }
    }
}

extension Condition: CustomStringConvertible {
    /// The condition in words, for `not:` reasons.
    public var description: String {
        switch self {
        case .all(let items, _): return "all of (" + items.map(\.description).joined(separator: "; ") + ")"
        case .any(let items, _): return "any of (" + items.map(\.description).joined(separator: "; ") + ")"
        case .not(let inner, _): return "not " + inner.description
        case .fact(let c): return "\(c.fact) \(c.comparator.rawValue) " + c.operands.map(\.text).joined(separator: ", ")
        case .stage(let c): return "stage \(c.comparator.rawValue) \(c.stage)"
        case .signs(let c):
            return "at least \(c.atLeast) active sign(s)" + (c.stage.map { " of stage \($0)" } ?? "")
                + (c.within.map { " within \($0)" } ?? "")
        case .capacity(let c):
            return "capacity \(c.status.rawValue)" + (c.decision.map { " for '\($0)'" } ?? "")
        case .age(let c):
            return "age \(c.comparator == .under ? "under" : "at least") \(c.years)"
        case .routeOpen(let open, _):
            return "route_open \(open)"
        }
    }
}
