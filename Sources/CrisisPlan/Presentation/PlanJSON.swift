/// The whole plan as JSON (SPEC v2 §9, `GET /v1/people/{id}`): the keys of the plan file
/// (§4), in its order, and every item with its `source` (`file:line`), so that a screen built
/// on it can say where each word came from, as answers do.
public enum PlanJSON {
    /// Each refusal's keys are the file's; whether it binds is as `policy` reads it (a
    /// declared decision may make it a refusal of life-sustaining treatment).
    /// `today` (UTC): an LPA registered after it does not yet overtake a refusal.
    public static func render(_ plan: Plan, policy: Policy, today: CalendarDate? = nil) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("person")
        json.beginObject()
        json.field("id", plan.person.id)
        json.field("name", plan.person.name)
        json.field("pronouns", plan.person.pronouns)
        json.field("born", plan.person.born?.description)
        json.key("identifiers")
        json.beginArray()
        for identifier in plan.person.identifiers {
            json.beginObject()
            json.field("system", identifier.system)
            json.field("value", identifier.value)
            json.endObject()
        }
        json.endArray()
        json.field("source", plan.person.source.pathAndLine)
        json.endObject()
        json.key("plan")
        json.beginObject()
        json.field("agreed", plan.dates.agreed.description)
        json.field("review_by", plan.dates.reviewBy.description)
        json.field("written_with", plan.dates.writtenWith)
        json.field("source", plan.dates.agreedSource.pathAndLine)
        json.endObject()
        texts("keeping_well", plan.keepingWell, &json)
        texts("stressors", plan.stressors, &json)
        json.key("early_warning_signs")
        json.beginArray()
        for sign in plan.signs {
            json.beginObject()
            json.field("id", sign.id)
            json.field("says", sign.says)
            json.field("also", sign.also)
            json.field("stage", sign.stage)
            json.field("source", sign.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
        json.key("responses")
        json.beginObject()
        for stage in plan.responses {
            json.key(stage.stage)
            json.beginArray()
            for response in stage.responses {
                json.beginObject()
                json.field("by", response.by.rawValue)
                json.field("do", response.action)
                json.field("for_signs", response.forSigns)
                json.field("source", response.source.pathAndLine)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.key("when_unwell")
        json.beginObject()
        texts("helps", plan.whenUnwell.helps, &json)
        texts("avoid", plan.whenUnwell.avoid, &json)
        texts("take_care_of", plan.whenUnwell.takeCareOf, &json)
        json.endObject()
        json.key("contacts")
        json.beginArray()
        for contact in plan.contacts {
            json.beginObject()
            json.field("id", contact.id)
            json.field("name", contact.name)
            json.field("relation", contact.relation)
            json.field("phone", contact.phone)
            json.field("roles", contact.roles)
            json.field("professional", contact.professional)
            json.field("source", contact.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
        json.key("contact_routes")
        json.beginObject()
        for route in plan.contactRoutes {
            json.key(route.stage)
            json.beginArray()
            for contact in route.contacts {
                json.beginObject()
                json.field("id", contact.text)
                json.field("source", contact.source.pathAndLine)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.key("do_not_contact")
        json.beginArray()
        for entry in plan.doNotContact {
            json.beginObject()
            json.field("id", entry.id)
            json.field("name", entry.name)
            json.field("relation", entry.relation)
            json.field("reason", entry.reason)
            json.field("roles", entry.roles)
            json.field("source", entry.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
        json.key("advance_decisions")
        json.beginObject()
        texts("statements", plan.advanceDecisions.statements, &json)
        json.key("refusals")
        json.beginArray()
        let decisions = DecisionCatalog(policy: policy, plan: plan)
        for refusal in plan.advanceDecisions.refusals {
            let validity = RefusalValidity(
                decisions.reading(refusal), attorneys: plan.attorneys, born: plan.person.born, today: today)
            json.beginObject()
            json.field("treatment", refusal.treatment)
            json.field("made", refusal.made?.description)
            json.field("signed", refusal.signed)
            json.field("witnessed", refusal.witnessed)
            json.field("life_sustaining", refusal.lifeSustaining)
            json.field("even_if_life_at_risk", refusal.evenIfLifeAtRisk)
            json.field("for_mental_disorder", refusal.forMentalDisorder)
            json.field("ect", refusal.ect)
            json.field("withdrawn", refusal.withdrawn)
            json.field("binding", validity.binding)
            json.field("not_binding_because", validity.notBindingBecause)
            json.field("source", refusal.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.key("attorney")
        if let attorney = plan.attorney {
            json.beginObject()
            json.field("contact", attorney.contact)
            json.field("registered", attorney.registered)
            json.field("made", attorney.made?.description)
            json.field("covers", attorney.covers)
            json.field("life_sustaining", attorney.lifeSustaining)
            json.field("source", attorney.source.pathAndLine)
            json.endObject()
        } else {
            json.null()
        }
        json.key("views")
        json.beginArray()
        for view in plan.views {
            json.beginObject()
            json.field("about", view.about)
            json.field("person", view.person)
            json.field("care_team", view.careTeam)
            json.field("source", view.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }

    private static func texts(_ key: String, _ items: [SourcedText], _ json: inout JSONWriter) {
        json.key(key)
        json.beginArray()
        for item in items {
            json.beginObject()
            json.field("text", item.text)
            json.field("source", item.source.pathAndLine)
            json.endObject()
        }
        json.endArray()
    }
}
