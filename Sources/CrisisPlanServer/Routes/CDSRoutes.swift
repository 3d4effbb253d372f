import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird

/// The CDS Hooks 2.0 service: discovery, `crisisplan-patient-view` (the plan's cards when a
/// worker opens a person's record in the trust's system) and its feedback (what they did with
/// each card). Callers are record systems named by `--cds-client`; see `CDSClientKeys`.
struct CDSRoutes: Sendable {
    static let serviceID = "crisisplan-patient-view"
    static let feedbackLimit = 50
    let answering: AnsweringService
    let sent: SentCards
    let address: ServiceAddress

    /// `GET /cds-services`: the one service, and the prefetch it needs.
    @Sendable func discovery(_ request: Request, _ context: ServerContext) throws -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("services")
        json.beginArray()
        json.beginObject()
        json.field("hook", "patient-view")
        json.field("title", "Crisis and safety plan")
        json.field(
            "description",
            "When a person's record is opened: whether they have a crisis and safety plan, their early warning signs in their words, the agreed responses and first contacts, who must not be contacted, and their advance refusals.")
        json.field("id", Self.serviceID)
        json.key("prefetch")
        json.beginObject()
        json.field("patient", "Patient/{{context.patientId}}")
        json.endObject()
        json.field("usageRequirements", "Send the patient prefetch: the person is found by the Patient's identifiers (the NHS number).")
        json.endObject()
        json.endArray()
        json.endObject()
        return JSONResponse.make(json)
    }

    /// `POST /cds-services/crisisplan-patient-view`.
    @Sendable func patientView(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await CDSRequestBody(request)
        let hook = try body.text("hook")
        guard hook == "patient-view" else {
            throw CDSRequestBody.bad("this service answers the patient-view hook; found '\(hook.prefix(64))'")
        }
        let instance = try body.text("hookInstance")
        guard let hookContext = body.object["context"] as? [String: Any] else {
            throw CDSRequestBody.bad("'context' is missing or not an object")
        }
        let userId = try body.text("userId", in: hookContext, path: "context.userId")
        let patientId = try body.text("patientId", in: hookContext, path: "context.patientId")
        context.audit.update { note in
            note.caller?.userId = userId
            note.details["hook_instance"] = .string(instance)
            note.details["patient_id"] = .string(patientId)
        }
        let library = try answering.library()
        guard let prefetch = body.object["prefetch"] as? [String: Any], let patient = prefetch["patient"] else {
            throw APIError(
                status: .preconditionFailed, code: "prefetch-missing",
                message: "error: the 'patient' prefetch (Patient/{{context.patientId}}) is missing; crisisplan finds the person by the Patient's identifiers and does not read the record system's FHIR server",
                source: nil)
        }
        // null: the record system has no such Patient.
        guard let resource = patient as? [String: Any] else { return JSONResponse.make(CardsJSON.none) }
        guard resource["resourceType"] as? String == "Patient" else {
            throw CDSRequestBody.bad("the 'patient' prefetch is not a Patient resource")
        }
        if let id = resource["id"] as? String, id != patientId {
            throw CDSRequestBody.bad("the 'patient' prefetch is Patient/\(id.prefix(64)), not context.patientId")
        }
        let found = Self.people(resource, in: library)
        guard let first = found.first else { return JSONResponse.make(CardsJSON.none) }
        let now = Timestamp.now()
        let cards: [PatientViewCard]
        if found.count > 1 {
            cards = [PatientViewCards.ambiguous(plans: found.count, source: first.plan.person.source)]
        } else {
            context.audit.update { note in
                note.person = first.id
                note.rulesVersion = library.version
            }
            cards =
                (resource["birthDate"] as? String).map { PatientViewCards.birthDateDiffers($0, plan: first.plan) } == true
                ? [PatientViewCards.identityNotConfirmed(plan: first.plan)]
                : PatientViewCards.cards(context: first.evaluator.context, now: now)
        }
        let person = found.count == 1 ? first : nil
        let sending = cards.map { CardsJSON.Sent(uuid: UUID().uuidString.lowercased(), card: $0, person: person) }
        let issuer = context.audit.current.caller?.issuer ?? ""
        for item in sending {
            sent.add(
                item.uuid,
                SentCards.Card(person: item.person?.id ?? "", about: item.card.about, issuer: issuer, sentAt: now.seconds))
        }
        context.audit.update { note in
            note.details["cards"] = .array(
                sending.map { .object(["uuid": .string($0.uuid), "about": .string($0.card.about)]) })
        }
        return JSONResponse.make(
            CardsJSON.render(sending, base: address.base(request), reasons: library.policy.overrideReasons),
            headers: [.rulesVersion: library.version])
    }

    /// `POST /cds-services/crisisplan-patient-view/feedback`: each outcome recorded against
    /// the card it is about; a card this service never sent to this caller is refused.
    @Sendable func feedback(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await CDSRequestBody(request)
        guard let items = body.object["feedback"] as? [[String: Any]], !items.isEmpty else {
            throw CDSRequestBody.bad("'feedback' must be a non-empty array of objects")
        }
        guard items.count <= Self.feedbackLimit else {
            throw CDSRequestBody.bad("at most \(Self.feedbackLimit) feedback entries in one call")
        }
        let issuer = context.audit.current.caller?.issuer ?? ""
        var recorded: [CanonicalJSON] = []
        var people: Set<String> = []
        for (index, item) in items.enumerated() {
            let uuid = try body.text("card", in: item, path: "feedback[\(index)].card")
            let outcome = try body.text("outcome", in: item, path: "feedback[\(index)].outcome")
            guard ["accepted", "overridden"].contains(outcome) else {
                throw CDSRequestBody.bad("'feedback[\(index)].outcome' is accepted or overridden; found '\(outcome.prefix(32))'")
            }
            let when = try body.text("outcomeTimestamp", in: item, path: "feedback[\(index)].outcomeTimestamp")
            guard Timestamp(parsing: when) != nil else {
                throw CDSRequestBody.bad("'feedback[\(index)].outcomeTimestamp' is not a time with a zone, like 2026-11-24T10:30:00Z")
            }
            guard let card = sent.card(uuid, issuer: issuer) else {
                context.audit.update { $0.details["unknown_card"] = .string(uuid) }
                throw APIError(
                    status: .notFound, code: "unknown-card",
                    message: "error: no card '\(uuid.prefix(64))' was sent by this service to this record system (or it was sent more than a week ago)",
                    source: nil)
            }
            var entry: [String: CanonicalJSON] = [
                "card": .string(uuid.lowercased()), "about": .string(card.about), "person": .string(card.person),
                "outcome": .string(outcome), "outcome_time": .string(when),
            ]
            if let reason = item["overrideReason"] {
                guard let reason = reason as? [String: Any] else {
                    throw CDSRequestBody.bad("'feedback[\(index)].overrideReason' must be an object")
                }
                if let coding = reason["reason"] as? [String: Any], let code = coding["code"] as? String {
                    entry["reason"] = .string(code)
                }
                if let comment = reason["userComment"] as? String { entry["comment"] = .string(comment) }
            }
            recorded.append(.object(entry))
            people.insert(card.person)
        }
        context.audit.update { note in
            note.person = people.count == 1 ? people.first : nil
            note.details["feedback"] = .array(recorded)
        }
        return JSONResponse.make("{}\n")
    }

    /// The people the Patient's identifiers name: `system|value` where a system is given, the
    /// value alone where not; never the EHR's own `id`, and never a name.
    static func people(_ patient: [String: Any], in library: ServedLibrary) -> [ServedPerson] {
        let identifiers = (patient["identifier"] as? [[String: Any]] ?? []).prefix(50)
        var found: [ServedPerson] = []
        for identifier in identifiers {
            guard let value = identifier["value"] as? String, !value.isEmpty else { continue }
            for person in library.people(withIdentifier: identifier["system"] as? String, value: value)
            where !found.contains(where: { $0.id == person.id }) {
                found.append(person)
            }
        }
        return found
    }
}
