import Foundation
import Synchronization
import Testing

/// `POST /v1/login`, lock-outs, `crisisplan user`, the identity provider's JWTs, and secrets
/// kept out of every log, record and error body (SPEC v2 §9).
@Suite("sign-in", .serialized)
struct SignInTests {
    static func login(_ server: ServerProcess, _ user: String, _ password: String, from source: String? = nil) throws
        -> HTTPReply
    {
        try HTTPReply.send(
            port: server.port, method: "POST", path: "/v1/login", headers: ["Content-Type": "application/json"],
            body: Array(#"{"user":"\#(user)","password":"\#(password)"}"#.utf8), from: source)
    }

    @Test("a token valid 12 hours; a wrong password and an unknown name get the same 401")
    func token() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let reply = try Self.login(server, "crisis", TestUsers.password)
        #expect(reply.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
        let expires = try #require(ISO8601DateFormatter().date(from: object["expires_at"] as? String ?? ""))
        #expect(abs(expires.timeIntervalSinceNow - 12 * 3600) < 60)
        #expect(object["role"] as? String == "crisis")
        let wrong = try Self.login(server, "crisis", "not the password")
        let unknown = try Self.login(server, "nobody", "not the password")
        #expect(wrong.status == 401)
        #expect(unknown.status == 401)
        #expect(wrong.body == unknown.body)
        #expect(wrong.body.contains(#""code":"sign-in-failed""#))
        let malformed = try server.post("/v1/login", json: #"{"user":"crisis"}"#, as: nil)
        #expect(malformed.status == 400)
        #expect(malformed.body.contains(#"error: \"password\" must be text of at most 1024 bytes"#))
    }

    @Test("five failures from one address lock that name out there for 15 minutes; user unlock ends it")
    func lockout() throws {
        let folder = TemporaryFolder.make("lockout")
        let users = folder + "/users.yaml"
        try FileManager.default.copyItem(atPath: TestUsers.file, toPath: users)
        let server = try ServerProcess(in: folder, users: users)
        defer { server.stop() }
        for _ in 1...5 { #expect(try Self.login(server, "crisis", "guess").status == 401) }
        let locked = try Self.login(server, "crisis", TestUsers.password)
        #expect(locked.status == 429)
        #expect(locked.body.contains(#""code":"locked-out""#))
        #expect(Int(locked.header("Retry-After") ?? "") ?? 0 > 14 * 60)
        // Another address is not locked out; nor is another user from this one.
        #expect(try Self.login(server, "crisis", TestUsers.password, from: "127.0.0.2").status == 200)
        #expect(try Self.login(server, "trainer", TestUsers.password).status == 200)
        // Unknown names are counted alike, so a 429 does not tell that a name exists.
        for _ in 1...5 { _ = try Self.login(server, "nobody", "guess") }
        #expect(try Self.login(server, "nobody", "guess").status == 429)
        // `crisisplan user unlock` takes effect at once.
        let unlock = try CommandRunner.run(["user", "unlock", "crisis", "--users", users])
        #expect(unlock.status == 0)
        #expect(try Self.login(server, "crisis", TestUsers.password).status == 200)
        // Every attempt is audited, failures included.
        server.stop()
        let records = try server.audit(["list", "--user", "crisis", "--json"])
        #expect(records.stdout.split(separator: "\n").filter { $0.contains(#""action":"sign-in""#) }.count == 8)
        #expect(records.stdout.contains(#""status":429"#))
    }

    @Test("thirty guesses at once: no more than five are tried against the password")
    func parallelGuesses() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 30) { _ in
            let status = (try? Self.login(server, "crisis", "guess").status) ?? 0
            statuses.withLock { $0.append(status) }
        }
        let all = statuses.withLock { $0 }
        #expect(all.count == 30)
        #expect(all.filter { $0 == 401 }.count <= 5)
        #expect(all.filter { $0 == 429 }.count >= 25)
    }

    @Test("no users: the server does not start and says how to add the first")
    func noUsers() throws {
        let folder = TemporaryFolder.make("nousers")
        let result = try CommandRunner.run(
            ["serve", "--rules", PackageRoot.path + "/Rules", "--port", "0", "--users", folder + "/users.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasSuffix(
                "error: no users in \(folder)/users.yaml, so no one could sign in; add the first one with\n"
                + "  crisisplan user add ID --name NAME --role admin --users \(folder)/users.yaml\n"
                + "(or pass --jwks FILE to accept your organisation's sign-in)\n"))
    }

    @Test("user add: bad ids, roles and short passwords are refused with their message; a duplicate too")
    func userAdd() throws {
        let users = TemporaryFolder.make("useradd") + "/users.yaml"
        func add(_ id: String, role: String = "crisis", password: String = TestUsers.password) throws -> CommandResult {
            try CommandRunner.run(
                ["user", "add", id, "--name", "Rae Finch", "--role", role, "--password-stdin", "--users", users],
                stdin: password + "\n")
        }
        #expect(try add("rae").status == 0)
        #expect(try add("rae").stderr == "error: user 'rae' already exists in \(users); remove them first\n")
        #expect(try add("rae finch").stderr == "error: 'rae finch' is not a user id: use 1 to 64 letters, digits, '.', '_', '-' or '@'\n")
        #expect(try add("ray", role: "boss").stderr == "error: unknown role 'boss'; roles are crisis|trainer|governance|admin\n")
        #expect(try add("ray", password: "short").stderr == "error: the password must be at least 8 characters\n")
        let file = try String(contentsOfFile: users, encoding: .utf8)
        #expect(file.contains(#"password_hash: "$2b$12$"#))
        #expect(!file.contains(TestUsers.password))
        let attributes = try FileManager.default.attributesOfItem(atPath: users)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try CommandRunner.run(["user", "remove", "nobody", "--users", users]).stderr == "error: no user 'nobody' in \(users)\n")
    }

    @Test("--jwks: the identity provider's ES256 tokens, with iss and aud; none, confused or expired refused")
    func identityProvider() throws {
        let provider = TestTokens.Provider()
        let folder = TemporaryFolder.make("jwks")
        try provider.jwks.write(toFile: folder + "/jwks.json", atomically: true, encoding: .utf8)
        let server = try ServerProcess(
            arguments: ["--jwks", folder + "/jwks.json", "--jwt-issuer", "https://idp.example", "--jwt-audience", "crisisplan"],
            in: folder)
        defer { server.stop() }
        let good: [String: Any] = [
            "sub": "n.okoro", "role": "crisis", "iss": "https://idp.example", "aud": "crisisplan",
            "exp": TestTokens.now + 600, "nbf": TestTokens.now - 60,
        ]
        func status(_ token: String) throws -> Int {
            try HTTPReply.send(
                port: server.port, method: "GET", path: "/v1/people?q=sam", headers: ["Authorization": "Bearer \(token)"]
            ).status
        }
        #expect(try status(provider.es256(good)) == 200)
        var governance = good
        governance["role"] = "governance"
        #expect(try status(provider.es256(governance)) == 403)
        for (claim, value) in [("iss", "https://evil.example"), ("aud", "someone-else"), ("exp", TestTokens.now - 10)] as [(String, Any)] {
            var bad = good
            bad[claim] = value
            #expect(try status(provider.es256(bad)) == 401, "\(claim)")
        }
        var noRole = good
        noRole["role"] = nil
        #expect(try status(provider.es256(noRole)) == 401)
        var early = good
        early["nbf"] = TestTokens.now + 600
        #expect(try status(provider.es256(early)) == 401)
        #expect(try status(TestTokens.unsigned(good)) == 401)
        #expect(try status(provider.confused(good)) == 401)
        // A token from another provider's key, or under an id the key set does not publish.
        #expect(try status(TestTokens.Provider().es256(good)) == 401)
        #expect(try status(provider.es256(good, kid: "idp-2")) == 401)
    }

    @Test("a signed token whose exp or iat is no time (1e19, -1e19, 1e300) is refused, ours or the identity provider's, and the service goes on answering")
    func tokenTimesOutOfRange() throws {
        let provider = TestTokens.Provider()
        let folder = TemporaryFolder.make("jwks-times")
        try provider.jwks.write(toFile: folder + "/jwks.json", atomically: true, encoding: .utf8)
        let server = try ServerProcess(
            arguments: ["--jwks", folder + "/jwks.json", "--jwt-issuer", "https://idp.example", "--jwt-audience", "crisisplan"],
            in: folder)
        defer { server.stop() }
        let keyHex = try String(contentsOfFile: folder + "/token.key", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        func status(_ token: String) throws -> Int {
            try HTTPReply.send(
                port: server.port, method: "GET", path: "/v1/people?q=sam", headers: ["Authorization": "Bearer \(token)"]
            ).status
        }
        for time in [1e19, -1e19, 1e300, 9.3e18] {
            let idp: [String: Any] = ["sub": "n.okoro", "role": "crisis", "iss": "https://idp.example", "aud": "crisisplan", "exp": time]
            #expect(try status(provider.es256(idp)) == 401, "\(time)")
            let own: [String: Any] = ["sub": "admin", "iss": "crisisplan", "iat": TestTokens.now, "exp": time, "jti": "t-\(time)"]
            #expect(try status(TestTokens.hs256(own, keyHex: keyHex)) == 401, "\(time)")
            let issued: [String: Any] = ["sub": "admin", "iss": "crisisplan", "iat": time, "exp": TestTokens.now + 600, "jti": "i-\(time)"]
            #expect(try status(TestTokens.hs256(issued, keyHex: keyHex)) == 401, "iat \(time)")
            #expect(try HTTPReply.send(port: server.port, method: "GET", path: "/healthz").status == 200, "\(time)")
        }
    }

    @Test("passwords and tokens appear in no log, no audit record and no error body")
    func secretsStayOut() throws {
        let server = try ServerProcess()
        let token = try server.token("crisis")
        var bodies: [String] = []
        bodies.append(try Self.login(server, "crisis", "Wrong-Password-42").body)
        bodies.append(try server.post("/v1/login", json: #"{"user":"crisis","password":"\#(String(repeating: "x", count: 2000))"}"#, as: nil).body)
        for path in ["/v1/people/nobody", "/v1/audit", "/v1/nothing?token=\(token)"] {
            bodies.append(try server.get(path, as: "crisis").body)
        }
        bodies.append(try HTTPReply.send(
            port: server.port, method: "GET", path: "/v1/people", headers: ["Authorization": "Bearer \(token)x"]).body)
        _ = try server.post("/v1/people/sam/respond", json: "{", as: "crisis")
        server.stop()
        let logs = server.logs()
        let records = try server.audit(["list", "--json"]).stdout
        let store = try String(decoding: Data(contentsOf: URL(fileURLWithPath: server.folder + "/audit.sqlite")), as: UTF8.self)
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: server.folder + "/audit.sqlite-wal"))).map {
            String(decoding: $0, as: UTF8.self)
        } ?? ""
        #expect(records.contains(#""action":"sign-in""#))
        for secret in [TestUsers.password, "Wrong-Password-42", token, String(token.suffix(43))] {
            for (name, text) in [("logs", logs), ("records", records), ("store", store + wal), ("bodies", bodies.joined())] {
                #expect(!text.contains(secret), "\(name) holds a secret")
            }
        }
    }
}
