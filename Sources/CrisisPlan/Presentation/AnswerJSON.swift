/// The answer as JSON, every key always present, in SPEC §6's order.
public enum AnswerJSON {
    public static func render(_ answer: Answer) -> String { written(answer).text }

    /// The answer written, for a caller that sends the bytes on as they are (the service).
    public static func written(_ answer: Answer) -> JSONWriter {
        var json = JSONWriter()
        json.beginObject()
        json.field("person", answer.person)
        json.field("name", answer.name)
        json.field("at", answer.at.description)
        json.key("stage")
        json.beginObject()
        json.field("id", answer.stage.id)
        json.field("label", answer.stage.label)
        json.field("because", answer.stage.because)
        json.field("from_recognised_signs_only", answer.stage.fromRecognisedSignsOnly)
        json.endObject()
        json.key("prompts")
        json.beginArray()
        for prompt in answer.prompts {
            json.beginObject()
            json.field("id", prompt.id)
            json.field("fact", prompt.fact)
            json.field("asks", prompt.asks)
            json.field("because", prompt.because)
            json.field("source", prompt.source)
            json.endObject()
        }
        json.endArray()
        json.key("own_responses")
        json.beginArray()
        for response in answer.ownResponses {
            json.beginObject()
            json.field("by", response.by.rawValue)
            json.field("do", response.action)
            json.field("source", response.source)
            json.field("names_withheld", response.namesWithheld)
            json.endObject()
        }
        json.endArray()
        json.field("helps", answer.helps)
        json.field("avoid", answer.avoid)
        json.field("take_care_of", answer.takeCareOf)
        json.key("contacts")
        json.beginArray()
        for contact in answer.contacts {
            json.beginObject()
            json.field("id", contact.id)
            json.field("name", contact.name)
            json.field("relation", contact.relation)
            json.field("phone", contact.phone)
            json.field("statutory", contact.statutory)
            json.field("source", contact.source)
            json.field("open_now", contact.openNow)
            json.field("opens_at", contact.opensAt)
            json.field("notes", contact.notes)
            json.endObject()
        }
        json.endArray()
        json.key("do_not_contact")
        json.beginArray()
        for entry in answer.doNotContact {
            json.beginObject()
            json.field("id", entry.id)
            json.field("name", entry.name)
            json.field("reason", entry.reason)
            json.field("source", entry.source)
            json.endObject()
        }
        json.endArray()
        json.key("withheld")
        json.beginArray()
        for entry in answer.withheld {
            json.beginObject()
            json.field("id", entry.id)
            json.field("name", entry.name)
            json.field("because", entry.because)
            json.field("flag", entry.flag)
            json.field("fact", entry.fact)
            json.field("named_at", entry.namedAt?.description)
            json.endObject()
        }
        json.endArray()
        json.key("conflicts")
        json.beginArray()
        for conflict in answer.conflicts {
            json.beginObject()
            json.field("role", conflict.role)
            json.field("name", conflict.name)
            json.field("flag", conflict.flag)
            json.field("message", conflict.message)
            json.endObject()
        }
        json.endArray()
        json.key("flags")
        json.beginArray()
        for flag in answer.flags {
            json.beginObject()
            json.field("id", flag.id)
            json.field("kind", flag.kind.rawValue)
            json.field("title", flag.title)
            json.field("basis", flag.basis)
            json.field("first_action", flag.firstAction)
            json.field("because", flag.because)
            json.field("permits", flag.permits)
            json.field("guidance", flag.guidance)
            json.field("must_record", flag.mustRecord)
            json.field("decisions", flag.decisions)
            json.field("source", flag.source)
            json.endObject()
        }
        json.endArray()
        json.key("advance_decisions")
        json.beginObject()
        json.field("statements", answer.statements)
        json.key("refusals")
        json.beginArray()
        for refusal in answer.refusals {
            json.beginObject()
            json.field("treatment", refusal.treatment)
            json.field("binding", refusal.binding)
            json.field("not_binding_because", refusal.notBindingBecause)
            json.field("applies_now", refusal.appliesNow)
            json.field("may_be_overridden_by", refusal.mayBeOverriddenBy)
            json.field("source", refusal.source)
            json.field("ect", refusal.ect)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.key("attorney")
        if let attorney = answer.attorney { attorneyObject(attorney, &json) } else { json.null() }
        json.key("attorneys")
        json.beginArray()
        for attorney in answer.attorneys { attorneyObject(attorney, &json) }
        json.endArray()
        json.key("views")
        json.beginArray()
        for view in answer.views {
            json.beginObject()
            json.field("about", view.about)
            json.field("person", view.person)
            json.field("care_team", view.careTeam)
            json.endObject()
        }
        json.endArray()
        json.key("warnings")
        json.beginArray()
        for warning in answer.warnings {
            json.beginObject()
            json.field("code", warning.code.rawValue)
            json.field("message", warning.message)
            json.field("source", warning.source)
            json.field("suggestions", warning.suggestions)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json
    }

    private static func attorneyObject(_ attorney: AttorneyLine, _ json: inout JSONWriter) {
        json.beginObject()
        json.field("id", attorney.id)
        json.field("name", attorney.name)
        json.field("registered", attorney.registered)
        json.field("can_act", attorney.canAct)
        json.field("because", attorney.because)
        json.key("decisions")
        json.beginArray()
        for decision in attorney.decisions {
            json.beginObject()
            json.field("decision", decision.decision)
            json.field("can_act", decision.canAct)
            json.field("because", decision.because)
            json.field("can_refuse", decision.canRefuse)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
