import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// The trust's record system calling the CDS Hooks service, as it would: discovery, a patient
/// view found by NHS number, feedback on a card, and every way a call can be wrong.
@Suite("CDS Hooks: the plan where the record is open")
struct CDSHooksTests {
    static let base = "https://crisis.example.org"
    static let service = base + "/cds-services/crisisplan-patient-view"
    static let ehr = TestTokens.RecordSystem(issuer: "https://ehr.example.org")

    static func start(_ systems: [TestTokens.RecordSystem] = [ehr]) async throws -> InProcessService {
        try await InProcessService { options, folder in
            for (index, system) in systems.enumerated() {
                let path = folder + "/ehr-\(index).json"
                try system.jwks.write(toFile: path, atomically: true, encoding: .utf8)
                options.cdsClients.append(system.issuer + "=" + path)
            }
            options.publicURL = base
        }
    }

    /// A patient-view body for a record whose Patient carries `identifiers`.
    static func hook(
        patient: Any? = ["resourceType": "Patient", "id": "ehr-4471", "identifier": [
            ["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018"],
        ]] as [String: Any], drop: String? = nil, hook: String = "patient-view"
    ) -> String {
        var context: [String: Any] = ["userId": "Practitioner/pr-77", "patientId": "ehr-4471"]
        if let drop { context[drop] = nil }
        var body: [String: Any] = ["hook": hook, "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "context": context]
        if let patient { body["prefetch"] = ["patient": patient] }
        return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("discovery, a patient view by NHS number with the cards in order, feedback recorded against its card")
    func playsTheRecordSystem() async throws {
        let service = try await Self.start()
        try await service.run { client in
            let discovery = try await client.send(.get, "/cds-services")
            #expect(discovery.status == 200)
            #expect(discovery.headers[.accessControlAllowOrigin] == "*")
            // A record system in a browser asks first; no token, no plan content, no record.
            let preflight = try await client.send(
                .options, "/cds-services/crisisplan-patient-view", headers: [.origin: "https://ehr.example.org"])
            #expect(preflight.status == 204)
            #expect(preflight.headers[.accessControlAllowHeaders] == "Authorization, Content-Type")
            #expect(preflight.body.isEmpty)
            let services = Self.json(discovery.body)["services"] as? [[String: Any]] ?? []
            #expect(services.count == 1)
            #expect(services.first?["id"] as? String == "crisisplan-patient-view")
            #expect(services.first?["hook"] as? String == "patient-view")
            #expect((services.first?["prefetch"] as? [String: String])?["patient"] == "Patient/{{context.patientId}}")

            let reply = try await client.send(
                .post, "/cds-services/crisisplan-patient-view", token: Self.ehr.token(aud: Self.service), body: Self.hook())
            #expect(reply.status == 200, "\(reply.body)")
            let cards = Self.json(reply.body)["cards"] as? [[String: Any]] ?? []
            #expect(cards.map { $0["summary"] as? String ?? "" }.map { String($0.prefix(31)) } == [
                "Crisis and safety plan in place", "Do not contact Mark Taylor (fat", "Advance decision: refuses halop",
            ])
            #expect(cards.map { $0["indicator"] as? String } == ["info", "warning", "warning"])
            let plan = cards.first ?? [:]
            let detail = plan["detail"] as? String ?? ""
            // The person's words, the agreed responses and a first contact, and no stage stated.
            #expect(detail.contains("**Early warning signs, in Sam Taylor's words**"))
            #expect(detail.contains("First contact: "))
            #expect(!detail.lowercased().contains("current stage"))
            for card in cards {
                #expect((card["summary"] as? String ?? "").count < 140)
                #expect((card["source"] as? [String: Any])?["label"] as? String == "crisisplan")
                #expect(UUID(uuidString: card["uuid"] as? String ?? "") != nil)
                let link = (card["links"] as? [[String: Any]])?.first ?? [:]
                #expect(link["type"] as? String == "absolute")
                #expect(link["url"] as? String == Self.base + "/people/sam")
            }
            #expect((plan["overrideReasons"] as? [[String: Any]])?.first?["display"] as? String != nil)

            let uuid = plan["uuid"] as? String ?? ""
            let feedback = """
                {"feedback": [{"card": "\(uuid)", "outcome": "overridden", "outcomeTimestamp": "2026-12-06T03:10:00Z",
                  "overrideReason": {"reason": {"code": "contact-unavailable", "system": "\(Self.base)/override-reasons"},
                                     "userComment": "Line busy"}}]}
                """
            let recorded = try await client.send(
                .post, "/cds-services/crisisplan-patient-view/feedback", token: Self.ehr.token(aud: Self.service + "/feedback"),
                body: feedback)
            #expect(recorded.status == 200, "\(recorded.body)")
            // A record system may name the service itself as the feedback call's audience.
            let again = try await client.send(
                .post, "/cds-services/crisisplan-patient-view/feedback", token: Self.ehr.token(aud: Self.service),
                body: feedback)
            #expect(again.status == 200, "\(again.body)")

            let records = try await service.built.audit.store.records(AuditFilter(), limit: 10, offset: 0)
            let texts = records.map(\.record)
            let view = try #require(texts.first { $0.contains(#""action":"cds.patient-view""#) })
            #expect(view.contains(#""user":"Practitioner/pr-77""#))
            #expect(view.contains(#""role":"cds-client""#))
            #expect(view.contains(#""person":"sam""#))
            #expect(view.contains(uuid))
            let fed = try #require(texts.first { $0.contains(#""action":"cds.feedback""#) })
            #expect(fed.contains(#""about":"plan""#))
            #expect(fed.contains(#""card":"\#(uuid)""#))
            #expect(fed.contains(#""outcome":"overridden""#))
            #expect(fed.contains(#""reason":"contact-unavailable""#))
            #expect(fed.contains(#""person":"sam""#))
        }
    }

    @Test("an unknown patient, a null prefetch and a Patient without identifiers get no cards; an overdue plan warns")
    func noCards() async throws {
        let service = try await Self.start()
        try await service.run { client in
            let stranger: [String: Any] = [
                "resourceType": "Patient", "identifier": [["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000107"]],
            ]
            for patient in [stranger, NSNull(), ["resourceType": "Patient"]] as [Any] {
                let reply = try await client.send(
                    .post, "/cds-services/crisisplan-patient-view", token: Self.ehr.token(aud: Self.service),
                    body: Self.hook(patient: patient))
                #expect(reply.status == 200)
                #expect(reply.body == "{\"cards\":[]}\n")
            }
            let dee: [String: Any] = [
                "resourceType": "Patient", "identifier": [["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "999 000 0034"]],
            ]
            let overdue = try await client.send(
                .post, "/cds-services/crisisplan-patient-view", token: Self.ehr.token(aud: Self.service),
                body: Self.hook(patient: dee))
            let first = (Self.json(overdue.body)["cards"] as? [[String: Any]])?.first ?? [:]
            #expect(first["indicator"] as? String == "warning")
            #expect((first["summary"] as? String)?.contains("review overdue") == true)
        }
    }

    @Test("a record whose date of birth differs from the plan's gets one warning and no plan content")
    func identityMismatch() async throws {
        let service = try await Self.start()
        try await service.run { client in
            let patient: [String: Any] = [
                "resourceType": "Patient", "birthDate": "1994-05-03",
                "identifier": [["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018"]],
            ]
            let reply = try await client.send(
                .post, "/cds-services/crisisplan-patient-view", token: Self.ehr.token(aud: Self.service),
                body: Self.hook(patient: patient))
            let cards = Self.json(reply.body)["cards"] as? [[String: Any]] ?? []
            #expect(cards.count == 1)
            #expect(cards.first?["indicator"] as? String == "warning")
            #expect(!reply.body.contains("Mark Taylor"))
            // A record that gives only the year of birth, the plan's year, is the same person.
            let year: [String: Any] = [
                "resourceType": "Patient", "birthDate": "1994",
                "identifier": [["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018"]],
            ]
            let matched = try await client.send(
                .post, "/cds-services/crisisplan-patient-view", token: Self.ehr.token(aud: Self.service),
                body: Self.hook(patient: year))
            #expect(matched.body.contains("Mark Taylor"))
        }
    }

    @Test("bad calls: no patient, no prefetch, another hook, an unknown service, a card never sent")
    func badCalls() async throws {
        let service = try await Self.start()
        try await service.run { client in
            func post(_ path: String, _ body: String) async throws -> (status: Int, headers: HTTPFields, body: String) {
                try await client.send(.post, path, token: Self.ehr.token(aud: Self.base + path), body: body)
            }
            let path = "/cds-services/crisisplan-patient-view"
            let noPatient = try await post(path, Self.hook(drop: "patientId"))
            #expect(noPatient.status == 400)
            #expect(noPatient.body.contains("error: 'context.patientId' is missing or not a string"))
            let noPrefetch = try await post(path, Self.hook(patient: nil))
            #expect(noPrefetch.status == 412)
            #expect(noPrefetch.body.contains("prefetch-missing"))
            let otherHook = try await post(path, Self.hook(hook: "order-sign"))
            #expect(otherHook.status == 400)
            #expect(otherHook.body.contains("error: this service answers the patient-view hook; found 'order-sign'"))
            let notJSON = try await post(path, "{")
            #expect(notJSON.status == 400)
            let unknownService = try await post("/cds-services/another-service", Self.hook())
            #expect(unknownService.status == 404)
            let neverSent = try await post(
                path + "/feedback",
                #"{"feedback": [{"card": "0b6c3e1a-93f4-4b0e-9a51-2f1c0e7d9a11", "outcome": "accepted", "outcomeTimestamp": "2026-12-06T03:10:00Z"}]}"#)
            #expect(neverSent.status == 404)
            #expect(neverSent.body.contains("unknown-card"))
            let badOutcome = try await post(
                path + "/feedback", #"{"feedback": [{"card": "x", "outcome": "ignored", "outcomeTimestamp": "2026-12-06T03:10:00Z"}]}"#)
            #expect(badOutcome.status == 400)
            let records = try await service.built.audit.store.records(AuditFilter(), limit: 20, offset: 0).map(\.record)
            #expect(records.filter { $0.contains(#""action":"cds.patient-view""#) }.count == 4)
            #expect(records.contains { $0.contains(#""unknown_card":"0b6c3e1a"#) })
        }
    }

    @Test("a JWT is refused from an unknown issuer, for another URL, replayed, symmetric, expired, under an unknown kid, or a user's token; CDS tokens open nothing else")
    func badTokens() async throws {
        let service = try await Self.start()
        let stranger = TestTokens.RecordSystem(issuer: "https://elsewhere.example.org")
        let crisis = try await service.token(.crisis)
        try await service.run { client in
            let path = "/cds-services/crisisplan-patient-view"
            let used = Self.ehr.token(aud: Self.service)
            #expect(try await client.send(.post, path, token: used, body: Self.hook()).status == 200)
            let refused = [
                stranger.token(aud: Self.service),
                Self.ehr.token(aud: Self.base + "/cds-services/another"),
                used,
                Self.ehr.token(aud: Self.service, claims: ["exp": TestTokens.now - 3600]),
                Self.ehr.token(aud: Self.service, claims: ["exp": TestTokens.now + 86_400]),
                // Within the clocks' allowance, but expiring before it was issued.
                Self.ehr.token(aud: Self.service, claims: ["exp": TestTokens.now - 100]),
                // Times no token could hold: refused, never trapped on (which stopped the service).
                Self.ehr.token(aud: Self.service, claims: ["exp": 1e19]),
                Self.ehr.token(aud: Self.service, claims: ["iat": -1e19]),
                Self.ehr.token(aud: Self.service, claims: ["exp": 1e300, "iat": 1e300]),
                // Signed by the issuer's key, under an id its key set does not publish.
                Self.ehr.token(aud: Self.service, kid: "other"),
                TestTokens.hs256(["iss": Self.ehr.issuer, "aud": Self.service, "exp": TestTokens.now + 60, "iat": TestTokens.now, "jti": "j"], key: .init(size: .bits256), kid: "ehr-1"),
                TestTokens.unsigned(["iss": Self.ehr.issuer, "aud": Self.service, "exp": TestTokens.now + 60, "iat": TestTokens.now, "jti": "k"]),
                crisis,
            ]
            for token in refused {
                let reply = try await client.send(.post, path, token: token, body: Self.hook())
                #expect(reply.status == 401)
                #expect(reply.body.contains("cds-client-not-authorized"))
                #expect(!reply.body.contains("Sam"))
            }
            #expect(try await client.send(.post, path, body: Self.hook()).status == 401)
            // A record system's token is not a user's.
            let elsewhere = try await client.send(.get, "/v1/people/sam", token: Self.ehr.token(aud: Self.base + "/v1/people/sam"))
            #expect(elsewhere.status == 401)
        }
    }
}
