import CrisisPlan

/// The person page's form as an observations document (SPEC §5): one observation now, with
/// the signs ticked, the facts chosen (typed as the policy declares them) and the capacity
/// assessments made now — or, when given, the document pasted in instead. The answer then
/// comes the same way as the API's, byte for byte the same evaluation.
struct AnswerForm: Sendable {
    var form: PageForm
    var person: ServedPerson
    var policy: Policy

    func document(now: Timestamp) -> String {
        if let pasted = form.value("document"), !pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return pasted
        }
        var json = JSONWriter()
        json.beginObject()
        json.field("person", person.id)
        json.key("observations")
        json.beginArray()
        json.beginObject()
        json.field("at", now.description)
        json.field("signs", form.values("sign"))
        json.key("facts")
        json.beginObject()
        for (id, value) in form.prefixed("fact.") where !value.isEmpty {
            json.key(id)
            if policy.facts.first(where: { $0.id == id })?.kind == .bool, let flag = Bool(value) {
                json.bool(flag)
            } else {
                json.string(value)
            }
        }
        json.endObject()
        json.key("capacity")
        json.beginArray()
        for (decision, status) in form.prefixed("capacity.") where !status.isEmpty {
            json.beginObject()
            json.field("decision", decision)
            json.field("status", status)
            json.field("assessed_at", now.description)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        return json.text
    }
}

import Foundation
