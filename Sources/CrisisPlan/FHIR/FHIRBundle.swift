/// A person's plan as a FHIR R4 `Bundle` (type `collection`): a `Patient`, a `CarePlan` with
/// one activity per agreed response in the person's order and their early warning signs in
/// their words, a `RelatedPerson` per contact, a `Consent` that denies contact with each
/// do-not-contact person (contained, with no telecom), a `Consent` per advance refusal, and
/// `Flag`s — so the plan can live in the record a crisis worker already has open.
///
/// Every resource cites its source (`meta.source`, `file:line`); ids are name-based UUIDs of
/// the person and the source, and the timestamp is the one asked for, so the same input gives
/// the same bytes.
public enum FHIRBundle {
    /// From the plan as evaluation prepared it (the served person's, or one made for export), so
    /// the people to contact are screened against the do-not-contact list as answers are.
    public static func json(context: EvaluationContext, at: Timestamp) -> String {
        let plan = context.plan
        let policy = context.policy.policy
        let person = plan.person
        func id(_ source: SourceLocation, _ kind: String) -> String {
            NameUUID.make("\(person.id)|\(kind)|\(source.pathAndLine)")
        }
        let patient = id(person.source, "Patient")
        var resources: [(id: String, write: (inout JSONWriter) -> Void)] = []
        func reference(_ uuid: String, _ json: inout JSONWriter, key: String) {
            json.key(key)
            json.beginObject()
            json.field("reference", "urn:uuid:\(uuid)")
            json.endObject()
        }
        func meta(_ source: SourceLocation, _ json: inout JSONWriter) {
            json.key("meta")
            json.beginObject()
            json.field("source", source.pathAndLine)
            json.endObject()
        }
        func narrative(_ lines: [String], _ json: inout JSONWriter) {
            json.key("text")
            json.beginObject()
            json.field("status", "generated")
            json.field(
                "div",
                "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                    + lines.map { "<p>\(MarkupEscaping.escape($0))</p>" }.joined() + "</div>")
            json.endObject()
        }
        /// A CodeableConcept of one coding, as the value of `key` (or an array item when nil).
        func codeable(_ json: inout JSONWriter, key: String?, system: String, code: String, display: String? = nil) {
            if let key { json.key(key) }
            json.beginObject()
            json.key("coding")
            json.beginArray()
            json.beginObject()
            json.field("system", system)
            json.field("code", code)
            // FHIR JSON has no nulls: an absent element is left out.
            if let display { json.field("display", display) }
            json.endObject()
            json.endArray()
            json.endObject()
        }

        /// What every Consent carries that R4 requires: status, scope, category (LOINC), the
        /// patient and a policy rule (the person opting out).
        func consentFrame(_ json: inout JSONWriter, active: Bool, scope: String, category: String) {
            json.field("status", active ? "active" : "inactive")
            codeable(&json, key: "scope", system: "http://terminology.hl7.org/CodeSystem/consentscope", code: scope)
            json.key("category")
            json.beginArray()
            codeable(&json, key: nil, system: "http://loinc.org", code: category)
            json.endArray()
            reference(patient, &json, key: "patient")
            codeable(&json, key: "policyRule", system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTOUT")
        }

        // The person.
        resources.append((patient, { json in
            json.field("resourceType", "Patient")
            json.field("id", patient)
            meta(person.source, &json)
            if !person.identifiers.isEmpty {
                json.key("identifier")
                json.beginArray()
                for identifier in person.identifiers {
                    json.beginObject()
                    json.field("system", identifier.system)
                    json.field("value", identifier.value)
                    json.endObject()
                }
                json.endArray()
            }
            json.key("name")
            json.beginArray()
            json.beginObject()
            json.field("text", person.name)
            json.endObject()
            json.endArray()
            if let born = person.born { json.field("birthDate", born.description) }
        }))

        // The plan: responses in the person's order, signs in their words.
        let planSource = plan.dates.agreedSource
        let carePlan = id(planSource, "CarePlan")
        resources.append((carePlan, { json in
            json.field("resourceType", "CarePlan")
            json.field("id", carePlan)
            meta(planSource, &json)
            json.field("status", "active")
            json.field("intent", "plan")
            json.field("title", "\(person.name)'s crisis and safety plan")
            reference(patient, &json, key: "subject")
            json.key("period")
            json.beginObject()
            json.field("start", plan.dates.agreed.description)
            json.field("end", plan.dates.reviewBy.description)
            json.endObject()
            json.key("activity")
            json.beginArray()
            for stage in policy.stages {
                for response in plan.responses(forStage: stage.id) {
                    json.beginObject()
                    json.key("detail")
                    json.beginObject()
                    json.field("status", "not-started")
                    json.field(
                        "description", "\(stage.label) — \(AnswerText.actor(response.by)): \(response.action) [\(response.source.pathAndLine)]")
                    json.endObject()
                    json.endObject()
                }
            }
            json.endArray()
            json.key("note")
            json.beginArray()
            for sign in plan.signs {
                let stage = policy.stages.first { $0.id == sign.stage }?.label ?? sign.stage
                json.beginObject()
                json.field("text", "Early warning sign (\(stage)), in \(person.name)'s words: \(sign.says)")
                json.endObject()
            }
            json.endArray()
        }))

        // The people to contact — never anyone the do-not-contact list names, by id or by a
        // name that looks like theirs, as evaluation decides it.
        for contact in plan.contacts where !context.isBlocked(id: contact.id, name: contact.name) {
            let related = id(contact.source, "RelatedPerson")
            resources.append((related, { json in
                json.field("resourceType", "RelatedPerson")
                json.field("id", related)
                meta(contact.source, &json)
                reference(patient, &json, key: "patient")
                if let relation = contact.relation {
                    json.key("relationship")
                    json.beginArray()
                    json.beginObject()
                    json.field("text", relation)
                    json.endObject()
                    json.endArray()
                }
                json.key("name")
                json.beginArray()
                json.beginObject()
                json.field("text", contact.name)
                json.endObject()
                json.endArray()
                json.key("telecom")
                json.beginArray()
                json.beginObject()
                json.field("system", "phone")
                json.field("value", contact.phone)
                json.endObject()
                json.endArray()
            }))
        }

        // Who must not be contacted, and why, in the person's words.
        if !plan.doNotContact.isEmpty, let first = plan.doNotContact.first {
            let consent = id(first.source, "Consent-privacy")
            resources.append((consent, { json in
                json.field("resourceType", "Consent")
                json.field("id", consent)
                meta(first.source, &json)
                narrative(
                    plan.doNotContact.map { "Do not contact \($0.name)" + ($0.reason.map { ": \($0)" } ?? "") }, &json)
                json.key("contained")
                json.beginArray()
                for (index, entry) in plan.doNotContact.enumerated() {
                    json.beginObject()
                    json.field("resourceType", "RelatedPerson")
                    json.field("id", "do-not-contact-\(index + 1)")
                    // Every resource cites its line, the contained ones too.
                    meta(entry.source, &json)
                    reference(patient, &json, key: "patient")
                    json.key("name")
                    json.beginArray()
                    json.beginObject()
                    json.field("text", entry.name)
                    json.endObject()
                    json.endArray()
                    json.endObject()
                }
                json.endArray()
                consentFrame(&json, active: true, scope: "patient-privacy", category: "59284-0")
                json.key("provision")
                json.beginObject()
                json.field("type", "deny")
                json.key("provision")
                json.beginArray()
                for index in plan.doNotContact.indices {
                    json.beginObject()
                    json.field("type", "deny")
                    json.key("actor")
                    json.beginArray()
                    json.beginObject()
                    codeable(&json, key: "role", system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP")
                    json.key("reference")
                    json.beginObject()
                    json.field("reference", "#do-not-contact-\(index + 1)")
                    json.endObject()
                    json.endObject()
                    json.endArray()
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }))
        }

        // Each advance refusal, binding or not, and why.
        for (position, refusal) in plan.advanceDecisions.refusals.enumerated() {
            let consent = id(refusal.source, "Consent-treatment")
            // Whether it binds as the policy reads it (a declared decision may make it life-sustaining).
            let validity = RefusalValidity(
                context.advanceRefusals[position], attorneys: plan.attorneys, born: person.born, today: at.utcDate)
            resources.append((consent, { json in
                json.field("resourceType", "Consent")
                json.field("id", consent)
                meta(refusal.source, &json)
                narrative(
                    ["Refuses \(refusal.treatment)"
                        + (validity.binding
                            ? ": binding if they lack capacity for it when it arises"
                            : ": not binding (" + validity.notBindingBecause.joined(separator: "; ") + "), still their wish, to be weighed")],
                    &json)
                consentFrame(&json, active: !refusal.withdrawn, scope: "treatment", category: "75320-2")
                json.key("provision")
                json.beginObject()
                json.field("type", "deny")
                json.key("code")
                json.beginArray()
                json.beginObject()
                json.field("text", refusal.treatment)
                json.endObject()
                json.endArray()
                json.endObject()
            }))
        }

        // Flags: the plan is there; who must not be contacted.
        let flagTexts = ["Crisis and safety plan in place"]
            + plan.doNotContact.map { "Do not contact \($0.name)" + ($0.reason.map { ": \($0)" } ?? "") }
        let flagSources = [person.source] + plan.doNotContact.map(\.source)
        for (text, source) in zip(flagTexts, flagSources) {
            let flag = id(source, "Flag")
            resources.append((flag, { json in
                json.field("resourceType", "Flag")
                json.field("id", flag)
                meta(source, &json)
                json.field("status", "active")
                json.key("code")
                json.beginObject()
                json.field("text", text)
                json.endObject()
                reference(patient, &json, key: "subject")
            }))
        }

        var json = JSONWriter()
        json.beginObject()
        json.field("resourceType", "Bundle")
        json.field("id", NameUUID.make("\(person.id)|Bundle|\(at.description)"))
        json.field("type", "collection")
        json.field("timestamp", at.description)
        json.key("entry")
        json.beginArray()
        for resource in resources {
            json.beginObject()
            json.field("fullUrl", "urn:uuid:\(resource.id)")
            json.key("resource")
            json.beginObject()
            resource.write(&json)
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
