import Foundation
import Testing

@testable import CrisisPlan

/// A phone number is a way to reach someone: a second entry that shares the number of someone
/// withheld, or of someone on the do-not-contact list, reaches that person. Such an entry is
/// kept off the contacts with them — unless it is a professional's (a team's switchboard is not
/// a person's phone).
@Suite("A shared phone number is the same person")
struct SharedPhoneNumberTests {
    /// Kit's plan with a second entry for Lee's number, on the early and crisis routes.
    static func kitWithSecondEntry(phone: String, professional: Bool = false) throws -> TemporaryLibrary {
        try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                (
                    "  - id: aunt\n",
                    "  - id: jays-dad\n    name: Jay's dad\n    relation: my son's father\n    phone: \"\(phone)\"\n"
                        + (professional ? "    professional: true\n" : "") + "  - id: aunt\n"
                ),
                ("  early: [aunt, lee]", "  early: [aunt, jays-dad, lee]"),
                ("  crisis: [aunt, cmht, crisis-line]", "  crisis: [aunt, jays-dad, cmht, crisis-line]"),
            ]
        ])
    }

    static func answer(_ library: TemporaryLibrary, signs: [String], facts: [String]) throws -> Answer {
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        return try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: signs, facts: facts)], now: ShippedRules.now)
    }

    @Test("the named source of harm's number under another entry is withheld with them", arguments: ["07700 900654", "+44 7700 900654", "+44 (0)7700 900654", "0044 7700 900654"])
    func withheldWithTheSourceOfHarm(phone: String) throws {
        let library = try Self.kitWithSecondEntry(phone: phone)
        defer { library.remove() }
        let answer = try Self.answer(library, signs: ["cutting"], facts: ["domestic_abuse=yes", "harm_source=lee"])
        #expect(!answer.contacts.contains { $0.id == "jays-dad" || $0.id == "lee" }, "\(answer.contacts.map(\.id))")
        let line = try #require(answer.withheld.first { $0.id == "jays-dad" })
        #expect(line.because.contains("the same phone number as Lee Walker"), "\(line.because)")
        // Until Lee is named, the entry is an ordinary contact.
        let before = try Self.answer(library, signs: ["cutting"], facts: [])
        #expect(before.contacts.contains { $0.id == "jays-dad" })
    }

    @Test("check says the two entries share a number however it is written")
    func checkSeesTheNumberWrittenAnotherWay() throws {
        let library = try Self.kitWithSecondEntry(phone: "+44 7700 900654")
        defer { library.remove() }
        let checked = try CommandRunner.run(["check", "--rules", "Rules"], in: library.root)
        #expect(checked.stdout.contains("'jays-dad' (Jay's dad) has the same phone number as 'lee' (Lee Walker)"), "\(checked.stdout)")
    }

    @Test("a second entry for the named person's phone, alone on the route, empties it: the route is not open, the 24-hour line is added, and the attention line says so")
    func sharedNumberEmptiesTheRoute() throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                ("  - id: aunt\n", "  - id: jays-dad\n    name: Jay's dad\n    phone: \"07700.900.654\"\n  - id: aunt\n"),
                ("  early: [aunt, lee]", "  early: [jays-dad]"),
            ]
        ])
        defer { library.remove() }
        let answer = try Self.answer(library, signs: ["panic"], facts: ["harm_source=lee"])
        #expect(!answer.contacts.contains { $0.id == "jays-dad" })
        #expect(answer.contacts.contains { $0.id == "crisis-line" || $0.name == "24-hour mental health crisis line" }, "\(answer.contacts.map(\.id))")
        #expect(AttentionBlock.items(answer).contains("No one on the route can be called now"), "\(AttentionBlock.items(answer))")
    }

    @Test("a professional's number shared with a withheld person is not withheld")
    func professionalNumberStays() throws {
        let library = try Self.kitWithSecondEntry(phone: "07700 900654", professional: true)
        defer { library.remove() }
        let answer = try Self.answer(library, signs: ["cutting"], facts: ["domestic_abuse=yes", "harm_source=lee"])
        #expect(answer.contacts.contains { $0.id == "jays-dad" })
    }

    @Test("an entry sharing the number of someone on the do-not-contact list is off every route")
    func doNotContactNumber() throws {
        // Lee on Kit's do-not-contact list: his own entry is blocked by name, and a second
        // entry under another name shares his mobile.
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                (
                    "  - id: aunt\n",
                    "  - id: dad-mobile\n    name: Dad's mobile\n    phone: \"+44 7700 900654\"\n  - id: aunt\n"
                ),
                ("  early: [aunt, lee]", "  early: [aunt, dad-mobile]"),
                ("contact_routes:", "do_not_contact:\n  - name: Lee Walker\n    reason: Not to be told anything.\ncontact_routes:"),
            ]
        ])
        defer { library.remove() }
        // The plan as written, its check error and all: what a service still serving it, or a
        // plan edited after its check, would answer.
        let load = RulesLoader.loadLibrary(library.rules, today: nil)
        let plan = try #require(load.plans.first { $0.person.id == "kit" })
        let answer = try Evaluator(policy: try #require(load.policy), plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["panic"])], now: ShippedRules.now)
        #expect(answer.contacts.map(\.id) == ["aunt"], "\(answer.contacts.map(\.id))")
        let checked = try CommandRunner.run(["check", "--rules", "Rules"], in: library.root)
        #expect(
            checked.stdout.contains(
                "error: 'dad-mobile' has the phone number of 'lee' (Lee Walker), who is on the do-not-contact list, and cannot be in a contact route"
            ), "\(checked.stdout)")
    }

    @Test("the key of a number: UK forms are one number; short numbers are not keys")
    func keys() {
        #expect(PhoneNumber.key("07700 900654") == PhoneNumber.key("+44 7700 900654"))
        #expect(PhoneNumber.key("07700 900654") == PhoneNumber.key("+44 (0)7700 900654"))
        #expect(PhoneNumber.key("07700 900654") == PhoneNumber.key("0044 7700-900-654"))
        #expect(PhoneNumber.key("07700 900654") != PhoneNumber.key("07700 900655"))
        for written in [
            "07700.900.654", "07700/900654", "(+44) 7700 900654", "07700\u{2010}900654", "07700 900654 (mobile)", "Mobile 07700 900654",
            "07700 900654 ext 2", "07700 900654;", "tel:07700900654", "+44 (0) 7700 900654", "447700900654",
        ] {
            #expect(PhoneNumber.key(written) == "07700900654", "\(written)")
        }
        for written in ["Text only: 07700 900654", "Next of kin mobile 07700 900654", "Work, 07700 900654"] {
            #expect(PhoneNumber.keys(written) == ["07700900654"], "\(written)")
        }
        #expect(PhoneNumber.keys("0300 555 0199 or 07700 900654") == ["03005550199", "07700900654"])
        #expect(PhoneNumber.keys("07700 900654 / 0300 555 0199") == ["07700900654", "03005550199"])
        #expect(PhoneNumber.keys("07700 900654 x 21") == ["07700900654"])
        #expect(PhoneNumber.key("999") == nil)
        #expect(PhoneNumber.key("ask at reception") == nil)
    }
}
