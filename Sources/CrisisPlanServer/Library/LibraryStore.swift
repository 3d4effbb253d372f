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
    /// The do-not-contact lists last confirmed, and the log they are kept in (once it is open).
    private let ledger = Mutex(DoNotContactLedger())
    private let confirmations = Mutex<AuditLog?>(nil)

    init(rules: RulesDirectory, users: UserDirectory? = nil, logger: Logger) {
        self.rules = rules
        self.users = users
        self.logger = logger
    }

    var library: ServedLibrary? { current.withLock { $0 } }

    /// From now on, compares every plan with the do-not-contact list last confirmed in `log`'s
    /// store, and keeps each list confirmed there. When a file lost an entry while the service
    /// was down, the library is loaded again, afresh, so that the loss is held now.
    ///
    /// A store that cannot be read now (locked, unreachable) never stops the start: lookups
    /// are never refused because of the audit store. Plans are then compared with the versions
    /// served, the problem is logged, and every reload reads the lists again.
    func keepConfirmations(in log: AuditLog) async {
        confirmations.withLock { $0 = log }
        var read = DoNotContactLedger()
        do {
            try await read.refresh(from: log.store)
        } catch {
            logger.error(
                "the confirmed do-not-contact lists could not be read; plans are compared with the versions served until a reload reads them",
                metadata: ["problem": .string(String(describing: error).prefix(200).description)])
            return
        }
        ledger.withLock { $0 = read }
        guard let library else { return }
        // Loaded again only when a served file lost an entry confirmed before (else the
        // library as loaded stands, and only the lists not kept yet are kept).
        let lostAny = library.people.contains { person in
            person.stale == nil
                && !DoNotContactHold.lost(from: read.lists[person.id] ?? [], in: person.plan).isEmpty
        }
        if lostAny {
            await reload(reason: "start: a plan file lost a confirmed do-not-contact entry", fresh: true)
        } else {
            await keep(ledger.withLock { $0.changes(in: library) }, in: log)
        }
    }

    /// Keeps the lists newly confirmed in the audit store, a few hundred to a transaction (a
    /// library's first start keeps every list); lists not kept are logged (they are still held
    /// in memory, and kept at their next change).
    private func keep(_ lists: [(person: String, list: [DoNotContactLedger.Entry])], in log: AuditLog) async {
        let now = Timestamp.now()
        for start in stride(from: 0, to: lists.count, by: 200) {
            let batch = lists[start..<min(start + 200, lists.count)]
            do {
                try await log.store.confirm(
                    batch.map { DoNotContactLedger.kept(person: $0.person, list: $0.list, instance: log.instance, now: now) })
            } catch {
                logger.error(
                    "confirmed do-not-contact lists could not be kept",
                    metadata: ["people": .string(batch.map(\.person).joined(separator: " ").prefix(200).description)])
            }
        }
    }

    /// Reads and checks the library; the new one is served only if it passes (SPEC v2 §9).
    /// `fresh`: every file is read and checked again, none kept as served.
    @discardableResult
    func reload(reason: String, confirming confirmed: Set<String> = [], fresh: Bool = false) async
        -> Result<ServedLibrary, LibraryBuilder.Refusal>
    {
        let log = confirmations.withLock { $0 }
        if let log {
            // Lists another instance confirmed since the last reload count here too.
            var latest = ledger.withLock { $0 }
            do {
                try await latest.refresh(from: log.store)
                ledger.withLock { $0 = latest }
            } catch {
                logger.error(
                    "the confirmed do-not-contact lists could not be read; those read before are used",
                    metadata: ["problem": .string(String(describing: error).prefix(200).description)])
            }
        }
        let (result, confirmedNow) = await withCheckedContinuation { continuation in
            queue.async {
                do throws(UsersFile.Problem) {
                    try self.users?.reload()
                } catch {
                    self.logger.error(
                        "the users file has a problem; the users read before stay", metadata: ["problem": .string(error.description)])
                }
                let started = Timestamp.now()
                let ledger = self.ledger.withLock { $0 }
                let result = Result { () throws(LibraryBuilder.Refusal) -> ServedLibrary in
                    try LibraryBuilder.build(
                        self.rules, previous: fresh ? nil : self.library, now: started, confirmed: confirmed, ledger: ledger)
                }
                var confirmedNow: [(person: String, list: [DoNotContactLedger.Entry])] = []
                let milliseconds = Timestamp.now().milliseconds - started.milliseconds
                switch result {
                case .success(let library):
                    self.current.withLock { $0 = library }
                    if log != nil { confirmedNow = self.ledger.withLock { $0.changes(in: library) } }
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
                continuation.resume(returning: (result, confirmedNow))
            }
        }
        if let log { await keep(confirmedNow, in: log) }
        return result
    }
}
