/// Conditions reasoned about over their declared domains, exhaustively: every fact over the
/// values the evaluator can see (a bool false or true, an enum its values — a fact never
/// observed has its default, or false, or the enum's first value, never a value of its own; a
/// contact fact each id a condition compares it with, or none of them), the stage over the
/// stages a loaded plan can reach (`reachableStages`), age over 0-120 and "unknown", each decision's capacity over has, lacks and not
/// assessed, each signs condition and `route_open` as free yes/no. A condition is put in negation normal form, then
/// in disjunctive normal form (up to `termLimit` terms); a term holds for some state exactly
/// when, for every variable it names, the values it allows have one in common.
struct ConditionSpace {
    enum Variable: Hashable {
        case fact(String)
        case stage
        case age
        case capacity(String)
        case signs(Int)
        case routeOpen
    }

    /// One variable constrained to a set of its values (as positions in its domain).
    struct Literal {
        var variable: Variable
        var allowed: Set<Int>
    }

    static let termLimit = 4096
    let policy: Policy
    /// The ranks of the stages some loaded plan can reach: every stage until the analyzer has
    /// worked them out, then only those, so that a condition on a stage nothing reaches never
    /// holds and one on every stage reached always does.
    var reachableStages: Set<Int>
    private(set) var signsConditions: [String] = []
    /// Per signs condition, beside `signsConditions`: the rank of its stage when it needs an
    /// active sign of that stage — the stage is then at least that one (it starts at the highest
    /// active sign's, and only rises), so such a condition and a lower stage never hold together.
    private var signsStageFloors: [Int?] = []

    /// Per contact fact: the ids conditions compare it with, in the order first written. A
    /// contact fact's value is one id (or none), so these and "none of them" are all a
    /// condition can tell apart.
    private let contactValues: [String: [String]]

    init(policy: Policy) {
        self.policy = policy
        reachableStages = Set(policy.stages.indices)
        var conditions = policy.flags.map(\.when) + policy.escalation.map(\.when) + policy.prompts.compactMap(\.when)
        conditions += policy.consistency.flatMap { [$0.when, $0.expect] }
        var contactValues: [String: [String]] = [:]
        for test in conditions.flatMap(\.factTests) {
            for operand in test.operands where !(contactValues[test.fact] ?? []).contains(operand.text) {
                contactValues[test.fact, default: []].append(operand.text)
            }
        }
        self.contactValues = contactValues
    }

    /// The size of a variable's domain.
    func domain(_ variable: Variable) -> Int {
        switch variable {
        case .fact(let id):
            guard let fact = policy.facts.first(where: { $0.id == id }) else { return 1 }
            if case .contact = fact.kind { return 1 + (contactValues[id]?.count ?? 0) }
            return values(fact).count
        case .stage: return policy.stages.count
        case .age: return 122
        case .capacity: return 3
        case .signs, .routeOpen: return 2
        }
    }

    /// The values a variable can take, as positions in its domain.
    private func universe(_ variable: Variable) -> Set<Int> {
        variable == .stage ? reachableStages : Set(0..<domain(variable))
    }

    private func values(_ fact: FactDeclaration) -> [String] {
        switch fact.kind {
        case .bool: ["false", "true"]
        case .enumeration(let values): values
        // Position 0 is "none of the ids conditions name" (absent, someone else, anyone else).
        case .contact: [""] + (contactValues[fact.id] ?? [])
        }
    }

    /// Whether some state satisfies the condition; nil when it is too large to decide.
    mutating func satisfiable(_ condition: Condition) -> Bool? {
        guard let terms = dnf(condition, negated: false) else { return nil }
        return terms.contains(where: holds)
    }

    /// Whether every state satisfies it (its negation is unsatisfiable); nil when undecided.
    mutating func valid(_ condition: Condition) -> Bool? {
        guard let terms = dnf(condition, negated: true) else { return nil }
        return !terms.contains(where: holds)
    }

    /// Whether every state that satisfies `given` satisfies the condition; nil when undecided.
    mutating func valid(_ condition: Condition, given: [Literal]) -> Bool? {
        guard let terms = dnf(condition, negated: true) else { return nil }
        return !terms.contains { holds($0 + given) }
    }

    /// Whether `condition` and `other` can hold together.
    mutating func satisfiable(_ condition: Condition, and other: [Literal]) -> Bool? {
        guard let terms = dnf(condition, negated: false) else { return nil }
        return terms.contains { holds($0 + other) }
    }

    private func holds(_ term: [Literal]) -> Bool {
        var allowed: [Variable: Set<Int>] = [:]
        for literal in term {
            let current = allowed[literal.variable] ?? universe(literal.variable)
            let narrowed = current.intersection(literal.allowed)
            if narrowed.isEmpty { return false }
            allowed[literal.variable] = narrowed
        }
        for (index, floor) in signsStageFloors.enumerated() {
            guard let floor, allowed[.signs(index)] == [1] else { continue }
            let stage = (allowed[.stage] ?? universe(.stage)).filter { $0 >= floor }
            if stage.isEmpty { return false }
            allowed[.stage] = stage
        }
        return true
    }

    /// The condition (or its negation) as a list of terms, each a list of literals.
    private mutating func dnf(_ condition: Condition, negated: Bool) -> [[Literal]]? {
        switch condition {
        case .not(let inner, _):
            return dnf(inner, negated: !negated)
        case .all(let parts, _) where !negated, .any(let parts, _) where negated:
            var terms: [[Literal]] = [[]]
            for part in parts {
                guard let more = dnf(part, negated: negated) else { return nil }
                var product: [[Literal]] = []
                for left in terms {
                    for right in more {
                        product.append(left + right)
                        if product.count > Self.termLimit { return nil }
                    }
                }
                terms = product
            }
            return terms
        case .any(let parts, _), .all(let parts, _):
            var terms: [[Literal]] = []
            for part in parts {
                guard let more = dnf(part, negated: negated) else { return nil }
                terms += more
                if terms.count > Self.termLimit { return nil }
            }
            return terms
        default:
            let literal = atom(condition)
            let allowed = negated ? universe(literal.variable).subtracting(literal.allowed) : literal.allowed
            return [[Literal(variable: literal.variable, allowed: allowed)]]
        }
    }

    /// An atomic condition as one literal.
    private mutating func atom(_ condition: Condition) -> Literal {
        switch condition {
        case .fact(let test):
            guard let fact = policy.facts.first(where: { $0.id == test.fact }) else {
                return Literal(variable: .fact(test.fact), allowed: [])
            }
            let values = values(fact)
            let operands = test.operands.map(\.text)
            let positions = operands.compactMap { values.firstIndex(of: $0) }
            var allowed: Set<Int> = []
            switch (test.comparator, fact.kind) {
            case (.is, _), (.in, _): allowed = Set(positions)
            // Order means something for an enum only; the evaluator finds it false otherwise.
            case (.atLeast, .enumeration): allowed = positions.first.map { Set($0..<values.count) } ?? []
            case (.atMost, .enumeration): allowed = positions.first.map { Set(0...$0) } ?? []
            case (.atLeast, _), (.atMost, _): allowed = []
            }
            if case .contact = fact.kind { allowed.remove(0) }
            return Literal(variable: .fact(test.fact), allowed: allowed)
        case .stage(let test):
            guard let rank = policy.stages.firstIndex(where: { $0.id == test.stage }) else {
                return Literal(variable: .stage, allowed: [])
            }
            switch test.comparator {
            case .is: return Literal(variable: .stage, allowed: [rank])
            case .atLeast: return Literal(variable: .stage, allowed: Set(rank..<policy.stages.count))
            case .atMost: return Literal(variable: .stage, allowed: Set(0...rank))
            }
        case .age(let test):
            // Positions: 0 is "unknown", 1 + n is n years.
            let years = max(0, min(121, test.years))
            switch test.comparator {
            case .under: return Literal(variable: .age, allowed: years == 0 ? [] : Set(1...years))
            case .atLeast: return Literal(variable: .age, allowed: years > 120 ? [] : Set((years + 1)...121))
            }
        case .capacity(let test):
            let decision = test.decision ?? "*"
            // Only a policy that declares its decisions can name one no assessment can be of:
            // without `decisions:`, any name is a decision.
            if let named = test.decision, let declared = policy.decisions {
                let key = TextNormalizer.normalize(named)
                let known = declared.contains { ([$0.id] + $0.also).contains { TextNormalizer.normalize($0) == key } }
                if !known { return Literal(variable: .capacity(decision), allowed: []) }
            }
            return Literal(variable: .capacity(decision), allowed: [test.status == .has ? 0 : 1])
        case .signs(let test):
            if let stage = test.stage, !policy.stages.contains(where: { $0.id == stage }) {
                return Literal(variable: .signs(-1), allowed: [])
            }
            let key = "\(test.atLeast)|\(test.stage ?? "")|\(String(describing: test.within))"
            if !signsConditions.contains(key) {
                signsConditions.append(key)
                signsStageFloors.append(
                    test.atLeast >= 1 ? test.stage.flatMap { stage in policy.stages.firstIndex { $0.id == stage } } : nil)
            }
            return Literal(variable: .signs(signsConditions.firstIndex(of: key)!), allowed: [1])
        case .routeOpen(let open, _):
            return Literal(variable: .routeOpen, allowed: [open ? 1 : 0])
        case .all, .any, .not:
            return Literal(variable: .routeOpen, allowed: [0, 1])
        }
    }

    /// The literal "the stage is below `stage`", for escalation rules.
    func stageBelow(_ stage: String) -> Literal? {
        guard let rank = policy.stages.firstIndex(where: { $0.id == stage }) else { return nil }
        return Literal(variable: .stage, allowed: Set(0..<rank))
    }
}
