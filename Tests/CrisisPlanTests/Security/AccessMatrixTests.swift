import Foundation
import Testing

/// Every route × every role × signed out × an expired token × a removed user's token × forged
/// tokens, against SPEC v2 §9's table of roles — written from the SPEC, not from the code.
@Suite("sign-in and roles on every route", .serialized)
struct AccessMatrixTests {
    struct Route: Sendable, CustomStringConvertible {
        var method: String
        var path: String
        var body: String?
        /// Who may use it; nil: anyone, signed in or not.
        var roles: Set<String>?
        var description: String { "\(method) \(path)" }
    }

    static let sleepless = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    static let routes: [Route] = [
        Route(method: "GET", path: "/healthz", roles: nil),
        Route(method: "GET", path: "/readyz", roles: nil),
        Route(method: "GET", path: "/openapi.yaml", roles: nil),
        Route(method: "GET", path: "/metrics", roles: ["admin"]),
        Route(method: "GET", path: "/v1/people?q=sam", roles: ["crisis", "admin"]),
        Route(method: "GET", path: "/v1/people/sam", roles: ["crisis", "trainer", "admin"]),
        Route(method: "POST", path: "/v1/people/sam/respond", body: sleepless, roles: ["crisis", "admin"]),
        Route(method: "POST", path: "/v1/admin/reload", roles: ["admin"]),
        Route(method: "GET", path: "/v1/audit", roles: ["governance", "admin"]),
        Route(method: "GET", path: "/v1/checks", roles: ["governance", "admin"]),
    ]

    @Test("each role gets exactly its routes; everyone else 401 or 403, in the error shape")
    func matrix() throws {
        let folder = TemporaryFolder.make("access")
        let users = folder + "/users.yaml"
        try FileManager.default.copyItem(atPath: TestUsers.file, toPath: users)
        let added = try CommandRunner.run(
            ["user", "add", "former", "--name", "Fran Lowe", "--role", "admin", "--password-stdin", "--users", users],
            stdin: TestUsers.password + "\n")
        #expect(added.status == 0)
        let server = try ServerProcess(in: folder, users: users)
        defer { server.stop() }

        let former = try server.token("former")
        #expect(try CommandRunner.run(["user", "remove", "former", "--users", users]).status == 0)
        #expect(try server.post("/v1/admin/reload").status == 200)

        let keyHex = try String(contentsOfFile: folder + "/token.key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let claims: [String: Any] = [
            "sub": "admin", "role": "admin", "iss": "crisisplan", "iat": TestTokens.now - 50_000,
            "exp": TestTokens.now - 3600, "jti": "expired-1",
        ]
        var live = claims
        live["exp"] = TestTokens.now + 3600
        let unusable: [String: String?] = [
            "signed out": nil,
            "expired": TestTokens.hs256(claims, keyHex: keyHex),
            "removed user": former,
            "alg none": TestTokens.unsigned(live),
            "another key": TestTokens.hs256(live, keyHex: String(repeating: "ab", count: 32)),
            "garbage": "not.a.token",
        ]
        for route in Self.routes {
            for role in TestUsers.roles {
                let reply = try send(route, server: server, token: server.token(role))
                let allowed = route.roles?.contains(role) ?? true
                #expect(reply.status == (allowed ? 200 : 403), "\(route) as \(role): \(reply.status) \(reply.body.prefix(200))")
                if !allowed { #expect(reply.body.contains(#""code":"role-not-allowed""#)) }
            }
            for (name, token) in unusable {
                let reply = try send(route, server: server, token: token)
                #expect(reply.status == (route.roles == nil ? 200 : 401), "\(route) \(name): \(reply.status)")
                if route.roles != nil {
                    #expect(reply.body.contains(#""code":"not-signed-in""#))
                    #expect(reply.header("WWW-Authenticate") == #"Bearer realm="crisisplan""#)
                    if let token { #expect(!reply.body.contains(token)) }
                }
            }
        }
        // A route that does not exist still needs a signed-in user first.
        #expect(try send(Route(method: "GET", path: "/v1/nothing"), server: server, token: nil).status == 401)
        #expect(try send(Route(method: "GET", path: "/v1/nothing"), server: server, token: server.token("crisis")).status == 404)
    }

    private func send(_ route: Route, server: ServerProcess, token: String?) throws -> HTTPReply {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if route.body != nil { headers["Content-Type"] = "application/json" }
        return try HTTPReply.send(
            port: server.port, method: route.method, path: route.path, headers: headers, body: route.body.map { Array($0.utf8) })
    }
}
