import Crypto

/// The hash chain (SPEC v2 §9): each record's `hash` is SHA-256 over the previous record's
/// hash (64 lowercase hex digits; 64 zeros before the first) followed by this record's
/// canonical JSON, which holds `instance`, `seq` and `prev` — so a record changed, removed or
/// moved breaks the chain at that point.
enum AuditChain {
    static func entry(for event: AuditEvent, instance: String, after head: ChainHead) -> AuditEntry {
        let seq = head.seq + 1
        let record = event.record(instance: instance, seq: seq, prev: head.hash)
        return AuditEntry(
            instance: instance, seq: seq, time: event.time, user: event.user, person: event.person, prev: head.hash,
            hash: hash(prev: head.hash, record: record), record: record)
    }

    static func hash(prev: String, record: String) -> String {
        var hasher = SHA256()
        var (prev, record) = (prev, record)
        prev.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        record.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digest = hasher.finalize()
        return String(unsafeUninitializedCapacity: 64) { hex in
            let digits = Array("0123456789abcdef".utf8)
            for (index, byte) in digest.enumerated() {
                hex[2 * index] = digits[Int(byte >> 4)]
                hex[2 * index + 1] = digits[Int(byte & 0xF)]
            }
            return 64
        }
    }
}
