import Foundation
import Testing

@testable import CrisisPlan

/// A look-alike written in capitals is still a look-alike: Cyrillic `М` looks like `M` though
/// its lower case does not look like `m`. Nobody on the do-not-contact list reaches the
/// contacts under such a name, and a source of harm named so is still withheld.
@Suite("Look-alike capitals and ids")
struct LookAlikeCapitalsTests {
    /// Cyrillic М, Т, К; Greek Μ, Τ, Ι; Cherokee Ꮮ standing for L.
    static let disguised = [
        "\u{41C}ark Taylor", "Mark \u{422}aylor", "\u{39C}ark \u{3A4}aylor", "Mark Tay\u{13DE}or", "Mark TayIor", "Mark Tayl0r",
        "Mark Tay-lor", "Mar k Taylor",
    ]

    @Test("a do-not-contact name written with a look-alike capital never reaches the contacts; check says so", arguments: disguised)
    func doNotContactCapital(name: String) throws {
        #expect(!Set(ConfusableSkeleton.looks(of: name)).isDisjoint(with: ConfusableSkeleton.looks(of: "Mark Taylor")))
        let plan = Self.plan(routing: "dad2", named: name)
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(found.contains { $0.contains("error: 'dad2' is \(name), who looks the same as Mark Taylor, who is on the do-not-contact list") }, "\(found)")
        let answer = try Self.answer(plan)
        #expect(answer.contacts.map(\.id) == ["jo"])
    }

    /// The fixture's plan with one more contact, first on the early route.
    static func plan(routing id: String, named name: String) -> String {
        LibraryFixture.plan
            .replacingOccurrences(
                of: "    phone: \"07700 900123\"\n",
                with: "    phone: \"07700 900123\"\n  - id: \"\(id)\"\n    name: \"\(name)\"\n    phone: \"07700 900124\"\n")
            .replacingOccurrences(of: "  early: [jo]", with: "  early: [\"\(id)\", jo]")
    }

    /// The engine's answer for the plan as written, errors and all: what a service still
    /// serving it, or a plan edited after its check, would give.
    static func answer(_ plan: String) throws -> Answer {
        let library = try TemporaryLibrary(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        defer { library.remove() }
        let load = RulesLoader.loadLibrary(RulesDirectory(library.root), today: nil)
        let policy = try #require(load.policy)
        let loaded = try #require(load.plans.first)
        return try Evaluator(policy: policy, plan: loaded).evaluate(
            [try ShippedRules.observation(signs: ["not sleeping"])], now: ShippedRules.now)
    }

    @Test("ASCII capitals still match their own lower case; ASCII disguises are a second look that never merges real names")
    func asciiCase() {
        #expect(ConfusableSkeleton.of("Ian Taylor") == ConfusableSkeleton.of("ian taylor"))
        #expect(ConfusableSkeleton.of("McIntyre") == ConfusableSkeleton.of("MCINTYRE"))
        for (disguised, name) in [
            ("Mark TayIor", "Mark Taylor"), ("Lee WaIker", "Lee Walker"), ("5teve 5mith", "Steve Smith"), ("Lee VVaIker", "Lee Walker"),
            ("L3e Walker", "Lee Walker"), ("0wen Jones", "Owen Jones"), ("B0b Hi11", "Bob Hill"), ("Mar k Tay-lor", "Mark Taylor"),
        ] {
            #expect(ConfusableSkeleton.undisguised(disguised) == ConfusableSkeleton.undisguised(name), "\(disguised)")
        }
        for (one, other) in [("Nell Hughes", "Neil Hughes"), ("Carl", "Cari"), ("Dale", "Daie"), ("Eli", "Ell"), ("Kiran", "Karen")] {
            #expect(Set(ConfusableSkeleton.looks(of: one)).isDisjoint(with: ConfusableSkeleton.looks(of: other)), "\(one) \(other)")
        }
        #expect(ConfusableSkeleton.of("MARK TAYLOR") == ConfusableSkeleton.of("mark taylor"))
        #expect(ConfusableSkeleton.of("Mark Tayl\u{43E}r") == ConfusableSkeleton.of("Mark Taylor"))
    }

    @Test("a source of harm named with a look-alike capital is withheld, with the warning; the answer comes", arguments: ["Rosa \u{41A}emp", "R\u{41E}SA KEMP"])
    func sourceOfHarmCapital(typed: String) throws {
        let answer = try ShippedRules.respond("kit", signs: ["panic"], facts: ["harm_source=\(typed)"] + ShippedRules.safeguarding)
        #expect(answer.withheld.contains { $0.name == "Rosa Kemp" })
        #expect(!answer.contacts.contains { $0.id == "aunt" })
        #expect(answer.warnings.contains { $0.code == .contactFactLookAlike })
    }

    @Test("a source of harm typed with an ASCII disguise (I for l, digits for letters, vv for w) is named, with the warning; the answer comes", arguments: ["Lee WaIker", "L33 Walker", "Lee VVaIker", "Lee Wal-ker"])
    func sourceOfHarmCapitalI(typed: String) throws {
        let answer = try ShippedRules.respond("kit", signs: ["panic"], facts: ["harm_source=\(typed)"] + ShippedRules.safeguarding)
        #expect(answer.withheld.contains { $0.id == "lee" })
        #expect(!answer.contacts.contains { $0.id == "lee" })
        #expect(answer.warnings.contains { $0.code == .contactFactLookAlike })
    }

    @Test("a second entry whose name holds a do-not-contact name (Mark Taylor (Dad), Mr Mark Taylor) is off the route, and check says so", arguments: ["Mark Taylor (Dad)", "Mr Mark Taylor", "Mark Taylor, work", "Taylor, Mark", "Mark J Taylor", "TAYLOR, Mark (father)", "Mark James Taylor"])
    func secondEntryForDoNotContact(name: String) throws {
        let plan = Self.plan(routing: "dad2", named: name)
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(found.contains { $0.contains("error: 'dad2' is \(name), whose name holds Mark Taylor, who is on the do-not-contact list") }, "\(found)")
        #expect(try Self.answer(plan).contacts.map(\.id) == ["jo"])
    }

    @Test("names that are other people are not second entries: reversed without a comma, a word shared, a professional's service", arguments: [
        ("Taylor Mark", false), ("Jo Taylor (Mark's sister)", false), ("Marka Taylor", false),
        ("Taylor Ward, St Mark's Hospital", true), ("Mark Taylor Surgery (Dr Mark Taylor)", true),
    ])
    func otherPeople(name: String, professional: Bool) throws {
        var plan = Self.plan(routing: "other", named: name)
        if professional {
            plan = plan.replacingOccurrences(of: "    phone: \"07700 900124\"\n", with: "    phone: \"07700 900124\"\n    professional: true\n    hours: 24h\n")
        }
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(!found.contains { $0.contains("whose name holds") }, "\(name): \(found)")
        #expect(try Self.answer(plan).contacts.map(\.id).contains("other"), "\(name)")
    }

    @Test("a do-not-contact name given with a middle name holds the same person written without it; a second entry on a route is a check error that never withholds the answer")
    func middleNameOnTheList() throws {
        let plan = Self.plan(routing: "dad2", named: "Mark Taylor (work)")
            .replacingOccurrences(of: "name: Mark Taylor\n", with: "name: Mark James Taylor\n")
        #expect(plan.contains("Mark James Taylor"))
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(found.contains { $0.contains("whose name holds Mark James Taylor") }, "\(found)")
        #expect(try Self.answer(plan).contacts.map(\.id) == ["jo"])
        let library = try TemporaryLibrary(["Rules/policy/policy.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": plan])
        defer { library.remove() }
        let respond = try CommandRunner.run(["respond", "sam", "--sign", "not sleeping", "--json"], in: library.root)
        #expect(respond.status == 0, "\(respond.stderr)")
    }

    @Test("a second entry whose name holds a withheld person's name (Lee Walker (work)) is withheld with them", arguments: ["Lee Walker (work)", "Mr Lee Walker", "Lee Walker - work mobile", "Walker, Lee", "Lee R. Walker"])
    func secondEntryForWithheld(name: String) throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                ("  - id: aunt\n", "  - id: lee-work\n    name: \"\(name)\"\n    phone: \"07700 900611\"\n  - id: aunt\n"),
                ("  early: [aunt, lee]", "  early: [lee-work, aunt]"),
            ]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["panic"], facts: ["harm_source=lee"] + ShippedRules.safeguarding)], now: ShippedRules.now)
        #expect(!answer.contacts.contains { $0.id == "lee-work" }, "\(answer.contacts.map(\.id))")
        #expect(answer.withheld.contains { $0.id == "lee-work" && $0.because.hasPrefix("is a second entry for Lee Walker") })
    }

    @Test("two real people whose names differ by i and l (Nell and Neil) stay two people: naming one withholds only them")
    func nellAndNeil() throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                (
                    "  - id: aunt\n",
                    "  - id: mum\n    name: Nell Hughes\n    phone: \"07700 900311\"\n  - id: brother\n    name: Neil Hughes\n    phone: \"07700 900312\"\n  - id: aunt\n"
                ),
                ("  early: [aunt, lee]", "  early: [brother, aunt]"),
            ]
        ])
        defer { library.remove() }
        let checked = try CommandRunner.run(["check", "--rules", "Rules"], in: library.root)
        #expect(!checked.stdout.contains("same person by name"), "\(checked.stdout)")
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["panic"], facts: ["harm_source=mum"] + ShippedRules.safeguarding)], now: ShippedRules.now)
        #expect(answer.withheld.map(\.name) == ["Nell Hughes"])
        #expect(answer.contacts.first?.id == "brother")
    }

    @Test("a contact id written with a look-alike letter is the do-not-contact id: off the route, and check says so", arguments: ["m\u{430}rk", "\u{41C}ARK"])
    func doNotContactIdLookAlike(id: String) throws {
        let plan = Self.plan(routing: id, named: "Dad")
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(found.contains { $0.contains("error: '\(id)' (Mark Taylor) is on the do-not-contact list and cannot be in a contact route") }, "\(found)")
        #expect(try Self.answer(plan).contacts.map(\.id) == ["jo"])
    }

    @Test("a do-not-contact id written with a hyphen for its underscore is the same person: off the route, and check says so")
    func doNotContactIdSpelling() throws {
        let plan = LibraryFixture.plan
            .replacingOccurrences(of: "  - id: mark\n    name: Mark Taylor", with: "  - id: mark_taylor\n    name: Mark Taylor")
            .replacingOccurrences(
                of: "    phone: \"07700 900123\"\n",
                with: "    phone: \"07700 900123\"\n  - id: mark-taylor\n    name: Father\n    phone: \"07700 900124\"\n")
            .replacingOccurrences(of: "  early: [jo]", with: "  early: [mark-taylor, jo]")
        #expect(plan.contains("id: mark_taylor") && plan.contains("[mark-taylor, jo]"))
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": plan])
        #expect(found.contains { $0.contains("error: 'mark-taylor' (Mark Taylor) is on the do-not-contact list and cannot be in a contact route") }, "\(found)")
        let answer = try Self.answer(plan)
        #expect(answer.contacts.map(\.id) == ["jo"])
    }
}
