import Foundation
import Testing

/// `crisisplan serve` over a real socket: the routes of SPEC v2 §9, their status codes, the
/// error shape and the headers every response carries.
@Suite("crisisplan serve: the API over real sockets", .serialized)
struct ServeAPITests {
    static let sleepless = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    @Test("the start-up line names the address, the library, the people and the warnings")
    func startLine() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        #expect(server.startLine.hasPrefix("crisisplan serve: listening on http://127.0.0.1:\(server.port) — library "))
        #expect(server.startLine.hasSuffix(", 6 people, 4 warnings"))
    }

    @Test("a port in use is one line, and exit 2: nothing is loaded or logged first")
    func portInUse() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let second = try CommandRunner.run(
            ["serve", "--rules", PackageRoot.path + "/Rules", "--port", "\(server.port)", "--users", TestUsers.file],
            in: server.folder)
        #expect(second.status == 2)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr == "error: port \(server.port) is in use (another crisisplan serve?) — stop it or pass --port\n")
    }

    @Test("health, readiness and every answer's headers")
    func healthAndHeaders() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let health = try server.get("/healthz")
        #expect(health.status == 200)
        #expect(health.body == "{\"status\":\"ok\"}\n")
        #expect(health.header("X-Request-Id")?.isEmpty == false)
        let ready = try server.get("/readyz")
        #expect(ready.status == 200)
        let version = try #require(ready.header("X-Rules-Version"))
        #expect(version.count == 64)
        #expect(ready.body.contains(#""version":"\#(version)","#))
        #expect(ready.body.hasPrefix(#"{"status":"ready","rules":{"version":"\#(version)","loaded_at":""#))
        #expect(ready.body.hasSuffix(#""people":6,"stale_plans":0}}"# + "\n"))
        let answer = try server.post("/v1/people/sam/respond?at=2026-11-24T10:30:00Z", json: Self.sleepless)
        #expect(answer.status == 200)
        #expect(answer.header("X-Rules-Version") == version)
        #expect(answer.header("X-Request-Id") != health.header("X-Request-Id"))
        // An id the caller gave is kept, when it is a plain token; anything else is replaced.
        let traced = try HTTPReply.send(
            port: server.port, method: "GET", path: "/healthz", headers: ["X-Request-Id": "ehr-4711.a"])
        #expect(traced.header("X-Request-Id") == "ehr-4711.a")
        let hostile = try HTTPReply.send(
            port: server.port, method: "GET", path: "/healthz", headers: ["X-Request-Id": "a<script>"])
        #expect(hostile.header("X-Request-Id") != "a<script>")
        #expect(answer.body.hasPrefix(#"{"person":"sam","name":"Sam Taylor","at":"2026-11-24T10:30:00Z","stage":{"id":"early""#))
    }

    @Test("search by id or name as typed, at most 20; a plan with every item's source")
    func searchAndPlan() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        #expect(try server.get("/v1/people?q=sam%20t").body == #"[{"id":"sam","name":"Sam Taylor","pronouns":"they/them"}]"# + "\n")
        #expect(try server.get("/v1/people?q=WALKER").body.contains(#""id":"kit""#))
        #expect(try server.get("/v1/people?q=nobody").body == "[]\n")
        // By identifier, as PERSON finds: a bare value with or without its spaces, or system|value.
        for query in ["9990000018", "999%20000%200018", "https://fhir.nhs.uk/Id/nhs-number%7C999-000-0018"] {
            #expect(
                try server.get("/v1/people?q=" + query).body
                    == #"[{"id":"sam","name":"Sam Taylor","pronouns":"they/them"}]"# + "\n")
        }
        #expect(try server.get("/v1/people?q=9990000019").body == "[]\n")
        let plan = try server.get("/v1/people/Sam%20Taylor")
        #expect(plan.status == 200)
        #expect(plan.body.hasPrefix(#"{"person":{"id":"sam","name":"Sam Taylor","pronouns":"they/them""#))
        #expect(plan.body.contains(#""do_not_contact":[{"id":"mark","name":"Mark Taylor""#))
        #expect(plan.body.contains(#""source":"\#(PackageRoot.path)/Rules/people/sam.yaml:32""#))
    }

    @Test("errors have one shape, with the command line's message: 400, 404, 413, 415, no route")
    func errors() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let unknown = try server.post("/v1/people/sma/respond", json: "{}")
        #expect(unknown.status == 404)
        #expect(
            unknown.body
                == #"{"error":{"code":"unknown-person","message":"error: unknown person 'sma': no plan in \#(PackageRoot.path)/Rules/people/ has that id or name; did you mean 'sam' (Sam Taylor)?","source":null,"suggestions":["sam"]}}"#
                + "\n")
        let fact = try server.post(
            "/v1/people/sam/respond", json: #"{"observations":[{"at":"2026-11-24T10:00:00Z","facts":{"colour":"red"}}]}"#)
        #expect(fact.status == 400)
        #expect(fact.body.hasPrefix(#"{"error":{"code":"bad-input","message":"<request>:1:56: error: unknown fact 'colour'; declared facts: "#))
        #expect(fact.body.hasSuffix(#","source":"<request>:1:56","suggestions":[]}}"# + "\n"))
        let other = try server.post(
            "/v1/people/sam/respond", json: #"{"person":"kit","observations":[]}"#)
        #expect(other.status == 400)
        #expect(other.body.contains(#""message":"error: the observations are for 'kit', not 'sam' (<request>:1:11)""#))
        let malformed = try server.post("/v1/people/sam/respond", json: #"{"observations": [}"#)
        #expect(malformed.status == 400)
        #expect(malformed.body.contains(#""source":"<request>:1:19""#))
        let notJSON = try server.post("/v1/people/sam/respond", json: "x", headers: ["Content-Type": "text/plain"])
        #expect(notJSON.status == 415)
        #expect(notJSON.body.contains(#""code":"not-json""#))
        let route = try server.get("/v1/nothing")
        #expect(route.status == 404)
        #expect(route.body.contains(#""code":"not-found""#))
        #expect(route.header("X-Request-Id")?.isEmpty == false)
        let at = try server.post("/v1/people/sam/respond?at=tomorrow", json: "{}")
        #expect(at.status == 400)
        // The command line's own message, as every 400 is.
        #expect(at.body.contains("error: --at takes a time with a zone, like 2026-11-24T10:30:00Z; found"))
    }

    @Test("a body over 1 MiB is refused before it is read: its length is enough")
    func tooLarge() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        // Only the headers are sent: the answer comes without the server waiting for 2 MiB.
        let declared = try HTTPReply.send(
            port: server.port, method: "POST", path: "/v1/people/sam/respond",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer " + server.token("crisis")], body: [],
            declaredLength: 2 << 20)
        #expect(declared.status == 413)
        #expect(declared.body.contains(#""code":"too-large""#))
        // Sent in full, just over the limit.
        let sent = try server.post("/v1/people/sam/respond", json: String(repeating: " ", count: (1 << 20) + 1))
        #expect(sent.status == 413)
        let atLimit = try server.post(
            "/v1/people/sam/respond", json: Self.sleepless + String(repeating: " ", count: (1 << 20) - Self.sleepless.utf8.count))
        #expect(atLimit.status == 200)
    }

    @Test("reload on request: 200 with what is served")
    func reload() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let reload = try server.post("/v1/admin/reload")
        #expect(reload.status == 200)
        #expect(reload.body.hasSuffix(#","people":6,"stale_plans":[]}"# + "\n"))
    }

    @Test("openapi.yaml and metrics are served")
    func documents() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        // Twice: the second answer is counted on the counter the first one made.
        for _ in 0..<2 { _ = try server.post("/v1/people/sam/respond?at=2026-11-24T10:30:00Z", json: Self.sleepless) }
        let document = try server.get("/openapi.yaml")
        #expect(document.status == 200)
        #expect(document.body.hasPrefix("openapi: 3.1.0\n"))
        let metrics = try server.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"crisisplan_answers_total{stage="early"} 2"#))
        // Both answers' records, at least, reached the store before the answers were sent.
        let stored = metrics.body.split(separator: "\n").first { $0.hasPrefix(#"crisisplan_audit_records_total{to="store"} "#) }
        #expect((stored?.split(separator: " ").last.flatMap { Int($0) } ?? 0) >= 2)
        #expect(metrics.body.contains(#"crisisplan_reloads_total{outcome="loaded"} 1"#))
    }

    @Test("a library whose policy has errors does not start: exit 2, the errors on standard error")
    func brokenPolicy() throws {
        let result = try CommandRunner.run(["serve", "--rules", PackageRoot.fixtures + "/broken", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(": error: "))
        #expect(
            result.stderr.hasSuffix(
                "error: the policy has errors, so the server cannot start; fix them (crisisplan check) and start again\n"))
    }

    @Test("SIGTERM: requests in flight finish, then the server exits 0")
    func gracefulShutdown() throws {
        let server = try ServerProcess()
        let body = Array(Self.sleepless.utf8)
        let token = try server.token("crisis")
        // Half a request is in flight when SIGTERM arrives; the rest follows.
        let socket = try HTTPReply.connect(port: server.port)
        defer { close(socket) }
        let head =
            "POST /v1/people/sam/respond?at=2026-11-24T10:30:00Z HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Authorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        try HTTPReply.write(socket, Array(head.utf8) + body.prefix(10))
        Thread.sleep(forTimeInterval: 0.3)
        server.signal(SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)
        try HTTPReply.write(socket, Array(body.dropFirst(10)))
        let reply = try HTTPReply.read(socket)
        #expect(reply.status == 200)
        #expect(server.stop() == 0)
        #expect(throws: (any Error).self) { try HTTPReply.send(port: server.port, method: "GET", path: "/healthz") }
    }
}
