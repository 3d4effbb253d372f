/// A `when:` condition of an escalation rule or a flag (SPEC §3).
public indirect enum Condition: Sendable {
    case all([Condition], SourceLocation)
    case any([Condition], SourceLocation)
    case not(Condition, SourceLocation)
    case fact(FactCondition)
    case stage(StageCondition)
    case signs(SignsCondition)
    case capacity(CapacityCondition)

    public var source: SourceLocation {
        switch self {
        case .all(_, let source), .any(_, let source), .not(_, let source): source
        case .fact(let condition): condition.source
        case .stage(let condition): condition.source
        case .signs(let condition): condition.source
        case .capacity(let condition): condition.source
        }
    }
}

/// `fact: ID` with exactly one comparator.
public struct FactCondition: Sendable {
    public enum Comparator: String, Sendable, CaseIterable {
        case `is`
        case `in`
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public var fact: String
    public var factSource: SourceLocation
    public var comparator: Comparator
    /// One operand, except for `in`, which takes a list.
    public var operands: [FactOperand]
    public var source: SourceLocation
}

/// `stage: {at_least: S}` (or `is`, `at_most`): the stage computed so far.
public struct StageCondition: Sendable {
    public enum Comparator: String, Sendable, CaseIterable {
        case `is`
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public var comparator: Comparator
    public var stage: String
    public var stageSource: SourceLocation
    public var source: SourceLocation
}

/// `signs: {at_least: N, stage: S, within: D}`: how many signs are active.
public struct SignsCondition: Sendable {
    public var atLeast: Int
    /// Only signs of exactly this stage count, when given.
    public var stage: String?
    public var stageSource: SourceLocation?
    /// Only signs last observed at most this long before now count, when given.
    public var within: PolicyDuration?
    public var source: SourceLocation
}

/// `capacity: {status: lacks, decision: D}`: the latest non-stale assessment.
public struct CapacityCondition: Sendable {
    public var status: CapacityStatus
    /// Any decision when `nil`.
    public var decision: String?
    public var source: SourceLocation
}
