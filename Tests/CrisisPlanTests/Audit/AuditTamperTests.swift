import Crypto
import Foundation
import SQLiteNIO
import Testing

/// `crisisplan audit verify` against a store changed by hand: a record edited, removed,
/// reordered, re-hashed by someone who knows the algorithm, a column changed, the end cut
/// off — each found, and named.
@Suite("audit verify finds every tampering", .serialized)
struct AuditTamperTests {
    /// A store of 11 records written by a real server: a sign-in, then searches and answers,
    /// the answer of record 7 a 404.
    static let original: (folder: String, head: String) = {
        let server = try! ServerProcess()
        for index in 0..<10 {
            _ = try! index % 2 == 0
                ? server.get("/v1/people?q=sam", as: "crisis")
                : server.post("/v1/people/\(index == 5 ? "nobody" : "sam")/respond", json: "{}", as: "crisis")
        }
        server.stop()
        let verified = try! server.audit(["verify"])
        let head = String(verified.stdout.split(separator: "\n").last!.dropFirst("last hash ".count))
        return (server.folder, head)
    }()

    /// A copy of the original store, changed by `statements`, verified.
    static func tampered(_ statements: [String], arguments: [String] = []) async throws -> CommandResult {
        let folder = TemporaryFolder.make("tamper")
        try FileManager.default.copyItem(atPath: original.folder + "/audit.sqlite", toPath: folder + "/audit.sqlite")
        let connection = try await SQLiteConnection.open(storage: .file(path: folder + "/audit.sqlite"))
        for statement in statements { _ = try await connection.query(statement) }
        try await connection.close()
        return try CommandRunner.run(["audit", "verify", "--audit", "sqlite:audit.sqlite"] + arguments, in: folder)
    }

    @Test("untouched: exit 0, the count and the last hash")
    func whole() async throws {
        let result = try await Self.tampered([])
        #expect(result.status == 0)
        #expect(result.stdout == "audit: 11 records in 1 chain, whole\nlast hash \(Self.original.head)\n")
        #expect(try await Self.tampered([], arguments: ["--expect-head", Self.original.head]).status == 0)
    }

    @Test("a record's contents changed, at every position: exit 1 naming that record", arguments: 1...11)
    func changed(seq: Int) async throws {
        let result = try await Self.tampered([
            "UPDATE audit SET record = replace(record, '\"client\":\"127.0.0.1\"', '\"client\":\"10.0.0.9\"') WHERE seq = \(seq)"
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("breaks at record \(seq): its contents were changed after it was written"))
    }

    @Test("a record removed, at every position but the last: exit 1 naming the gap", arguments: 1...10)
    func removed(seq: Int) async throws {
        let result = try await Self.tampered(["DELETE FROM audit WHERE seq = \(seq)"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("breaks at record \(seq): the next record found is number \(seq + 1): 1 record was removed"))
    }

    @Test("two records swapped: exit 1 at the first of them")
    func reordered() async throws {
        let result = try await Self.tampered([
            "UPDATE audit SET seq = -1 WHERE seq = 4", "UPDATE audit SET seq = 4 WHERE seq = 5",
            "UPDATE audit SET seq = 5 WHERE seq = -1",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("breaks at record 4: it does not follow the record before it"))
    }

    @Test("a record changed and its hash recomputed: the next record no longer follows it")
    func rehashed() async throws {
        let connection = try await SQLiteConnection.open(storage: .file(path: Self.original.folder + "/audit.sqlite"))
        let row = try #require(try await connection.query("SELECT prev, record FROM audit WHERE seq = 7").first)
        try await connection.close()
        let record = try #require(row.column("record")?.string).replacingOccurrences(of: "\"status\":404", with: "\"status\":200")
        let prev = try #require(row.column("prev")?.string)
        let hash = SHA256.hash(data: Data((prev + record).utf8)).map { String(format: "%02x", $0) }.joined()
        let escaped = record.replacingOccurrences(of: "'", with: "''")
        let result = try await Self.tampered(["UPDATE audit SET record = '\(escaped)', hash = '\(hash)' WHERE seq = 7"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("breaks at record 8: it does not follow the record before it"))
    }

    @Test("a column changed beside its hashed record: exit 1")
    func column() async throws {
        let result = try await Self.tampered(["UPDATE audit SET user_id = 'governance' WHERE seq = 3"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("breaks at record 3: its columns do not match its hashed contents"))
    }

    @Test("the end cut off: the chain is whole, but --expect-head with the old last hash fails")
    func truncated() async throws {
        let plain = try await Self.tampered(["DELETE FROM audit WHERE seq >= 10"])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("audit: 9 records in 1 chain, whole\n"))
        let expecting = try await Self.tampered(["DELETE FROM audit WHERE seq >= 10"], arguments: ["--expect-head", Self.original.head])
        #expect(expecting.status == 1)
        #expect(expecting.stderr.contains("error: \(Self.original.head) is not the last record of any chain: records were cut from the end"))
    }
}
