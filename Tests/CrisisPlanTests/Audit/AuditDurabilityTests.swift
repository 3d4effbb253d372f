import Foundation
import Testing

/// No answer is ever sent without its record: the server killed with SIGKILL under load, again
/// and again, and the PostgreSQL store taken away mid-load and brought back.
@Suite("audit records survive kill -9 and a lost database", .serialized)
struct AuditDurabilityTests {
    static let body = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    /// Clients answering as fast as they can; each request carries an id of its own, and the
    /// ids that got a 200 are kept, per client, in the order they were sent.
    final class Load: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var answered: [[String]]
        private(set) var refused = 0
        private let stop = NSLock()
        private var stopped = false
        private let group = DispatchGroup()

        init(server: ServerProcess, clients: Int, prefix: String) throws {
            answered = Array(repeating: [], count: clients)
            let token = try server.token("crisis")
            for client in 0..<clients {
                group.enter()
                Thread.detachNewThread { [self] in
                    var count = 0
                    while !stop.withLock({ stopped }) {
                        count += 1
                        let id = "\(prefix)-\(client)-\(count)"
                        let reply = try? HTTPReply.send(
                            port: server.port, method: "POST", path: "/v1/people/sam/respond",
                            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "X-Request-Id": id],
                            body: Array(AuditDurabilityTests.body.utf8))
                        lock.withLock {
                            if reply?.status == 200 { answered[client].append(id) } else if reply != nil { refused += 1 }
                        }
                    }
                    group.leave()
                }
            }
        }

        func finish() {
            stop.withLock { stopped = true }
            group.wait()
        }

        var all: [String] { lock.withLock { answered.flatMap { $0 } } }
    }

    /// Request ids of the records in the store, in chain order per instance.
    static func recorded(_ arguments: [String], in folder: String) throws -> [String] {
        let listed = try CommandRunner.run(["audit", "list", "--json"] + arguments, in: folder)
        let records = listed.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return records.sorted {
            ($0["instance"] as? String ?? "", ($0["seq"] as? NSNumber)?.intValue ?? 0)
                < ($1["instance"] as? String ?? "", ($1["seq"] as? NSNumber)?.intValue ?? 0)
        }.compactMap { $0["request_id"] as? String }
    }

    @Test("kill -9 under load, five times: every 200 has its record and the chains verify")
    func killed() throws {
        let folder = TemporaryFolder.make("kill9")
        var answered: [String] = []
        for run in 1...5 {
            let server = try ServerProcess(in: folder)
            let load = try Load(server: server, clients: 8, prefix: "k\(run)")
            Thread.sleep(forTimeInterval: 0.6)
            server.signal(SIGKILL)
            load.finish()
            server.stop()
            #expect(!load.all.isEmpty)
            answered += load.all
        }
        let verify = try CommandRunner.run(["audit", "verify"], in: folder)
        #expect(verify.status == 0, "\(verify.stderr)")
        let recorded = Set(try Self.recorded([], in: folder))
        let missing = answered.filter { !recorded.contains($0) }
        #expect(missing.isEmpty, "\(missing.count) of \(answered.count) answered requests have no record")
    }

    static let postgres = ProcessInfo.processInfo.environment["CRISISPLAN_TEST_POSTGRES"]

    @Test(
        "PostgreSQL taken away mid-load: every lookup answered, records spilled, then moved in order",
        .enabled(if: postgres != nil, "set CRISISPLAN_TEST_POSTGRES to a database (.ci/run does)"))
    func databaseLost() throws {
        let target = try #require(URLComponents(string: Self.postgres!))
        let proxy = try TCPProxy(target: target.port ?? 5432)
        var through = target
        through.port = proxy.port
        let url = through.string!
        let folder = TemporaryFolder.make("pglost")
        let server = try ServerProcess(arguments: ["--audit", url], in: folder)
        let load = try Load(server: server, clients: 4, prefix: "pg-\(UUID().uuidString.prefix(8))")
        Thread.sleep(forTimeInterval: 0.7)
        proxy.cut()
        let cutAt = load.all.count
        // Longer than the server waits for the store (1 s), so records must spill.
        Thread.sleep(forTimeInterval: 2.5)
        let duringCut = load.all.count - cutAt
        try proxy.restore()
        Thread.sleep(forTimeInterval: 0.8)
        load.finish()
        // The spill is replayed within a second or two of the store coming back.
        var recorded: [String] = []
        for _ in 0..<50 {
            recorded = try Self.recorded(["--audit", url], in: folder)
            if Set(recorded).isSuperset(of: load.all) { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        server.stop()
        #expect(load.refused == 0)
        #expect(duringCut > 0, "lookups went on while the database was away")
        #expect(server.logs().contains("the audit store cannot be written; records go to the spill file"))
        let present = Set(recorded)
        #expect(load.all.allSatisfy(present.contains), "every answered request has its record")
        // In the order each client sent them.
        let position = Dictionary(recorded.enumerated().map { ($1, $0) }) { first, _ in first }
        for client in load.answered {
            let positions = client.compactMap { position[$0] }
            #expect(positions == positions.sorted())
        }
        let verify = try CommandRunner.run(["audit", "verify", "--audit", url], in: folder)
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}
