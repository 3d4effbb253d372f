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
}
