import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /v1/people?q=` and `GET /v1/people/{id}`: finding a person and reading their plan.
struct PeopleRoutes {
    let store: LibraryStore

    func register(on router: Router<ServerContext>) {
        router.get("/v1/people") { request, _ in
            guard let library = store.library else { throw APIError.noLibrary }
            let query = request.uri.queryParameters.get("q") ?? ""
            var json = JSONWriter()
            json.beginArray()
            for person in library.search(query) {
                json.beginObject()
                json.field("id", person.id)
                json.field("name", person.plan.person.name)
                json.field("pronouns", person.plan.person.pronouns)
                json.endObject()
            }
            json.endArray()
            return JSONResponse.make(json.text + "\n", headers: [.rulesVersion: library.version])
        }
        router.get("/v1/people/:id") { _, context in
            guard let library = store.library else { throw APIError.noLibrary }
            let person = try Self.person(in: library, context: context)
            return JSONResponse.make(PlanJSON.render(person.plan) + "\n", headers: [.rulesVersion: library.version])
        }
    }

    /// The `{id}` of the path, looked up as PERSON is (SPEC v2 §8); 404 with suggestions.
    static func person(in library: ServedLibrary, context: ServerContext) throws -> ServedPerson {
        let typed = typedPerson(context)
        do {
            let person = try library.person(typed)
            context.audit.update { note in
                note.person = person.id
                note.rulesVersion = library.version
            }
            return person
        } catch {
            throw APIError.unknownPerson(error)
        }
    }

    /// The `{id}` as typed: a name may come with spaces, percent-encoded.
    static func typedPerson(_ context: ServerContext) -> String {
        let raw = context.parameters.get("id") ?? ""
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return raw.removingPercentEncoding ?? raw
    }
}
