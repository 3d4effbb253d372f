import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /v1/people?q=` and `GET /v1/people/{id}`: finding a person and reading their plan.
struct PeopleRoutes: Sendable {
    let answering: AnsweringService

    @Sendable func search(_ request: Request, _ context: ServerContext) throws -> Response {
        let library = try answering.library()
        let query = request.uri.queryParameters.get("q") ?? ""
        var json = JSONWriter()
        json.beginArray()
        for person in library.search(query).people {
            json.beginObject()
            json.field("id", person.id)
            json.field("name", person.plan.person.name)
            json.field("pronouns", person.plan.person.pronouns)
            json.endObject()
        }
        json.endArray()
        return JSONResponse.make(json, headers: [.rulesVersion: library.version])
    }

    /// `GET /v1/people/{id}/fhir?at=`: the same bytes as `crisisplan export ID --format fhir --at`.
    @Sendable func fhir(_ request: Request, _ context: ServerContext) throws -> Response {
        let library = try answering.library()
        let person = try answering.person(in: library, context: context)
        let at = try request.uri.queryParameters.get("at").map(RespondRoute.time) ?? Timestamp.now()
        return Response(
            status: .ok, headers: [.contentType: "application/fhir+json; charset=utf-8", .rulesVersion: library.version],
            body: ResponseBody(byteBuffer: ByteBuffer(string: FHIRBundle.json(context: person.evaluator.context, at: at))))
    }

    @Sendable func read(_ request: Request, _ context: ServerContext) throws -> Response {
        let library = try answering.library()
        let person = try answering.person(in: library, context: context)
        return JSONResponse.make(PlanJSON.render(person.plan, policy: person.evaluator.context.policy.policy, today: Timestamp.now().utcDate) + "\n", headers: [.rulesVersion: library.version])
    }
}
