extension Condition {
    /// The facts the condition reads, in the order written.
    public var factsRead: [String] {
        switch self {
        case .all(let parts, _), .any(let parts, _): parts.flatMap(\.factsRead)
        case .not(let inner, _): inner.factsRead
        case .fact(let condition): [condition.fact]
        case .stage, .signs, .capacity, .age, .routeOpen: []
        }
    }

    /// The fact tests the condition holds, in the order written.
    public var factTests: [FactCondition] {
        switch self {
        case .all(let parts, _), .any(let parts, _): parts.flatMap(\.factTests)
        case .not(let inner, _): inner.factTests
        case .fact(let test): [test]
        case .stage, .signs, .capacity, .age, .routeOpen: []
        }
    }

    /// The capacity tests the condition holds, in the order written.
    public var capacityTests: [CapacityCondition] {
        switch self {
        case .all(let parts, _), .any(let parts, _): parts.flatMap(\.capacityTests)
        case .not(let inner, _): inner.capacityTests
        case .capacity(let test): [test]
        case .fact, .stage, .signs, .age, .routeOpen: []
        }
    }
}
