import ServiceLifecycle
import UnixSignals

/// `kill -HUP`: reload the library, as `POST /v1/admin/reload` does (SPEC v2 §9).
struct ReloadOnSignal: Service {
    let store: LibraryStore

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await store.reload(reason: "SIGHUP")
        }
    }
}
