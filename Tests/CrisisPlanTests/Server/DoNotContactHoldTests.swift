import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// A reload that would drop someone from a plan's do-not-contact list keeps the version
/// served until an admin confirms it: a half-written file never puts Mark back on the route.
@Suite("do-not-contact removals wait for an admin")
struct DoNotContactHoldTests {
    static let night = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    @Test("the edit that drops Mark is held; answers keep him as do-not-contact until confirmed")
    func heldUntilConfirmed() async throws {
        let folder = TemporaryFolder.make("dnc-hold")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        let service = try await InProcessService(rules: folder + "/Rules")
        let crisis = try await service.token(.crisis)
        let admin = try await service.token(.admin)
        let plan = folder + "/Rules/people/sam.yaml"
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        let start = try #require(text.range(of: "do_not_contact:\n"))
        let end = try #require(text.range(of: "advance_decisions:"))
        try (String(text[..<start.lowerBound]) + "do_not_contact: []\n" + String(text[end.lowerBound...]))
            .write(toFile: plan, atomically: true, encoding: .utf8)

        try await service.run { client in
            let reload = try await client.send(.post, "/v1/admin/reload", token: admin)
            #expect(reload.status == 200)
            #expect(reload.body.contains(#""reason":"do-not-contact-removed""#))
            let held = try await client.send(.post, "/v1/people/sam/respond", token: crisis, body: Self.night)
            #expect(held.body.contains(#""do_not_contact":[{"id":"mark","name":"Mark Taylor""#))
            #expect(held.body.contains(#""code":"plan-has-unchecked-edits""#))
            let status = try await client.send(.get, "/v1/admin/status", token: admin)
            #expect(status.body.contains(#""awaiting_confirmation":["sam"]"#))
            #expect(status.body.contains("removes do-not-contact entry 'Mark Taylor'"))

            let badBody = try await client.send(.post, "/v1/admin/reload", token: admin, body: #"{"confirm": "sam"}"#)
            #expect(badBody.status == 400)
            let confirmed = try await client.send(.post, "/v1/admin/reload", token: admin, body: #"{"confirm": ["sam"]}"#)
            #expect(confirmed.status == 200)
            #expect(confirmed.body.contains(#""stale_plans":[]"#))
            let now = try await client.send(.post, "/v1/people/sam/respond", token: crisis, body: Self.night)
            #expect(now.body.contains(#""do_not_contact":[]"#))
            #expect(!now.body.contains("plan-has-unchecked-edits"))
        }
    }

    /// Sam's plan with its do-not-contact list emptied.
    static func withoutDoNotContact(_ text: String) throws -> String {
        let start = try #require(text.range(of: "do_not_contact:\n"))
        let end = try #require(text.range(of: "advance_decisions:"))
        return String(text[..<start.lowerBound]) + "do_not_contact: []\n" + String(text[end.lowerBound...])
    }

    @Test("the confirmation survives a restart: a file that lost Mark while the service was down is held at start-up")
    func heldAcrossRestart() async throws {
        let folder = TemporaryFolder.make("dnc-restart")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        let plan = folder + "/Rules/people/sam.yaml"
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        let audit = "sqlite:" + folder + "/audit.sqlite"
        func service() async throws -> InProcessService {
            try await InProcessService(rules: folder + "/Rules") { options, _ in options.audit = audit }
        }

        // First start: every plan's list is kept as confirmed, beside the chain (which holds
        // only requests).
        let first = try await service()
        let kept = try await first.built.audit.store.confirmedLists(since: nil)
        #expect(kept.map(\.person) == ["sam"])
        #expect(kept.first?.list.hasPrefix(#"[{"id":"mark","name":"Mark Taylor","reason":"#) == true)
        #expect(try await first.built.audit.store.records(AuditFilter(), limit: 10, offset: 0).isEmpty)
        await first.built.audit.close()

        // Edited while the service was down: Mark off the do-not-contact list, and onto the
        // early route as a contact.
        let edited = try Self.withoutDoNotContact(text)
            .replacingOccurrences(
                of: "contacts:\n", with: "contacts:\n  - id: mark\n    name: Mark Taylor\n    relation: father\n    phone: \"07700 900555\"\n")
            .replacingOccurrences(of: "  early: [jo]\n", with: "  early: [jo, mark]\n")
        #expect(edited.contains("early: [jo, mark]") && edited.contains("phone: \"07700 900555\""))
        try edited.write(toFile: plan, atomically: true, encoding: .utf8)
        let second = try await service()
        let crisis = try await second.token(.crisis)
        let admin = try await second.token(.admin)
        try await second.run { client in
            let held = try await client.send(.post, "/v1/people/sam/respond", token: crisis, body: Self.night)
            #expect(held.body.contains(#""do_not_contact":[{"id":"mark","name":"Mark Taylor""#))
            #expect(held.body.contains(#""code":"plan-has-unchecked-edits""#))
            #expect(!held.body.contains(#""id":"mark","name":"Mark Taylor","relation"#), "Mark is on no route")
            #expect(!held.body.contains("07700 900555"), "nor his number anywhere in the answer")
            let status = try await client.send(.get, "/v1/admin/status", token: admin)
            #expect(status.body.contains(#""awaiting_confirmation":["sam"]"#))
            #expect(status.body.contains("no longer has the confirmed do-not-contact entry 'Mark Taylor'"))
            // An id in any case, as PERSON takes it.
            let confirmed = try await client.send(.post, "/v1/admin/reload", token: admin, body: #"{"confirm": ["SAM"]}"#)
            #expect(confirmed.body.contains(#""stale_plans":[]"#))
        }

        // (Running a service closes its audit store when it stops.) Confirmed: the next start
        // serves the file as it is, and holds nothing.
        let third = try await service()
        let token = try await third.token(.crisis)
        try await third.run { client in
            let now = try await client.send(.post, "/v1/people/sam/respond", token: token, body: Self.night)
            #expect(now.body.contains(#""do_not_contact":[]"#))
            #expect(!now.body.contains("plan-has-unchecked-edits"))
            let latest = try await third.built.audit.store.confirmedLists(since: nil)
            #expect(latest.map(\.person) == ["sam", "sam"])
            #expect(latest.last?.list == "[]")
        }
    }
}
