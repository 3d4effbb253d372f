import Foundation
import Testing

@testable import CrisisPlan

/// Hours that cannot be read never stop an answer, however they are written wrong: the contact
/// is shown as not known to be open, with `contact-hours-invalid`, and `check` reports it.
@Suite("Unreadable contact hours")
struct UnreadableHoursTests {
    static let night = Timestamp(parsing: "2026-11-24T23:30:00Z")!

    /// Every way the value can be other than hours: empty, null, a map, a list holding a map,
    /// an empty list, and text that does not parse.
    static let bad = [
        #"hours: """#, "hours:", "hours: ~", "hours: {a: 1}", #"hours: ["Mon-Fri 09:00-17:00", {x: 1}]"#,
        "hours: []", #"hours: "Mon-Fri 9-5""#,
    ]

    @Test("in a plan: the answer comes, the team is not known to be open, and check says why", arguments: bad)
    func inAPlan(hours: String) throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [(#"hours: "Mon-Fri 09:00-17:00""#, hours)]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["cutting"], at: Self.night)], now: Self.night)
        let team = try #require(answer.contacts.first { $0.id == "cmht" })
        #expect(team.openNow == nil)
        #expect(answer.warnings.contains { $0.code == .contactHoursInvalid && $0.message.hasPrefix("Community Mental Health Team (weekdays 9 to 5)'s hours could not be read") })
        let checked = try CommandRunner.run(["check", "--rules", "Rules"], in: library.root)
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("Rules/people/kit.yaml:58:"))
    }

    @Test("a team whose hours cannot be read is never the route that can be called at night: the 24-hour line is added")
    func unreadableTeamAloneOnTheRoute() throws {
        // Kit's early route made the community team alone; written with an en dash, its hours
        // cannot be read.
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [
                (#"hours: "Mon-Fri 09:00-17:00""#, #"hours: "Mon–Fri 09:00-17:00""#), ("  early: [aunt, lee]", "  early: [cmht]"),
            ]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["panic"], at: Self.night)], now: Self.night)
        #expect(answer.stage.id == "early")
        #expect(answer.contacts.first?.id == "cmht")
        #expect(answer.contacts.first?.openNow == nil)
        #expect(answer.flags.contains { $0.id == "crisis-line-24h" }, "\(answer.flags.map(\.id))")
        #expect(answer.contacts.contains { $0.name == "24-hour mental health crisis line" })
    }

    @Test("on a contact a flag adds: the emergency is still answered, with the warning", arguments: bad)
    func onAnAddedContact(hours: String) throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "policy/25-24-hour-line.yaml": [("          hours: 24h", "          " + hours)]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "sam", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(facts: ["life_at_risk=true"], at: Self.night)], now: Self.night)
        #expect(answer.contacts.first?.id == "ambulance-999")
        let line = try #require(answer.contacts.first { $0.name == "24-hour mental health crisis line" && $0.statutory })
        #expect(line.openNow == nil)
        let warnings = answer.warnings.filter { $0.code == .contactHoursInvalid }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("24-hour mental health crisis line's hours could not be read") == true)
        #expect(warnings.first?.source.hasPrefix(library.rules.policyFolder + "/25-24-hour-line.yaml:") == true)
    }

    @Test("a contact whose hours cannot be read gives the warning only when they are in the answer: on no route, or off it, it says nothing")
    func onlyForContactsInTheAnswer() throws {
        // Kit's community team, its hours written with an en dash, taken off every route.
        let library = try TemporaryLibrary.shipped(changing: [
            "people/kit.yaml": [(#"hours: "Mon-Fri 09:00-17:00""#, #"hours: "Mon–Fri 09:00-17:00""#)]
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let onRoute = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["cutting"], at: Self.night)], now: Self.night)
        #expect(onRoute.contacts.contains { $0.id == "cmht" })
        #expect(onRoute.warnings.contains { $0.code == .contactHoursInvalid })
        var unrouted = plan
        unrouted.contactRoutes = plan.contactRoutes.map { route in
            var route = route
            route.contacts.removeAll { $0.text == "cmht" }
            return route
        }
        let off = try Evaluator(policy: policy, plan: unrouted).evaluate(
            [try ShippedRules.observation(signs: ["cutting"], at: Self.night)], now: Self.night)
        #expect(!off.contacts.contains { $0.id == "cmht" })
        #expect(!off.warnings.contains { $0.code == .contactHoursInvalid }, "\(off.warnings.map(\.message))")
    }
}
