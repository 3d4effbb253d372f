import CrisisPlan
import HTTPTypes
import Hummingbird

/// `GET /healthz` (the process serves) and `GET /readyz` (a library is loaded), for a load
/// balancer, with no sign-in — so they say only counts and versions, never a plan's text or a
/// person's id. What fails and why is at `GET /v1/admin/status`, for admins.
struct HealthRoutes: Sendable {
    let store: LibraryStore

    @Sendable func health(_ request: Request, _ context: ServerContext) -> Response {
        JSONResponse.make("{\"status\":\"ok\"}\n")
    }

    /// `{"status": "ready", "rules": {"version", "loaded_at", "people": N, "stale_plans": N}}`.
    @Sendable func ready(_ request: Request, _ context: ServerContext) throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        var json = JSONWriter()
        json.beginObject()
        json.field("status", "ready")
        json.key("rules")
        json.beginObject()
        json.field("version", library.version)
        json.field("loaded_at", library.loadedAt.description)
        json.field("people", library.people.count)
        json.field("stale_plans", library.stalePlans.count)
        json.endObject()
        json.endObject()
        return JSONResponse.make(json, headers: [.rulesVersion: library.version])
    }
}
