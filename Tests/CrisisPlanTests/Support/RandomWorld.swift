import Foundation

@testable import CrisisPlan

/// Draws small numbers from a list of choices, so a property-based generator's array of
/// integers (which it can shrink) becomes a policy, a plan and a timeline.
struct ChoiceStream {
    private let choices: [Int]
    private var position = 0

    init(_ choices: [Int]) {
        self.choices = choices
    }

    /// A number in `0..<bound`; 0 once the choices run out.
    mutating func next(_ bound: Int) -> Int {
        guard bound > 1, position < choices.count else {
            position += 1
            return 0
        }
        defer { position += 1 }
        return abs(choices[position]) % bound
    }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
}

/// A random but valid policy, plan and timeline, built from choices.
struct RandomWorld {
    var policy: Policy
    var plan: Plan
    var observations: [Observation]
    var now: Timestamp

    static let stages = ["s0", "s1", "s2", "s3"]
    static let contactIds = ["c0", "c1", "c2", "c3"]
    static let blockedIds = ["d0", "d1"]

    /// The same name as a crisis worker or a hostile file might write it: another case,
    /// extra spaces, a zero-width space, a soft hyphen, a direction mark, U+FEFF, fullwidth
    /// letters, or Cyrillic look-alike letters (SPEC v2 §3 normalisation and look-alikes).
    static func variant(of name: String, _ c: inout ChoiceStream, lookAlikes: Bool = true) -> String {
        switch c.next(lookAlikes ? 9 : 7) {
        case 0: return name
        case 1: return name.uppercased()
        case 2: return "  " + name.lowercased().replacingOccurrences(of: " ", with: "   ") + " "
        case 3: return name.replacingOccurrences(of: " ", with: " \u{200B}")
        case 4: return name.replacingOccurrences(of: "o", with: "o\u{AD}")
        case 5: return "\u{200F}" + name + "\u{FEFF}"
        case 6 where lookAlikes:
            return String(
                String.UnicodeScalarView(
                    name.unicodeScalars.map { $0.isASCII && $0.properties.isAlphabetic ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        case 7: return name.replacingOccurrences(of: "o", with: "\u{43E}").replacingOccurrences(of: "e", with: "\u{435}")
        default: return name.replacingOccurrences(of: " ", with: "-")
        }
    }

    static func location(_ line: Int) -> SourceLocation {
        SourceLocation(file: "Rules/people/p.yaml", line: line)
    }

    static func policyLocation(_ line: Int) -> SourceLocation {
        SourceLocation(file: "Rules/policy/p.yaml", line: line)
    }

    static func operand(_ text: String) -> FactOperand {
        FactOperand(text: text, isPlain: true, source: Self.policyLocation(1))
    }

    /// A condition over the world's facts, signs, assessments and stages (nested up to three deep).
    static func condition(_ c: inout ChoiceStream, depth: Int = 0) -> Condition {
        let loc = Self.policyLocation(2)
        switch c.next(depth > 1 ? 4 : 7) {
        case 0:
            return .fact(
                FactCondition(
                    fact: "level", factSource: loc, comparator: .atLeast,
                    operands: [operand(["none", "some", "lots"][c.next(3)])], source: loc))
        case 1:
            return .fact(
                FactCondition(
                    fact: "flagged", factSource: loc, comparator: .is,
                    operands: [operand(c.chance(50) ? "true" : "false")],
                    source: loc))
        case 2:
            return .signs(
                SignsCondition(
                    atLeast: 1 + c.next(3), stage: c.chance(50) ? Self.stages[c.next(4)] : nil, stageSource: loc,
                    within: c.chance(30) ? PolicyDuration(parsing: "\(1 + c.next(48))h") : nil, source: loc))
        case 3:
            return .capacity(
                CapacityCondition(
                    status: c.chance(70) ? .lacks : .has,
                    decision: c.chance(50) ? ["care", "admission"][c.next(2)] : nil,
                    source: loc))
        case 4:
            return .stage(
                StageCondition(
                    comparator: [.is, .atLeast, .atMost][c.next(3)], stage: Self.stages[c.next(4)],
                    stageSource: loc,
                    source: loc))
        case 5:
            return .all([condition(&c, depth: depth + 1), condition(&c, depth: depth + 1)], loc)
        default:
            return .any([condition(&c, depth: depth + 1), .not(condition(&c, depth: depth + 1), loc)], loc)
        }
    }

    init(_ choices: [Int]) {
        var c = ChoiceStream(choices)
        let start = Timestamp(parsing: "2026-11-20T00:00:00Z")!
        let condition = { (c: inout ChoiceStream) in Self.condition(&c) }

        var flags: [Flag] = []
        for index in 0..<c.next(5) {
            var effects = FlagEffects()
            if c.chance(50) {
                effects.withholdContactNamedBy = c.chance(70) ? "who" : "harm"
                effects.withholdSource = Self.policyLocation(3)
            }
            if c.chance(40) {
                effects.raiseTo = Self.stages[c.next(4)]
                effects.raiseToSource = Self.policyLocation(4)
            }
            if c.chance(50) {
                // Sometimes a name that matches a do-not-contact entry, to test conflicts.
                let blocked = c.chance(40)
                effects.addContacts = [
                    Contact(
                        id: blocked ? "d\(c.next(2))" : "svc\(index)",
                        name: blocked ? "Blocked Person \(c.next(2))" : "Service \(index)",
                        relation: nil, phone: "0300 555 01\(10 + index)", roles: [], professional: true,
                        source: Self.policyLocation(10 + index))
                ]
            }
            if c.chance(30) { effects.consultRoles = ["nearest_relative"] }
            effects.mhaPart4 = c.chance(30)
            flags.append(
                Flag(
                    id: "flag\(index)", kind: Flag.Kind.allCases[c.next(4)], title: "Flag \(index)",
                    basis: "Act s\(index)",
                    when: condition(&c), permits: "Something", guidance: [], mustRecord: ["what"], effects: effects,
                    source: Self.policyLocation(20 + index)))
        }
        var escalation: [EscalationRule] = []
        for index in 0..<c.next(3) {
            escalation.append(
                EscalationRule(
                    id: "rule\(index)", when: condition(&c), raiseTo: Self.stages[c.next(4)],
                    raiseToSource: Self.policyLocation(5), source: Self.policyLocation(30 + index)))
        }
        policy = Policy(
            stages: Self.stages.enumerated().map {
                Stage(id: $1, label: "Stage \($0)", source: Self.policyLocation($0 + 1))
            },
            signsActiveFor: PolicyDuration(parsing: "\(24 + c.next(72))h")!,
            capacityValidFor: PolicyDuration(parsing: "\(1 + c.next(48))h")!,
            facts: [
                FactDeclaration(
                    id: "level", kind: .enumeration(["none", "some", "lots"]), defaultValue: nil, asks: nil,
                    source: Self.policyLocation(40)),
                FactDeclaration(
                    id: "flagged", kind: .bool, defaultValue: nil, asks: nil, source: Self.policyLocation(41)),
                FactDeclaration(
                    id: "who", kind: .contact, defaultValue: nil, asks: nil, source: Self.policyLocation(42)),
                FactDeclaration(
                    id: "harm", kind: .contact, defaultValue: nil, asks: "Who is causing harm?", sourceOfHarm: true,
                    source: Self.policyLocation(46)),
                FactDeclaration(
                    id: "overdose", kind: .enumeration(["not_asked", "no", "yes"]), defaultValue: nil,
                    asks: "Has the person taken an overdose?", notAsked: "not_asked", source: Self.policyLocation(47)),
            ],
            escalation: escalation, flags: flags, language: [],
            decisions: c.chance(50)
                ? [
                    Decision(id: "care", source: Self.policyLocation(43)),
                    Decision(id: "admission", deprivationOfLiberty: true, source: Self.policyLocation(44)),
                    Decision(
                        id: "haloperidol", treatment: "haloperidol", forMentalDisorder: true,
                        source: Self.policyLocation(45)),
                    Decision(
                        id: "ect", treatment: "ECT", forMentalDisorder: true, ect: true,
                        also: ["electroconvulsive therapy"], source: Self.policyLocation(48)),
                    Decision(id: "money", domain: .property, source: Self.policyLocation(49)),
                ] : nil)
        policy.redFlags = [
            RedFlag(
                id: "possible-overdose", words: ["overdos*", "took tablets", "end it"], ask: "overdose",
                askSource: Self.policyLocation(50), message: "This may be an emergency.",
                source: Self.policyLocation(50))
        ]

        let signs = (0..<(1 + c.next(5))).map { index in
            EarlyWarningSign(
                id: "sign\(index)", says: "I notice sign \(index)", also: ["other \(index)"],
                stage: Self.stages[c.next(4)],
                stageSource: Self.location(50 + index), source: Self.location(50 + index))
        }
        // Sometimes a contact is a do-not-contact person written another way: a look-alike of
        // the name, the whole name with more around it ("Mr Blocked Person 1 (work)"), or the
        // number of an earlier contact written another way (a second entry for whoever that
        // is). Evaluation must keep them off the contacts even though `check` would refuse such
        // a plan.
        var contacts: [Contact] = []
        for (index, id) in Self.contactIds.enumerated() {
            let blockedName = "Blocked Person \(c.next(2))"
            let name =
                index < 2 ? "Contact \(index)"
                : [
                    "Contact \(index)", "Contact \(index)", Self.variant(of: blockedName, &c),
                    "Mr \(blockedName) (work)",
                ][c.next(4)]
            let phone =
                index >= 1 && c.chance(25)
                ? "+44 (0)7700 900 \(100 + c.next(index))" : "07700 900\(100 + index)"
            contacts.append(
                Contact(
                    id: id, name: name, relation: nil, phone: phone,
                    roles: index == 0 && c.chance(50) ? ["nearest_relative"] : [], professional: false,
                    source: Self.location(60 + index)))
        }
        let blocked = Self.blockedIds.enumerated().map { index, id in
            DoNotContactEntry(
                id: c.chance(70) ? id : nil, name: "Blocked Person \(index)", relation: nil, reason: "Because",
                roles: c.chance(40) ? ["nearest_relative"] : [], source: Self.location(70 + index))
        }
        let responses = Self.stages.enumerated().map { stageIndex, stage in
            StageResponses(
                stage: stage, stageSource: Self.location(80),
                responses: (0..<c.next(4)).map { index in
                    let forSigns = c.chance(25) ? [signs[c.next(signs.count)].id] : []
                    let action = [
                        "Do \(stage)-\(index)", String(repeating: "unbroken", count: 15),
                        String(repeating: "静かな部屋で話す ", count: 8), "Do \(stage)-\(index) " + String(repeating: "é", count: 90),
                    ][c.chance(80) ? 0 : 1 + c.next(3)]
                    return Response(
                        by: Response.Actor.allCases[c.next(3)], action: action, forSigns: forSigns,
                        forSignsSources: forSigns.map { _ in Self.location(81) },
                        source: Self.location(82 + stageIndex * 5 + index))
                })
        }
        let routes = Self.stages.map { stage in
            ContactRoute(
                stage: stage, stageSource: Self.location(100),
                contacts: (0..<c.next(4)).map { _ in
                    SourcedText(text: Self.contactIds[c.next(4)], source: Self.location(101))
                })
        }
        let refusal = AdvanceRefusal(
            treatment: ["haloperidol", "ECT", "Electroconvulsive therapy", "ect"][c.next(4)], made: CalendarDate(parsing: "2025-01-01"), signed: c.chance(50),
            witnessed: c.chance(50),
            lifeSustaining: c.chance(30), evenIfLifeAtRisk: c.chance(50), forMentalDisorder: c.chance(70),
            ect: c.chance(20),
            withdrawn: c.chance(10), source: Self.location(110))
        var decisions = AdvanceDecisions()
        decisions.refusals = [refusal]
        let attorneys: [Attorney] = (0..<c.next(3)).map { index in
            Attorney(
                contact: Self.contactIds[c.next(4)], contactSource: Self.location(120 + index), registered: c.chance(70),
                made: CalendarDate(parsing: ["2025-06-01", "2024-01-01", "2026-11-01"][c.next(3)]),
                covers: c.chance(50) ? ["all"] : ["care", "money", "ect"][...c.next(3)].map { $0 },
                lifeSustaining: c.chance(50),
                kind: c.chance(20) ? nil : Attorney.Kind.allCases[c.next(2)],
                registeredOn: c.chance(50) ? CalendarDate(parsing: ["2025-07-01", "2026-11-21", "2027-01-01"][c.next(3)]) : nil,
                source: Self.location(120 + index))
        }
        plan = Plan(
            person: Person(id: "p", idSource: Self.location(2), name: "Pat", pronouns: nil, source: Self.location(1)),
            dates: PlanDates(
                agreed: CalendarDate(parsing: "2026-01-01")!,
                reviewBy: CalendarDate(parsing: c.chance(30) ? "2026-06-01" : "2027-06-01")!,
                writtenWith: [], agreedSource: Self.location(5), reviewBySource: Self.location(6)),
            keepingWell: [], stressors: [], signs: signs, responses: responses, whenUnwell: WhenUnwell(),
            contacts: contacts,
            contactRoutes: routes, doNotContact: blocked, advanceDecisions: decisions, attorneys: attorneys, views: [],
            file: "Rules/people/p.yaml")

        var observations: [Observation] = []
        var time = start
        for index in 0..<c.next(6) {
            time = Timestamp(seconds: time.seconds + Int64(c.next(30 * 3600)))
            var observation = Observation(at: time, source: SourceLocation(file: "obs.yaml", line: 3 + index * 5))
            for _ in 0..<c.next(3) {
                let sign = signs[c.next(signs.count)]
                let text = [
                    sign.id, sign.says, "  \(sign.also[0].uppercased()) ", "unknown thing", "I took an OVERDOSE.",
                    "she overdosed", "wants to end it all", "took tablets",
                ][c.next(8)]
                observation.signs.append(SourcedText(text: text, source: observation.source))
            }
            if c.chance(20) {
                observation.resolved.append(
                    SourcedText(text: signs[c.next(signs.count)].id, source: observation.source))
            }
            if c.chance(60) {
                let people = Self.contactIds + Self.blockedIds.filter { id in blocked.contains { $0.id == id } }
                let names = contacts.map(\.name) + blocked.map(\.name)
                let who =
                    c.chance(15)
                    ? "someone-else"
                    : c.chance(50)
                        ? Self.variant(of: people[c.next(people.count)], &c, lookAlikes: false)
                        : Self.variant(of: names[c.next(names.count)], &c, lookAlikes: false)
                let harm =
                    c.chance(15)
                    ? "someone-else"
                    : Self.variant(of: { let list = c.chance(50) ? people : names; return list[c.next(list.count)] }(), &c)
                let (fact, value): (String, String) = [
                    ("level", ["none", "some", "lots", "Some", "LOTS."][c.next(5)]),
                    ("flagged", ["true", "false", "yes", "No", "TRUE"][c.next(5)]),
                    ("who", who), ("harm", harm), ("over-dose", ["not_asked", "no", "Yes", "true"][c.next(4)]),
                ][c.next(5)]
                observation.facts.append(
                    ObservedFact(
                        fact: fact, value: value, factSource: observation.source, valueSource: observation.source))
            }
            if c.chance(40) {
                observation.capacity.append(
                    CapacityAssessment(
                        decision: ["care", "admission", "Haloperidol", "ADMISSION"][c.next(4)],
                        status: c.chance(60) ? .lacks : .has,
                        assessedAt: time, source: observation.source))
            }
            observations.append(observation)
        }
        self.observations = observations
        now = Timestamp(seconds: time.seconds + Int64(c.next(80 * 3600)))
    }

    func evaluate(policy: Policy? = nil) throws -> Answer {
        try Evaluator(policy: policy ?? self.policy, plan: plan).evaluate(observations, now: now)
    }
}
