import CrisisPlan
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reloads when files under the rules folder change (SPEC v2 §9), once nothing has changed
/// for `quietMilliseconds` — an editor's save or a `git pull` is one reload, not dozens, and
/// never of a half-written checkout.
///
/// Linux's inotify watches the library, `policy/` and `people/` on a thread of its own (a
/// blocking wait must not hold one of the few threads that answer requests). Elsewhere there
/// is no watching: SIGHUP and `POST /v1/admin/reload` still reload.
struct RulesWatcher: Service {
    let store: LibraryStore
    let logger: Logger
    var quietMilliseconds: Int64 = 300

    func run() async throws {
        #if canImport(Glibc)
            let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let stop = StopFlag()
            let rules = store.rules
            let thread = Thread {
                Self.watch(
                    rules, stop: stop,
                    changed: {
                        stop.lastChange.store(Timestamp.now().milliseconds, ordering: .relaxed)
                        continuation.yield()
                    })
            }
            thread.name = "crisisplan-rules-watcher"
            thread.start()
            defer {
                stop.value.store(true, ordering: .relaxed)
                continuation.finish()
            }
            for await _ in changes.cancelOnGracefulShutdown() {
                // Wait until nothing has changed for `quietMilliseconds`: a long checkout is one reload.
                repeat {
                    try? await Task.sleep(for: .milliseconds(quietMilliseconds))
                } while !Task.isCancelled
                    && Timestamp.now().milliseconds - stop.lastChange.load(ordering: .relaxed) < quietMilliseconds
                await store.reload(reason: "files changed under \(store.rules.displayPath)")
            }
        #else
            logger.notice("files are not watched on this system; reload with SIGHUP or POST /v1/admin/reload")
            try await gracefulShutdown()
        #endif
    }

    /// Shared with the watching thread: whether to stop, and when files last changed.
    final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
        let lastChange = Atomic<Int64>(0)
    }

    #if canImport(Glibc)
        /// Waits for inotify events until stopped, calling `changed` for each batch.
        private static func watch(_ rules: RulesDirectory, stop: StopFlag, changed: () -> Void) {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            let mask = UInt32(
                IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF
                    | IN_MOVE_SELF | IN_ATTRIB)
            func addWatches() {
                for path in [rules.displayPath, rules.policyFolder, rules.peopleFolder] {
                    _ = inotify_add_watch(descriptor, path, mask)
                }
            }
            addWatches()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !stop.value.load(ordering: .relaxed) {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 250) > 0 else { continue }
                var read = 0
                repeat {
                    read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                } while read > 0
                // A folder replaced (a checkout, a mounted volume's swap) is watched anew.
                addWatches()
                changed()
            }
        }
    #endif
}
