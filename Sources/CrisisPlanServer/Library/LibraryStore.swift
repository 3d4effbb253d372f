import CrisisPlan
import Dispatch
import Logging
import Metrics
import Synchronization

/// The library being served, and reloads of it, one at a time.
///
/// Requests read `library` once and keep that snapshot to the end. A reload runs on its own
/// serial queue, off the threads that answer requests, and swaps the new snapshot in only
/// when it has been built and checked whole.
final class LibraryStore: Sendable {
    let rules: RulesDirectory
    private let current = Mutex<ServedLibrary?>(nil)
    private let queue = DispatchQueue(label: "crisisplan.reload", qos: .utility)
    private let logger: Logger
    /// Read again on every reload (SPEC v2 §9), so a removed user's tokens stop working.
    private let users: UserDirectory?

    init(rules: RulesDirectory, users: UserDirectory? = nil, logger: Logger) {
        self.rules = rules
        self.users = users
        self.logger = logger
    }

    var library: ServedLibrary? { current.withLock { $0 } }

    /// Reads and checks the library; the new one is served only if it passes (SPEC v2 §9).
    @discardableResult
    func reload(reason: String, confirming confirmed: Set<String> = []) async -> Result<ServedLibrary, LibraryBuilder.Refusal> {
        await withCheckedContinuation { continuation in
            queue.async {
                do throws(UsersFile.Problem) {
                    try self.users?.reload()
                } catch {
                    self.logger.error(
                        "the users file has a problem; the users read before stay", metadata: ["problem": .string(error.description)])
                }
                let started = Timestamp.now()
                let result = Result { () throws(LibraryBuilder.Refusal) -> ServedLibrary in
                    try LibraryBuilder.build(self.rules, previous: self.library, now: started, confirmed: confirmed)
                }
                let milliseconds = Timestamp.now().milliseconds - started.milliseconds
                switch result {
                case .success(let library):
                    self.current.withLock { $0 = library }
                    Counter(label: "crisisplan_reloads_total", dimensions: [("outcome", "loaded")]).increment()
                    self.logger.info(
                        "library loaded",
                        metadata: [
                            "reason": .string(reason), "version": .string(library.version),
                            "people": .stringConvertible(library.people.count),
                            "stale_plans": .stringConvertible(library.stalePlans.count),
                            "milliseconds": .stringConvertible(milliseconds),
                        ])
                case .failure(let refusal):
                    Counter(label: "crisisplan_reloads_total", dimensions: [("outcome", "refused")]).increment()
                    self.logger.warning(
                        "library refused; the previous one is still served",
                        metadata: ["reason": .string(reason), "errors": .stringConvertible(refusal.errors.count)])
                }
                continuation.resume(returning: result)
            }
        }
    }
}
