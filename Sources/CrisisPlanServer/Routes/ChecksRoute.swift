import Hummingbird

/// `GET /v1/checks`: `check` and `test` on the loaded library, for governance (SPEC v2 §9).
struct ChecksRoute {
    let store: LibraryStore
    let checks = LibraryChecks()

    func register(on router: Router<ServerContext>) {
        router.get("/v1/checks") { _, _ in
            guard let library = store.library else { throw APIError.noLibrary }
            return JSONResponse.make(await checks.json(for: library), headers: [.rulesVersion: library.version])
        }
    }
}
