/// A `when:` condition of an escalation rule or a flag (SPEC §3).
public indirect enum Condition: Sendable {
    case all([Condition], SourceLocation)
    case any([Condition], SourceLocation)
    case not(Condition, SourceLocation)
    case fact(FactCondition)
    case stage(StageCondition)
    case signs(SignsCondition)
    case capacity(CapacityCondition)
    case age(AgeCondition)
    /// `route_open: true|false` (SPEC v3 §10.12): whether anyone on the stage's own route is open now.
    case routeOpen(Bool, SourceLocation)

    public var source: SourceLocation {
        switch self {
        case .all(_, let source), .any(_, let source), .not(_, let source): source
        case .fact(let condition): condition.source
        case .stage(let condition): condition.source
        case .signs(let condition): condition.source
        case .capacity(let condition): condition.source
        case .age(let condition): condition.source
        case .routeOpen(_, let source): source
        }
    }
}
