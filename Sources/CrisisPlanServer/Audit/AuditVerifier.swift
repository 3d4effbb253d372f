import Foundation

/// `crisisplan audit verify`: walks every chain in the store (and any records still in spill
/// files) from its first record, recomputing each hash; the first record changed, removed or
/// moved is named, and nothing after it is trusted.
public struct AuditVerifier: Sendable {
    public struct Outcome: Sendable {
        /// What to print: the count and the last hash, or the break.
        public var text: String
        public var whole: Bool
    }

    public var audit: String
    public var expectHead: String?
    public var spillFolder = "."

    public init(audit: String, expectHead: String?) {
        self.audit = audit
        self.expectHead = expectHead
    }

    public func run() async throws(StartFailure) -> Outcome {
        let store = try await AuditLocation(audit).open(creating: false)
        defer { Task { await store.close() } }
        var total = 0
        var heads: [(instance: String, head: AuditEntry)] = []
        do {
            var instances = try await store.instances()
            let spilled = Dictionary(grouping: SpillFolder(folder: spillFolder).all(), by: \.instance)
            instances += spilled.keys.filter { !instances.contains($0) }.sorted()
            for instance in instances {
                var expected = ChainHead.genesis
                var last: AuditEntry?
                var spill = (spilled[instance] ?? []).sorted { $0.seq < $1.seq }
                // From the lowest number stored, so a record numbered 0 or below is read, and fails.
                var after = Int64.min
                while true {
                    var batch = try await store.chain(instance, after: after, limit: 5000)
                    if batch.isEmpty {
                        // Records not yet moved from a spill file continue the chain.
                        batch = spill.filter { $0.seq > after }
                        spill = []
                        if batch.isEmpty { break }
                    }
                    after = batch.last?.seq ?? after
                    for entry in batch {
                        if let problem = Self.problem(entry, expected: expected) {
                            return Outcome(
                                text: "error: the audit chain of instance \(instance) breaks at record \(expected.seq + 1): "
                                    + problem + "\n\(total) records before it verified",
                                whole: false)
                        }
                        expected = ChainHead(seq: entry.seq, hash: entry.hash)
                        last = entry
                        total += 1
                    }
                }
                if let last { heads.append((instance, last)) }
            }
        } catch {
            throw StartFailure(message: "error: cannot read the audit store \(AuditLocation.redacted(audit)): \(error)")
        }
        let newest = heads.max { ($0.head.time, $0.instance) < ($1.head.time, $1.instance) }
        var text = "audit: \(total) record\(total == 1 ? "" : "s") in \(heads.count) chain\(heads.count == 1 ? "" : "s"), whole\n"
        for (instance, head) in heads where heads.count > 1 {
            text += "  \(instance): \(head.seq) records, last hash \(head.hash)\n"
        }
        text += "last hash \(newest?.head.hash ?? ChainHead.genesis.hash)"
        if let expectHead {
            guard !heads.isEmpty else {
                return Outcome(
                    text: text + "\nerror: the store holds no records, but --expect-head says there was one: records were removed",
                    whole: false)
            }
            guard heads.contains(where: { $0.head.hash == expectHead.lowercased() }) else {
                return Outcome(
                    text: text
                        + "\nerror: \(expectHead) is not the last record of any chain: records were cut from the end, or it was never a last hash",
                    whole: false)
            }
        }
        return Outcome(text: text, whole: true)
    }

    /// Why `entry` is not the record that follows `expected`, or nil when it is.
    static func problem(_ entry: AuditEntry, expected: ChainHead) -> String? {
        let seq = expected.seq + 1
        guard entry.seq >= 1 else {
            return "a record is numbered \(entry.seq) (time \(entry.time)); every chain starts at 1"
        }
        guard entry.seq == seq else {
            return "the next record found is number \(entry.seq): \(entry.seq - seq) record\(entry.seq - seq == 1 ? " was" : "s were") removed"
        }
        guard AuditChain.hash(prev: entry.prev, record: entry.record) == entry.hash else {
            return "its contents were changed after it was written (time \(entry.time)): the hash does not match"
        }
        guard entry.prev == expected.hash else {
            return "it does not follow the record before it (time \(entry.time)): a record was changed, removed or reordered"
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(entry.record.utf8)) as? [String: Any],
            object["instance"] as? String == entry.instance, (object["seq"] as? NSNumber)?.int64Value == entry.seq,
            object["prev"] as? String == entry.prev, object["time"] as? String == entry.time,
            object["user"] as? String == entry.user, object["person"] as? String == entry.person
        else {
            return "its columns do not match its hashed contents (time \(entry.time)): a column was changed or the record moved"
        }
        return nil
    }
}
