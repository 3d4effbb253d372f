import CrisisPlan
import Foundation
import Logging
import Metrics
import Synchronization

/// Appends records to this instance's chain, durably, before their answers are sent.
///
/// Group commit: requests queue their events; one writer at a time takes every event waiting
/// (up to 500), chains them in order and stores them in one transaction, then lets all those
/// requests answer. When the store cannot be written (an error, or no answer in 1 s) the batch
/// goes to the fsync'd spill file instead, and so does every later batch until the spill is
/// replayed into the store — in order, so the chain never forks. Only when neither can be
/// written does `record` throw, and the request is answered 503 without the data.
final class AuditLog: Sendable {
    let instance: String
    let store: any AuditStore
    let spill: SpillFile
    let location: String
    private let logger: Logger
    static let batchLimit = 500
    static let storeTimeout: Duration = .seconds(1)
    static let replayInterval: Int64 = 1000

    private struct Waiting: Sendable {
        var event: AuditEvent
        var continuation: CheckedContinuation<Void, any Error>
    }
    private struct State: Sendable {
        var pending: [Waiting] = []
        var writing = false
        var head: ChainHead
        /// Records in the spill file not yet in the store.
        var spilled: Int
        var lastReplayAttempt: Int64 = 0
    }
    private let state: Mutex<State>
    /// Made once: making a metric asks the registry, under its lock, and every batch reports.
    private let commitTimer = Metrics.Timer(label: "crisisplan_audit_commit_seconds")
    private let lagGauge = Gauge(label: "crisisplan_audit_lag_records")
    private let toStore = Counter(label: "crisisplan_audit_records_total", dimensions: [("to", "store")])
    private let toSpill = Counter(label: "crisisplan_audit_records_total", dimensions: [("to", "spill")])
    private let toNone = Counter(label: "crisisplan_audit_records_total", dimensions: [("to", "none")])

    private init(instance: String, store: any AuditStore, spill: SpillFile, location: String, head: ChainHead, spilled: Int, logger: Logger) {
        self.instance = instance
        self.store = store
        self.spill = spill
        self.location = location
        self.logger = logger
        state = Mutex(State(head: head, spilled: spilled))
    }

    /// Closes the store at a clean stop; the spill file goes too when every record in it has
    /// reached the store (an empty one is never left behind).
    func close() async {
        await store.close()
        if state.withLock({ $0.spilled == 0 && $0.pending.isEmpty }) {
            try? FileManager.default.removeItem(atPath: spill.path)
        }
    }

    /// Opens the store and starts a new chain for this run of the server, first moving into
    /// the store the spill files of servers that stopped before theirs were replayed.
    static func open(_ location: AuditLocation, folder: SpillFolder, logger: Logger) async throws(StartFailure)
        -> AuditLog
    {
        let store = try await location.open()
        for orphan in folder.orphans() {
            do {
                var start = 0
                while start < orphan.entries.count {
                    try await store.append(Array(orphan.entries[start..<min(start + batchLimit, orphan.entries.count)]))
                    start += batchLimit
                }
                try? FileManager.default.removeItem(atPath: orphan.file.path)
                if !orphan.entries.isEmpty {
                    logger.info(
                        "moved a stopped server's spilled audit records into the store",
                        metadata: ["records": .stringConvertible(orphan.entries.count), "spill": .string(orphan.file.path)])
                }
            } catch {
                logger.warning(
                    "a stopped server's spill file could not be moved into the store yet; it is kept for the next start",
                    metadata: ["spill": .string(orphan.file.path)])
            }
        }
        let instance = SpillFolder.newInstance()
        let spill = try folder.claim(instance)
        return AuditLog(
            instance: instance, store: store, spill: spill, location: location.description, head: .genesis, spilled: 0,
            logger: logger)
    }

    /// Returns once the record is committed to the store or fsync'd to the spill file.
    func record(_ event: AuditEvent) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let start = state.withLock { state in
                state.pending.append(Waiting(event: event, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    /// Starts the writer if the spill file holds records and nothing is writing: the replay
    /// timer calls this every second.
    func kick() {
        let start = state.withLock { state in
            guard !state.writing, state.spilled > 0 else { return false }
            state.writing = true
            return true
        }
        if start { Task { await self.drain() } }
    }

    /// Records waiting: queued in memory or in the spill file (the metric "audit lag").
    var lag: Int { state.withLock { $0.pending.count + $0.spilled } }

    private func drain() async {
        while true {
            let now = Timestamp.now().milliseconds
            let next = state.withLock { state -> (batch: [Waiting], head: ChainHead, replay: Bool)? in
                let replay = state.spilled > 0 && now - state.lastReplayAttempt >= Self.replayInterval
                guard !state.pending.isEmpty || replay else {
                    state.writing = false
                    return nil
                }
                let batch = Array(state.pending.prefix(Self.batchLimit))
                state.pending.removeFirst(batch.count)
                return (batch, state.head, replay)
            }
            guard let next else { return }
            if next.replay { await replay() }
            guard !next.batch.isEmpty else { continue }
            var head = next.head
            var entries: [AuditEntry] = []
            entries.reserveCapacity(next.batch.count)
            for waiting in next.batch {
                let entry = AuditChain.entry(for: waiting.event, instance: instance, after: head)
                entries.append(entry)
                head = ChainHead(seq: entry.seq, hash: entry.hash)
            }
            let started = Timestamp.now().milliseconds
            let outcome = await write(entries)
            commitTimer.recordMilliseconds(Timestamp.now().milliseconds - started)
            if case .success = outcome { state.withLock { $0.head = head } }
            for waiting in next.batch { waiting.continuation.resume(with: outcome) }
            lagGauge.record(lag)
        }
    }

    private func write(_ entries: [AuditEntry]) async -> Result<Void, any Error> {
        if state.withLock({ $0.spilled == 0 }) {
            do {
                try await Deadline.run(Self.storeTimeout) { [store] in try await store.append(entries) }
                toStore.increment(by: entries.count)
                return .success(())
            } catch {
                logger.warning(
                    "the audit store cannot be written; records go to the spill file until it is back",
                    metadata: ["store": .string(location), "spill": .string(spill.path), "error": .string(Self.describe(error))])
                state.withLock { $0.lastReplayAttempt = Timestamp.now().milliseconds }
            }
        }
        do {
            try spill.append(entries)
            state.withLock { $0.spilled += entries.count }
            toSpill.increment(by: entries.count)
            return .success(())
        } catch {
            logger.error(
                "neither the audit store nor the spill file can be written; answering 503",
                metadata: ["spill": .string(spill.path), "error": .string(error.reason)])
            toNone.increment(by: entries.count)
            return .failure(error)
        }
    }

    /// Moves the spill file's records into the store, in order, then empties it.
    private func replay() async {
        state.withLock { $0.lastReplayAttempt = Timestamp.now().milliseconds }
        let entries = spill.read().filter { $0.instance == instance }
        do {
            var start = 0
            while start < entries.count {
                let chunk = Array(entries[start..<min(start + Self.batchLimit, entries.count)])
                try await Deadline.run(Self.storeTimeout) { [store] in try await store.append(chunk) }
                start += chunk.count
            }
            try spill.clear()
            state.withLock { $0.spilled = 0 }
            logger.info(
                "the audit store is back; spilled records moved into it in order",
                metadata: ["records": .stringConvertible(entries.count), "store": .string(location)])
        } catch {
            // Still away: the records stay in the spill file and are tried again in a second.
        }
    }

    private static func describe(_ error: any Error) -> String {
        if error is Deadline.Passed { return "no answer within 1 s" }
        return SQLiteAuditStore.describe(error)
    }
}
