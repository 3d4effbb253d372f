import CrisisPlan
import HTTPTypes
import Hummingbird

/// `GET /healthz` (the process serves) and `GET /readyz` (a library is loaded: which one, and
/// which plans fail their checks) — for a load balancer, with no sign-in (SPEC v2 §9).
struct HealthRoutes {
    let store: LibraryStore

    func register(on router: Router<ServerContext>) {
        router.get("/healthz") { _, _ in
            JSONResponse.make("{\"status\":\"ok\"}\n")
        }
        router.get("/readyz") { _, _ in
            guard let library = store.library else { throw APIError.noLibrary }
            var json = JSONWriter()
            json.beginObject()
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
