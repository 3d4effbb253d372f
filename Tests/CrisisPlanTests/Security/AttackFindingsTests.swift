import Foundation
import HTTPTypes
import SQLiteNIO
import Testing

@testable import CrisisPlan
@testable import CrisisPlanServer

/// Each finding of the security test, reproduced as the attack it was, then held.
@Suite("the attacks of the security review are held")
struct AttackFindingsTests {
    @Test("a person id with control characters comes back escaped, in the API's message and on the page: no forged lines, no terminal codes")
    func controlCharactersInAnUnknownId() async throws {
        let service = try await InProcessService()
        let crisis = try await service.token(.crisis)
        try await service.run { client in
            let api = try await client.send(.get, "/v1/people/x%0AFAKE%1B%5B2J%0D", token: crisis)
            #expect(api.status == 404)
            #expect(api.body.contains(#"unknown person 'x\\u{A}FAKE\\u{1B}[2J\\u{D}'"#), "\(api.body)")
            let page = try await client.send(.get, "/people/x%0AFAKE%1B%5B2J%0D", cookie: "crisisplan_session=\(crisis)")
            #expect(!page.body.contains("\u{1B}") && !page.body.contains("FAKE\r"), "\(page.body)")
            #expect(page.body.contains(#"x\u{A}FAKE\u{1B}[2J\u{D}"#), "\(page.body)")
        }
    }

    @Test("the open readiness route says counts and versions only: no id, no error text")
    func readinessHasNoPlanContent() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(ready.body.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["status", "rules"])
            let rules = try #require(object["rules"] as? [String: Any])
            #expect(Set(rules.keys) == ["version", "loaded_at", "people", "stale_plans"])
            #expect(rules["stale_plans"] as? Int == 0)
        }
    }

    @Test("requests that are not signed in are recorded bounded: 256 bytes and a hash, at most 60 a minute per address")
    func unsignedFloodIsBounded() async throws {
        let service = try await InProcessService()
        let long = "/v1/people/" + String(repeating: "a", count: 30_000)
        let audit = service.built.audit
        try await service.run { client in
            for _ in 0..<80 {
                let reply = try await client.send(.get, long)
                #expect(reply.status == 401)
            }
            let records = try await audit.store.records(AuditFilter(), limit: 1000, offset: 0)
            // At most 60 in each clock minute (the 80 may straddle one, on a busy machine).
            let minutes = Dictionary(grouping: records) { String($0.time.prefix(16)) }
            #expect(minutes.values.allSatisfy { $0.count <= UnsignedAuditLimit.perMinute })
            #expect(minutes.count > 1 || records.count == UnsignedAuditLimit.perMinute)
            for record in records {
                #expect(record.record.utf8.count < 2_000)
                #expect(record.record.contains("sha256:"))
            }
        }
    }

    @Test("a sign-in nonce lasts two hours")
    func loginNonceExpires() async throws {
        let tokens = try await TokenService.make(key: TokenKey.loadOrCreate(path: TemporaryFolder.make("nonce") + "/token.key"), jwks: nil, issuer: nil, audience: nil)
        let then = Timestamp(parsing: "2026-11-24T10:00:00Z")!
        let nonce = tokens.loginNonce(now: then)
        #expect(tokens.isLoginNonce(nonce, now: then))
        #expect(tokens.isLoginNonce(nonce, now: Timestamp(seconds: then.seconds + 2 * 3600)))
        #expect(!tokens.isLoginNonce(nonce, now: Timestamp(seconds: then.seconds + 2 * 3600 + 1)))
        let parts = nonce.split(separator: ".")
        #expect(!tokens.isLoginNonce(parts[0] + "." + String(then.seconds + 999_999) + "." + parts[2], now: then))
    }

    @Test("every record carries the rules version served, a sign-in's and a 404's too")
    func everyRecordHasTheRulesVersion() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let signIn = try await client.send(
                .post, "/v1/login", headers: [.contentType: "application/json"],
                body: #"{"user":"crisis","password":"\#(TestUsers.password)"}"#)
            #expect(signIn.status == 200 || signIn.status == 401)
            let unknown = try await client.send(.get, "/v1/people/nobody", token: token)
            #expect(unknown.status == 404)
            let nowhere = try await client.send(.get, "/v1/nothing-here", token: token)
            #expect(nowhere.status == 404)
            let records = try await service.built.audit.store.records(AuditFilter(), limit: 100, offset: 0)
            #expect(records.contains { $0.record.contains(#""action":"sign-in""#) }, "\(records.map { $0.record.prefix(160) })")
            for record in records {
                #expect(!record.record.contains(#""rules_version":null"#), "\(record.record.prefix(300))")
            }
        }
    }

    @Test("refused record-system calls are logged at most 60 a minute per address: anyone can send them")
    func refusedCDSCallsLogBounded() throws {
        let server = try ServerProcess()
        for _ in 0..<90 {
            let reply = try HTTPReply.send(
                port: server.port, method: "POST", path: "/cds-services/crisisplan-patient-view",
                headers: ["Authorization": "Bearer a.b.c", "Content-Type": "application/json"], body: Array("{}".utf8))
            #expect(reply.status == 401)
        }
        _ = server.stop()
        let lines = server.logs().split(separator: "\n").filter { $0.contains("CDS Hooks call refused") }
        #expect(!lines.isEmpty)
        // 90 calls: at most 60 in each clock minute (they may straddle one on a busy machine).
        #expect(lines.count <= 2 * UnsignedAuditLimit.perMinute && lines.count < 90, "\(lines.count)")
    }

    @Test("--cds-client without --public-url is warned of at start-up: tokens' aud and card links would follow the Host header")
    func cdsClientWithoutPublicURL() throws {
        let system = TestTokens.RecordSystem(issuer: "https://ehr.example.org")
        let folder = TemporaryFolder.make("cds-public-url")
        try system.jwks.write(toFile: folder + "/ehr.json", atomically: true, encoding: .utf8)
        for withURL in [false, true] {
            let server = try ServerProcess(
                arguments: ["--cds-client", "\(system.issuer)=\(folder)/ehr.json"]
                    + (withURL ? ["--public-url", "https://crisis.example.org"] : []))
            _ = server.stop()
            #expect(server.logs().contains("--cds-client without --public-url") == !withURL)
        }
    }

    @Test("the per-address count of unrecorded requests is recorded with the next minute's first record")
    func unsignedCountCarried() {
        let limit = UnsignedAuditLimit()
        for second in 0..<75 {
            let decision = limit.decide(client: "203.0.113.9", now: 600 + Int64(second % 60))
            #expect(decision == (second < 60 ? .record(suppressed: 0) : .skip))
        }
        #expect(limit.decide(client: "198.51.100.1", now: 630) == .record(suppressed: 0))
        #expect(limit.decide(client: "203.0.113.9", now: 660) == .record(suppressed: 15))
        #expect(limit.decide(client: "203.0.113.9", now: 661) == .record(suppressed: 0))
        // An IPv6 /64 is one address.
        for host in 0..<60 { _ = limit.decide(client: "2001:db8:1:2::\(host)", now: 700) }
        #expect(limit.decide(client: "2001:db8:1:2:ffff::1", now: 700) == .skip)
        #expect(limit.decide(client: "2001:db8:1:3::1", now: 700) == .record(suppressed: 0))
    }

    @Test("a flood that stops still leaves its count: recorded once the minute ends, once only, and the chain verifies")
    func unsignedCountOfAQuietAddress() async throws {
        let limit = UnsignedAuditLimit()
        for second in 0..<75 { _ = limit.decide(client: "203.0.113.9", now: 600 + Int64(second % 60)) }
        #expect(limit.drain(before: 10).isEmpty)
        let service = try await InProcessService()
        let recorder = UnrecordedCountRecorder(limit: limit, log: service.built.audit)
        await recorder.record(before: 11)
        await recorder.record(before: 12)
        // Recorded by the recorder, it is not carried again by the address's next request.
        #expect(limit.decide(client: "203.0.113.9", now: 720) == .record(suppressed: 0))
        let records = try await service.built.audit.store.records(AuditFilter(), limit: 10, offset: 0)
        #expect(records.count == 1)
        #expect(records.first?.record.contains(#""action":"unrecorded""#) == true)
        #expect(records.first?.record.contains(#""client":"203.0.113.9""#) == true)
        #expect(records.first?.record.contains(#""suppressed":15"#) == true)
        await service.built.audit.store.close()
        let verified = try CommandRunner.run(["audit", "verify"], in: service.folder)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("a password typed into the user name field never lands in the audit log")
    func unknownNameIsHashed() async throws {
        let service = try await InProcessService()
        let audit = service.built.audit
        try await service.run { client in
            let reply = try await client.send(
                .post, "/v1/login", body: #"{"user": "Tr0ub4dor&3-secret", "password": "whatever"}"#)
            #expect(reply.status == 401)
            let records = try await audit.store.records(AuditFilter(), limit: 10, offset: 0)
            #expect(records.count == 1)
            #expect(!records[0].record.contains("Tr0ub4dor"))
            #expect(records[0].user?.hasPrefix("unknown:hmac-sha256:") == true)
        }
    }

    @Test("a person id over 128 bytes is an unknown person (404), as any other")
    func longPersonID() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let reply = try await client.send(.get, "/v1/people/" + String(repeating: "s", count: 129), token: token)
            #expect(reply.status == 404)
            #expect(reply.body.hasPrefix(#"{"error":{"code":"unknown-person""#))
        }
    }

    @Test("a user removed and added again under the same id does not get their old tokens back")
    func epochEndsOldTokens() async throws {
        let service = try await InProcessService()
        let old = try await service.token(.crisis)
        let file = service.built.users.file
        var accounts = try file.read()
        accounts.removeAll { $0.id == "crisis" }
        try file.write(accounts)
        accounts.append(UserAccount(id: "crisis", name: "Someone Else", role: .admin, passwordHash: "unused"))
        try file.write(accounts)
        try service.built.users.reload()
        let fresh = try await service.token(.admin)
        try await service.run { client in
            let oldAdmin = try await client.send(.get, "/v1/admin/status", token: old)
            let oldSearch = try await client.send(.get, "/v1/people?q=sam", token: old)
            let freshAdmin = try await client.send(.get, "/v1/admin/status", token: fresh)
            #expect(oldAdmin.status == 401)
            #expect(oldSearch.status == 401)
            #expect(freshAdmin.status == 200)
        }
    }

    @Test("escape sequences sent without signing in reach audit list escaped, never raw")
    func auditListEscapes() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            _ = try await client.send(.get, "/v1/people/%1B%5B2J%1B%5D0%3Bpwned%07")
        }
        let listed = try CommandRunner.run(["audit", "list"], in: service.folder)
        #expect(listed.status == 0)
        #expect(!listed.stdout.contains("\u{1B}") && !listed.stdout.contains("\u{07}"))
        #expect(listed.stdout.contains(#"\u{1B}[2J"#))
        let json = try CommandRunner.run(["audit", "list", "--json"], in: service.folder)
        #expect(!json.stdout.contains("\u{1B}"))
        #expect(json.stdout.contains(#"\u001b[2J"#))
    }

    @Test("a NUL in a typed person id is recorded as \\u{0}, and the untouched chain still verifies")
    func nulInPersonId() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            let api = try await client.send(.get, "/v1/people/sam%00")
            #expect(api.status == 401)
            let page = try await client.send(.get, "/people/sam%00x")
            #expect(page.status != 500)
        }
        let verified = try CommandRunner.run(["audit", "verify"], in: service.folder)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let listed = try CommandRunner.run(["audit", "list", "--json"], in: service.folder)
        #expect(listed.stdout.contains(#"sam\\u{0}"#), "\(listed.stdout)")
    }

    @Test("a port out of range is refused (exit 2), never wrapped round to another", arguments: ["83940", "99999", "-1"])
    func portOutOfRange(port: String) throws {
        let result = try CommandRunner.run(["serve", "--port=" + port])
        #expect(result.status == 2)
        #expect(result.stderr == "error: --port takes 0 to 65535, not \(port)\n")
    }

    @Test("audit verify: a missing store is an error and is not created; an empty one fails --expect-head; seq 0 fails")
    func verifyIsStrict() async throws {
        let folder = TemporaryFolder.make("verify")
        let missing = try CommandRunner.run(["audit", "verify", "--audit", "sqlite:none.sqlite"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no audit store at sqlite:none.sqlite (nothing was created)\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))

        let store = try await SQLiteAuditStore.open(path: folder + "/audit.sqlite", creating: true)
        await store.close()
        let empty = try CommandRunner.run(
            ["audit", "verify", "--expect-head", String(repeating: "ab", count: 32)], in: folder)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("error: the store holds no records, but --expect-head says there was one"))

        let connection = try await SQLiteConnection.open(storage: .file(path: folder + "/audit.sqlite"))
        let record = #"{"instance":"forged","prev":"\#(ChainHead.genesis.hash)","seq":0,"time":"2026-01-01T00:00:00.000Z"}"#
        _ = try await connection.query(
            "INSERT INTO audit VALUES ('forged', 0, '2026-01-01T00:00:00.000Z', NULL, NULL, ?, ?, ?)",
            [.text(ChainHead.genesis.hash), .text(AuditChain.hash(prev: ChainHead.genesis.hash, record: record)), .text(record)])
        try await connection.close()
        let forged = try CommandRunner.run(["audit", "verify"], in: folder)
        #expect(forged.status == 1)
        #expect(forged.stderr.contains("a record is numbered 0"))

        let dropped = try await SQLiteConnection.open(storage: .file(path: folder + "/audit.sqlite"))
        _ = try await dropped.query("DROP TABLE audit")
        try await dropped.close()
        let gone = try CommandRunner.run(["audit", "verify"], in: folder)
        #expect(gone.status == 2)
        #expect(gone.stderr.contains("holds no audit table"))
    }

    @Test("the service's files are its owner's alone: audit store, its -wal and -shm, the token key")
    func filesAreOwnerOnly() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            _ = try await client.send(.get, "/v1/people?q=sam")
        }
        for name in ["audit.sqlite", "audit.sqlite-wal", "audit.sqlite-shm", "token.key", "users.yaml"] {
            let path = service.folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(name) is \(String(mode, radix: 8))")
        }
    }

    @Test("tel: links only for one telephone number; anything else is text")
    func dialable() {
        #expect(AnswerPage.dialable("07700 900123") == "07700900123")
        #expect(AnswerPage.dialable("+44 (0)7700-900123") == "+4407700900123")
        #expect(AnswerPage.dialable("999") == "999")
        #expect(AnswerPage.dialable("ask reception for 0300 555 0123") == nil)
        #expect(AnswerPage.dialable("07700 900123 or 07700 900124") == nil)
        #expect(AnswerPage.dialable("07700 900123,,1234#") == nil)
        #expect(AnswerPage.dialable("") == nil)
    }

    @Test("IPv6 limits count per /64; IPv4 per address")
    func clientAddressKeys() {
        #expect(ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.key("2001:db8::1") == "2001:db8:0:0::/64")
        #expect(ClientAddress.key("203.0.113.7") == "203.0.113.7")
    }
}
