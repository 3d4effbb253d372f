/// A timeline written back as an observations document (JSON), which reads back to the same
/// observations: the answer page carries it, so each submit adds one observation to what was
/// said before instead of starting again.
public enum ObservationDocument {
    public static func json(person: String, _ observations: [Observation]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("person", person)
        json.key("observations")
        json.beginArray()
        for observation in observations {
            json.beginObject()
            json.field("at", observation.at.description)
            if !observation.signs.isEmpty { json.field("signs", observation.signs.map(\.text)) }
            if !observation.resolved.isEmpty { json.field("resolved", observation.resolved.map(\.text)) }
            if !observation.facts.isEmpty {
                json.key("facts")
                json.beginObject()
                for fact in observation.facts { json.field(fact.fact, fact.value) }
                json.endObject()
            }
            if !observation.capacity.isEmpty {
                json.key("capacity")
                json.beginArray()
                for assessment in observation.capacity {
                    json.beginObject()
                    json.field("decision", assessment.decision)
                    json.field("status", assessment.status.rawValue)
                    json.field("assessed_at", assessment.assessedAt.description)
                    json.endObject()
                }
                json.endArray()
            }
            if !observation.reinstated.isEmpty {
                json.key("reinstated")
                json.beginArray()
                for decision in observation.reinstated {
                    json.beginObject()
                    json.field("contact", decision.contact)
                    json.field("by", decision.by)
                    json.field("reason", decision.reason)
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }
}
