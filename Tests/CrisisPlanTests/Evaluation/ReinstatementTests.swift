import Foundation
import Testing

@testable import CrisisPlan

/// Only a professional puts someone named as the source of harm back among the contacts: a
/// reinstatement whose `by` names the person reinstated, or anyone else in the plan who is not
/// one of its professionals, is bad input at its line — never a decision the answer acts on.
@Suite("Who may reinstate")
struct ReinstatementTests {
    static func answer(by: String) throws -> Answer {
        let body = """
            person: kit
            observations:
              - at: 2026-11-24T08:00:00Z
                facts: {abuse_or_neglect: suspected, harm_source: lee}
              - at: 2026-11-24T09:00:00Z
                signs: [panic]
                reinstated: [{contact: lee, by: "\(by)", reason: "reviewed at the strategy meeting"}]
            """
        let timeline = try ObservationDecoder.decode(SourceFile(path: "<stdin>", bytes: Array(body.utf8)))
        return try ShippedRules.evaluator("kit").evaluate(timeline.observations, now: ShippedRules.now)
    }

    @Test("the person reinstated cannot reinstate themselves, by name, id or a look-alike", arguments: [
            "Lee Walker", "lee", "LEE WALKER", "Lee WaIker", "Lee (his own request)", "Lee himself", "Lee Walker, partner", "Lee W",
            "Mr Walker", "l-e-e", "L33 Walker", "partner", "Lee's mother", "WaIker", "L. WaIker",
        ])
    func notThemselves(by: String) throws {
        #expect {
            try Self.answer(by: by)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.summary) == [
                "<stdin>:7:18: error: 'by' names Lee Walker, the person being reinstated; write the professional who decided"
            ]
        }
    }

    @Test("a family member or friend in the plan does not decide", arguments: ["Rosa Kemp", "aunt", "Rosa", "my aunt", "aunt Rosa"])
    func notFamily(by: String) throws {
        #expect {
            try Self.answer(by: by)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.summary) == [
                "<stdin>:7:18: error: 'by' names Rosa Kemp, who is not one of Kit Walker's professionals; write the professional who decided"
            ]
        }
    }

    @Test("the person themselves, family words and text that names no one are refused, each saying what to write", arguments: [
        ("Kit Walker", "'by' names Kit Walker, whose plan this is; a professional decides, on the record: write who decided"),
        ("kit", "'by' names Kit Walker, whose plan this is; a professional decides, on the record: write who decided"),
        ("me", "'by' reads as family, a friend or the person ('me'); write the professional who decided"),
        ("n/a", "'by' does not say who decided; write the professional's name and role"),
        ("-", "'by' does not say who decided; write the professional's name and role"),
        ("x", "'by' does not say who decided; write the professional's name and role"),
        ("his mum", "'by' reads as family, a friend or the person ('mum'); write the professional who decided"),
        ("his stepfather", "'by' reads as family, a friend or the person ('stepfather'); write the professional who decided"),
        ("nobody", "'by' does not say who decided; write the professional's name and role"),
    ])
    func notTheirOwnOrNoOne(by: String, message: String) throws {
        #expect {
            try Self.answer(by: by)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.summary) == ["<stdin>:7:18: error: " + message]
        }
    }

    @Test("a professional decides: a named professional, or one of the plan's teams", arguments: [
        "Dr A. Okafor, consultant psychiatrist", "Community Mental Health Team (weekdays 9 to 5)", "Sister K. Brown, ward manager",
        "Nurse Kemp", "Dr Amy Lee, consultant psychiatrist", "Safeguarding lead, after seeing the patient alone",
    ])
    func aProfessional(by: String) throws {
        let answer = try Self.answer(by: by)
        #expect(answer.contacts.contains { $0.id == "lee" })
        #expect(answer.warnings.contains { $0.code == .sourceOfHarmReinstated && $0.message.contains(by + " decided") })
    }

    @Test("when everyone the last answer named is put back, who is causing the harm is asked again while abuse is still suspected")
    func askedAgainAfterReinstatement() throws {
        let answer = try Self.answer(by: "Dr A. Okafor, consultant psychiatrist")
        #expect(answer.prompts.contains { $0.id == "ask-harm-source" }, "\(answer.prompts.map(\.id))")
        // Not when the last answer named someone else, who is still withheld.
        let body = """
            person: kit
            observations:
              - at: 2026-11-24T08:00:00Z
                facts: {abuse_or_neglect: suspected, harm_source: lee}
              - at: 2026-11-24T08:30:00Z
                facts: {harm_source: aunt}
              - at: 2026-11-24T09:00:00Z
                signs: [panic]
                reinstated: [{contact: lee, by: "Dr A. Okafor, consultant psychiatrist", reason: "named in error"}]
            """
        let timeline = try ObservationDecoder.decode(SourceFile(path: "<stdin>", bytes: Array(body.utf8)))
        let other = try ShippedRules.evaluator("kit").evaluate(timeline.observations, now: ShippedRules.now)
        #expect(!other.prompts.contains { $0.id == "ask-harm-source" })
        #expect(other.withheld.contains { $0.id == "aunt" })
    }
}
