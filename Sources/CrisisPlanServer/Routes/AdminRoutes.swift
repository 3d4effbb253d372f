import CrisisPlan
import HTTPTypes
import Hummingbird

/// `POST /v1/admin/reload`: read and check the library now (SPEC v2 §9). 200 with what is
/// served; 422 with the errors when the policy is refused and the previous library stays.
struct AdminRoutes {
    let store: LibraryStore

    func register(on router: Router<ServerContext>) {
        router.post("/v1/admin/reload") { _, _ in
            switch await store.reload(reason: "POST /v1/admin/reload") {
            case .success(let library):
                var json = JSONWriter()
                json.beginObject()
                json.field("version", library.version)
                json.field("people", library.people.count)
                HealthRoutes.stalePlans(library, into: &json)
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
    }
}
