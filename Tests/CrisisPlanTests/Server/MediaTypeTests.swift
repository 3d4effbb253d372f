import Testing

@testable import CrisisPlanServer

/// The respond and CDS routes take JSON only: `application/json` or any `+json` type, in any
/// case, with parameters or spaces; anything else is refused (415) before the body is read.
@Suite("Media types the answer routes take")
struct MediaTypeTests {
    @Test(
        "JSON in any case, with parameters, and +json types are taken",
        arguments: [
            "application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            " application/json ", "application/fhir+json", "APPLICATION/FHIR+JSON; fhirVersion=4.0", "application/+json",
            "application/\tjson",
        ])
    func taken(_ type: String) {
        #expect(RespondRoute.isJSON(type))
    }

    @Test(
        "other types, and JSON only after a parameter, are refused",
        arguments: [
            "", "text/plain", "application/xml", "application/jsonx", "application/json+xml", "text/json",
            "application+json", "application/", "json", "text/plain; type=application/json", "application/js on+",
            "application/fhir+jsonp", "text/fhir+json",
        ])
    func refused(_ type: String) {
        #expect(!RespondRoute.isJSON(type))
    }
}

/// Every route that takes a JSON body refuses a form or plain text (what a page on another site
/// can make a browser send unasked), says its own limit when a body is too long, and writes a
/// person id's control characters visibly in its error, as the command line does.
@Suite("JSON bodies on every route that takes one")
struct JSONBodyRouteTests {
    static let routes = ["/v1/login", "/v1/admin/reload", "/v1/people/sam/respond"]

    @Test("text/plain and form posts are refused (415) before anything is read or counted", arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
    func formsRefused(type: String) async throws {
        let service = try await InProcessService()
        let admin = try await service.token(.admin)
        try await service.run { client in
            for path in Self.routes {
                let reply = try await client.send(
                    .post, path, token: path == "/v1/login" ? nil : admin, headers: [.contentType: type],
                    body: #"{"user":"crisis","password":"wrong-password-here"}"#)
                #expect(reply.status == 415, "\(path)")
                #expect(reply.body.hasPrefix(#"{"error":{"code":"not-json""#))
            }
            // Six such sign-ins lock no one out: the seventh, as JSON, is judged on its password.
            let json = try await client.send(
                .post, "/v1/login", body: #"{"user":"crisis","password":"wrong-password-here"}"#)
            #expect(json.status == 401)
        }
    }

    @Test("a body with no type is refused (415) — another site's page can send one unasked; no body needs no type")
    func untypedRefused() async throws {
        let service = try await InProcessService()
        let admin = try await service.token(.admin)
        try await service.run { client in
            for path in Self.routes {
                let reply = try await client.send(
                    .post, path, token: path == "/v1/login" ? nil : admin,
                    body: #"{"user":"crisis","password":"wrong-password-here"}"#, untyped: true)
                #expect(reply.status == 415, "\(path)")
            }
            #expect(try await client.send(.post, "/v1/admin/reload", token: admin).status == 200)
        }
    }

    @Test("a sign-in over its 16 KiB says so, not the 1 MiB of observations")
    func signInLimit() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            let reply = try await client.send(
                .post, "/v1/login", body: #"{"user":"crisis","password":""# + String(repeating: "x", count: 20_000) + #""}"#)
            #expect(reply.status == 413)
            #expect(reply.body.contains(#""message":"error: the body is over 16384 bytes (16 KiB); a sign-in is limited to 16 KiB""#))
        }
    }

    @Test("a direction override in a person id is written visibly in the error, never raw")
    func controlCharactersVisible() async throws {
        let service = try await InProcessService()
        let crisis = try await service.token(.crisis)
        try await service.run { client in
            let reply = try await client.send(.get, "/v1/people/%E2%80%AEmas", token: crisis)
            #expect(reply.status == 404)
            #expect(!reply.body.contains("\u{202E}"))
            #expect(reply.body.contains(#"\\u{202E}mas"#))
        }
    }
}
