import Foundation
import CrisisPlan

/// A patient view's answer, `{"cards": [...]}`, as CDS Hooks 2.0 shapes each card: the card's
/// text, then what every card of this service carries — its uuid for feedback, the source label,
/// the policy's override reasons, and a link to the person's page (or to search, when no one
/// person is meant).
enum CardsJSON {
    struct Sent {
        var uuid: String
        var card: PatientViewCard
        var person: ServedPerson?
    }

    static let none = "{\"cards\":[]}\n"

    static func render(_ sending: [Sent], base: String, reasons: [OverrideReason]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("cards")
        json.beginArray()
        for item in sending {
            json.beginObject()
            json.field("uuid", item.uuid)
            json.field("summary", item.card.summary)
            json.field("detail", item.card.detail)
            json.field("indicator", item.card.indicator.rawValue)
            json.key("source")
            json.beginObject()
            json.field("label", "crisisplan")
            json.field("url", base + "/")
            json.endObject()
            if item.card.about != "identity", !reasons.isEmpty {
                json.key("overrideReasons")
                json.beginArray()
                for reason in reasons {
                    json.beginObject()
                    json.field("system", base + "/override-reasons")
                    json.field("code", reason.id)
                    json.field("display", reason.label)
                    json.endObject()
                }
                json.endArray()
            }
            json.key("links")
            json.beginArray()
            json.beginObject()
            if let person = item.person {
                json.field("label", "Open \(person.plan.person.name)'s crisis plan")
                json.field("url", base + "/people/" + pathSegment(person.id))
            } else {
                json.field("label", "Find the person in crisisplan")
                json.field("url", base + "/people")
            }
            json.field("type", "absolute")
            json.endObject()
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }

    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id
    }
}
