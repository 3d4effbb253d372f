import CrisisPlan
import Foundation

/// Where records go when the store cannot be written (SPEC v2 §9): one JSON line per record,
/// fsync'd before the answer is sent, moved into the store in order once it is back and then
/// emptied. Opened for append only; a line cut short by a crash mid-write is skipped on read
/// (its request was never answered).
struct SpillFile: Sendable {
    let path: String

    struct Failure: Error, Sendable {
        var reason: String
    }

    /// Appends and fsyncs; throws when the bytes are not all on disk.
    func append(_ entries: [AuditEntry]) throws(Failure) {
        var bytes: [UInt8] = []
        for entry in entries {
            CanonicalJSON.object([
                "instance": .string(entry.instance), "seq": .integer(entry.seq), "time": .string(entry.time),
                "user": .string(entry.user), "person": .string(entry.person), "prev": .string(entry.prev),
                "hash": .string(entry.hash), "record": .string(entry.record),
            ]).write(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw Failure(reason: Self.errnoText()) }
        defer { close(descriptor) }
        // On any failure the file is cut back to where it was: the batch's requests get a 503,
        // so none of its records may stay behind to collide with the next batch's.
        let start = lseek(descriptor, 0, SEEK_END)
        func undo() -> Failure {
            let failure = Failure(reason: Self.errnoText())
            if start >= 0 {
                ftruncate(descriptor, start)
                fsync(descriptor)
            }
            return failure
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw undo() }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw undo() }
    }

    /// Every whole record in the file, in the order written.
    func read() -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let instance = object["instance"] as? String, let seq = (object["seq"] as? NSNumber)?.int64Value,
                let time = object["time"] as? String, let prev = object["prev"] as? String,
                let hash = object["hash"] as? String, let record = object["record"] as? String
            else { return nil }
            return AuditEntry(
                instance: instance, seq: seq, time: time, user: object["user"] as? String,
                person: object["person"] as? String, prev: prev, hash: hash, record: record)
        }
    }

    /// Empties the file once its records are committed to the store.
    func clear() throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw Failure(reason: Self.errnoText())
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(reason: Self.errnoText()) }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
