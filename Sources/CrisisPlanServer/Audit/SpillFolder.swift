import Foundation

/// The spill files in the server's working folder, one per running instance:
/// `audit-spill-INSTANCE.jsonl`, locked (`flock`) by its server for as long as it runs. A file
/// no one holds belongs to a server that stopped — perhaps killed mid-spill — and its records
/// are moved into the store by the next server to start, in order, before it serves.
struct SpillFolder: Sendable {
    var folder: String = "."

    static let prefix = "audit-spill-"
    static let suffix = ".jsonl"

    func path(for instance: String) -> String {
        (folder as NSString).appendingPathComponent(Self.prefix + instance + Self.suffix)
    }

    /// Takes this instance's spill file and holds its lock until the process ends.
    func claim(_ instance: String) throws(StartFailure) -> SpillFile {
        let path = path(for: instance)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            throw StartFailure(
                message: "error: cannot create the audit spill file \(path): \(String(cString: strerror(errno)))")
        }
        // Held open, never closed: the lock lasts as long as the server.
        return SpillFile(path: path)
    }

    /// Spill files of servers that are no longer running, each with its records.
    func orphans() -> [(file: SpillFile, entries: [AuditEntry])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(Self.suffix) }.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return nil }
            flock(descriptor, LOCK_UN)
            let file = SpillFile(path: path)
            return (file, file.read())
        }
    }

    /// Every record in every spill file here, held or not (for `audit verify`).
    func all() -> [AuditEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(Self.suffix) }.sorted().flatMap {
            SpillFile(path: (folder as NSString).appendingPathComponent($0)).read()
        }
    }

    /// A new instance id: the host's name and eight random hex digits.
    static func newInstance() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "crisisplan"
        return host + "-" + UUID().uuidString.prefix(8).lowercased()
    }
}
