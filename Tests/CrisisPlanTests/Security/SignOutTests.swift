import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// Signing out ends the session on the server, not only in the browser: the cookie's value,
/// copied before, opens nothing after — no page, no API route, no form.
@Suite("Signing out ends the session")
struct SignOutTests {
    @Test("after sign-out the session's token is refused as a cookie and as a bearer token; another session of the same user still works")
    func signedOutTokenRefused() async throws {
        let service = try await InProcessService()
        let session = try await service.token(.crisis)
        let other = try await service.token(.crisis)
        try await service.run { client in
            let cookie = "crisisplan_session=\(session)"
            let page = try await client.send(.get, "/people/alex", cookie: cookie)
            #expect(page.status == 200)
            let csrf = try FirstScreenTests.csrf(page.body)
            let out = try await client.send(.post, "/logout", cookie: cookie, headers: FirstScreenTests.form, body: "csrf=\(csrf)")
            #expect(out.status == 200)
            let after = try await client.send(.get, "/people/alex", cookie: cookie)
            #expect(after.status == 303 && after.headers[.location]?.hasPrefix("/login") == true, "\(after.status)")
            #expect(try await client.send(.get, "/v1/people/alex", token: session).status == 401)
            let replayed = try await client.send(
                .post, "/people/alex/answer", cookie: cookie, headers: FirstScreenTests.form, body: "csrf=\(csrf)&fact.self_harm=acted")
            #expect(replayed.status != 200)
            #expect(try await client.send(.get, "/v1/people/alex", token: other).status == 200)
        }
    }
}
