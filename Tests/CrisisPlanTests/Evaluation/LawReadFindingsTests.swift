import Foundation
import Testing

@testable import CrisisPlan

/// What a law read of the shipped policy found: a detained person is never told they may leave,
/// DoLS is never advised while the Act holds someone, a child's abuse is child protection, and
/// the Mental Capacity Act is offered only from 16.
@Suite("The shipped policy, read against the law again")
struct LawReadFindingsTests {
    static let night = Timestamp(parsing: "2026-11-24T03:00:00Z")!

    @Test(
        "someone detained, or held at A&E under s136, leaving A&E is not told they may leave (their section holds them)",
        arguments: ["section_2", "section_3", "section_4", "section_136", "cto_recalled"])
    func detainedLeavingAandE(section: String) throws {
        let facts = ["mha_detention=\(section)", "setting=emergency_department", "leaving_before_assessment=yes"]
        let answer = try ShippedRules.respond("sam", facts: facts, at: Self.night)
        #expect(!answer.flags.contains { $0.id == "leaving-a-and-e" })
        let informal = try ShippedRules.respond(
            "sam", facts: ["mha_detention=none", "setting=emergency_department", "leaving_before_assessment=yes"], at: Self.night)
        #expect(informal.flags.contains { $0.id == "leaving-a-and-e" })
    }

    @Test("an informal in-patient leaving the ward is shown the holding powers; someone detained under their section is not")
    func informalInPatientLeaving() throws {
        let informal = try ShippedRules.respond(
            "sam", facts: ["setting=in_patient_ward", "leaving_before_assessment=yes"], at: Self.night)
        let flag = try #require(informal.flags.first { $0.id == "mha-s5" })
        #expect(flag.basis.contains("Rabone"))
        let detained = try ShippedRules.respond(
            "sam", facts: ["setting=in_patient_ward", "leaving_before_assessment=yes", "mha_detention=section_3"], at: Self.night)
        #expect(!detained.flags.contains { $0.id == "mha-s5" })
    }

    @Test("a s135 warrant: no DoLS and no A&E leaving advice while it holds the person", arguments: ["section_135_1", "section_135_2"])
    func warrantNoDoLS(warrant: String) throws {
        let held = try ShippedRules.respond(
            "dee", facts: ["mha_warrant=\(warrant)", "setting=place_of_safety"], capacity: ["admission=lacks"], at: Self.night)
        #expect(!held.flags.contains { $0.id == "mca-deprivation-of-liberty" })
        let afterwards = try ShippedRules.respond("dee", capacity: ["admission=lacks"], at: Self.night)
        #expect(afterwards.flags.contains { $0.id == "mca-deprivation-of-liberty" })
    }

    /// Sam's plan with a date of birth making them `years` old on 2026-11-24.
    static func sam(aged years: Int) throws -> TemporaryLibrary {
        let born = "\(2026 - years)-11-20"
        return try TemporaryLibrary.shipped(changing: ["people/sam.yaml": [("  born: 1994-05-02", "  born: \(born)")]])
    }

    static func respond(_ library: TemporaryLibrary, facts: [String], capacity: [String] = []) throws -> Answer {
        let (policy, plan) = try PersonLoader.load(library.rules, person: "sam", today: night.utcDate)
        return try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(facts: facts, capacity: capacity, at: night)], now: night)
    }

    @Test("domestic abuse of a 15-year-old is child protection, not DASH and MARAC; the police question is for adults only")
    func childsDomesticAbuse() throws {
        let facts = ["domestic_abuse=yes", "abuse_or_neglect=disclosed", "harm_source=jo"]
        let fifteen = try Self.sam(aged: 15)
        defer { fifteen.remove() }
        let child = try Self.respond(fifteen, facts: facts)
        #expect(child.flags.contains { $0.id == "child-protection" })
        #expect(!child.flags.contains { $0.id == "domestic-abuse" })
        #expect(!child.prompts.contains { $0.id == "ask-tell-police" })
        let seventeen = try Self.sam(aged: 17)
        defer { seventeen.remove() }
        let young = try Self.respond(seventeen, facts: facts)
        #expect(young.flags.contains { $0.id == "child-protection" })
        #expect(young.flags.contains { $0.id == "domestic-abuse" })
        #expect(!young.prompts.contains { $0.id == "ask-tell-police" })
        let adult = try ShippedRules.respond("sam", facts: facts, at: Self.night)
        #expect(adult.prompts.contains { $0.id == "ask-tell-police" })
    }

    @Test("the emergency flag says the Mental Capacity Act is from 16, and what holds under 16")
    func mentalCapacityActFrom16() throws {
        let fifteen = try Self.sam(aged: 15)
        defer { fifteen.remove() }
        let answer = try Self.respond(fifteen, facts: ["overdose_injury_or_ligature=yes"])
        let emergency = try #require(answer.flags.first { $0.id == "immediate-risk-to-life" })
        #expect(emergency.permits.contains("If the person is 16 or over and lacks capacity for the decision"))
        #expect(emergency.permits.contains("under 16 the Mental Capacity Act does not apply (s2(5))"))
    }

    @Test("a binding refusal says what the worker still checks: not withdrawn or acted against since, and about this treatment now")
    func bindingRefusalChecks() throws {
        let answer = try ShippedRules.respond("sam", capacity: ["haloperidol=lacks"], at: Self.night)
        let refusal = try #require(answer.refusals.first { $0.binding })
        let line = AnswerText.refusalText(refusal)
        #expect(line.contains("binding (a valid advance decision, unless they have withdrawn it or acted against it since, s25(2)"))
        #expect(line.contains("check it is about this treatment in these circumstances, s25(4))"))
        #expect(line.contains("; applies now: a current assessment says they lack capacity for it"))
    }

    @Test("a property and affairs attorney acts under s9(1)(b), never the welfare attorney's s11(7)(a)")
    func propertyAttorneyCitation() throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/priya.yaml": [("type: health_and_welfare", "type: property_and_affairs")]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "priya", today: Self.night.utcDate)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(capacity: ["finances=lacks"], at: Self.night)], now: Self.night)
        let reasons = answer.attorneys.flatMap(\.decisions).filter(\.canAct).map(\.because)
        #expect(!reasons.isEmpty)
        #expect(reasons.allSatisfy { $0.hasSuffix("(MCA 2005 s9(1)(b))") }, "\(reasons)")
    }
}
