import Hummingbird

/// `GET /v1/checks`: `check` and `test` on the loaded library, for governance.
struct ChecksRoute: Sendable {
    let store: LibraryStore
    let checks: LibraryChecks

    @Sendable func checks(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        return JSONResponse.make(await checks.json(for: library), headers: [.rulesVersion: library.version])
    }
}
