import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird

/// For admins: `POST /v1/admin/reload` (read and check the library now: 200 with what is
/// served; 422 with the errors when the policy is refused and the previous library stays;
/// a body `{"confirm": ["sam"]}` serves new versions that drop do-not-contact entries) and
/// `GET /v1/admin/status` (what `/readyz` says, with the stale plans' ids, errors and reasons).
struct AdminRoutes: Sendable {
    let store: LibraryStore

    static let bodyLimit = 64 * 1024

    @Sendable func reload(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: Self.bodyLimit, what: "a reload is")
        let confirmed = try Self.confirmed(Array(body.readableBytesView))
        if !confirmed.isEmpty {
            context.audit.update { $0.observation = .object(["confirm": .strings(confirmed.sorted())]) }
        }
        switch await store.reload(reason: "POST /v1/admin/reload", confirming: confirmed) {
        case .success(let library):
            var json = JSONWriter()
            json.beginObject()
            json.field("version", library.version)
            json.field("people", library.people.count)
            Self.stalePlans(library, into: &json)
            json.endObject()
            return JSONResponse.make(json, headers: [.rulesVersion: library.version])
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
        json.key("awaiting_confirmation")
        json.strings(library.stalePlans.filter { $0.reason == .doNotContactRemoved }.map(\.id))
        json.endObject()
        json.endObject()
        return JSONResponse.make(json, headers: [.rulesVersion: library.version])
    }

    /// `{"confirm": [ids]}`, or an empty body: the people an admin confirms.
    static func confirmed(_ body: [UInt8]) throws -> Set<String> {
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return [] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            Set(object.keys).isSubset(of: ["confirm"]),
            let ids = (object["confirm"] ?? []) as? [String], ids.count <= 10_000, ids.allSatisfy({ $0.utf8.count <= 128 })
        else {
            throw APIError(
                status: .badRequest, code: "bad-input",
                message: "error: the body, when given, must be {\"confirm\": [\"person-id\", …]}", source: nil)
        }
        // An id as PERSON takes it, in any case: `SAM` confirms sam.
        return Set(ids + ids.map { $0.lowercased() })
    }

    /// `"stale_plans": [{"id", "errors", "since", "served", "reason"}]`.
    static func stalePlans(_ library: ServedLibrary, into json: inout JSONWriter) {
        json.key("stale_plans")
        json.beginArray()
        for plan in library.stalePlans {
            json.beginObject()
            json.field("id", plan.id)
            json.field("errors", plan.errors)
            json.field("since", plan.since.description)
            json.field("served", plan.served)
            json.field("reason", plan.reason.rawValue)
            json.endObject()
        }
        json.endArray()
    }
}
