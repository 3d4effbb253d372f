import CrisisPlan
import HTTPTypes
import Hummingbird

/// For admins: `POST /v1/admin/reload` (read and check the library now: 200 with what is
/// served; 422 with the errors when the policy is refused and the previous library stays)
/// and `GET /v1/admin/status` (what `/readyz` says, with the stale plans' ids and errors).
struct AdminRoutes: Sendable {
    let store: LibraryStore

    @Sendable func reload(_ request: Request, _ context: ServerContext) async throws -> Response {
        switch await store.reload(reason: "POST /v1/admin/reload") {
        case .success(let library):
            var json = JSONWriter()
            json.beginObject()
            json.field("version", library.version)
            json.field("people", library.people.count)
            Self.stalePlans(library, into: &json)
            json.endObject()
            return JSONResponse.make(json.text + "\n", headers: [.rulesVersion: library.version])
        case .failure(let refusal):
            throw APIError(
                status: .unprocessableContent, code: "library-refused",
                message: "error: the library was not reloaded; the previous one is still served\n"
                    + refusal.errors.joined(separator: "\n"),
                source: nil)
        }
    }

    @Sendable func status(_ request: Request, _ context: ServerContext) throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        var json = JSONWriter()
        json.beginObject()
        json.field("status", "ready")
        json.key("rules")
        json.beginObject()
        json.field("version", library.version)
        json.field("loaded_at", library.loadedAt.description)
        json.field("people", library.people.count)
        Self.stalePlans(library, into: &json)
        json.endObject()
        json.endObject()
        return JSONResponse.make(json.text + "\n", headers: [.rulesVersion: library.version])
    }

    /// `"stale_plans": [{"id", "errors", "since", "served"}]`.
    static func stalePlans(_ library: ServedLibrary, into json: inout JSONWriter) {
        json.key("stale_plans")
        json.beginArray()
        for plan in library.stalePlans {
            json.beginObject()
            json.field("id", plan.id)
            json.field("errors", plan.errors)
            json.field("since", plan.since.description)
            json.field("served", plan.served)
            json.endObject()
        }
        json.endArray()
    }
}
