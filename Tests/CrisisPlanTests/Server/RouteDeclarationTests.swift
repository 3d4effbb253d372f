import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// The route table is the role table: every declared route, for every role and for no one,
/// answers as its declaration says — built in process, so the whole matrix runs in a second.
@Suite("routes are declared once, with their access, and refused otherwise")
struct RouteDeclarationTests {
    static let sleepless = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    /// A concrete path for a declared pattern.
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: ":id", with: "sam").replacingOccurrences(of: ":number", with: "1")
    }

    /// A refusal for the role, as the API and the pages say it (a 403 for a form without its
    /// CSRF token is another thing).
    static func refusedForRole(_ reply: (status: Int, headers: HTTPFields, body: String)) -> Bool {
        reply.status == 403
            && (reply.body.hasPrefix(#"{"error":{"code":"role-not-allowed""#) || reply.body.contains("You cannot see this page"))
    }

    @Test("every declared route × every role and signed out: 401/303 without sign-in, 403 for other roles, served otherwise")
    func matrix() async throws {
        let service = try await InProcessService()
        var minted: [Role: String] = [:]
        for role in InProcessService.roles { minted[role] = try await service.token(role) }
        let tokens = minted
        let routes = service.built.routes.all
        #expect(routes.count >= 25)
        try await service.run { client in
            for route in routes {
                let path = Self.concrete(route.path)
                let body = route.method == .post ? Self.sleepless : nil
                let anonymous = try await client.send(route.method, path, body: body)
                if route.access == .open {
                    #expect(anonymous.status != 401 && !Self.refusedForRole(anonymous), "\(route.method) \(route.path) is open")
                } else if route.access == .cdsClient {
                    // A record system's JWT only: no user's token, whatever the role.
                    for token in [nil] + InProcessService.roles.map({ tokens[$0] }) {
                        let reply = try await client.send(route.method, path, token: token, body: body)
                        #expect(reply.status == 401, "\(route.method) \(route.path) with a user's token")
                        #expect(reply.body.hasPrefix(#"{"error":{"code":"cds-client-not-authorized""#))
                    }
                    continue
                } else if route.surface == .api {
                    #expect(anonymous.status == 401, "\(route.method) \(route.path) signed out")
                    #expect(anonymous.body.hasPrefix(#"{"error":{"code":"not-signed-in""#))
                } else {
                    #expect(anonymous.status == 303, "\(route.method) \(route.path) signed out")
                    #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
                }
                guard route.access != .open else { continue }
                for role in InProcessService.roles {
                    let reply = try await client.send(route.method, path, token: tokens[role], body: body)
                    if route.access.allows(role) {
                        #expect(
                            reply.status != 401 && reply.headers[.location]?.hasPrefix("/login") != true && !Self.refusedForRole(reply),
                            "\(role) may \(route.method) \(route.path)")
                    } else {
                        #expect(reply.status == 403 && Self.refusedForRole(reply), "\(role) may not \(route.method) \(route.path)")
                    }
                }
            }
            // A path no route declares is refused, whoever asks — and asks for sign-in first, so
            // a client that is not signed in cannot map the routes.
            for path in ["/v1/people/sam/plan", "/v1/admin", "/v1/admin/users", "/v1/people/sam/respond/x"] {
                let reply = try await client.send(.get, path, token: tokens[.admin])
                #expect(reply.status == 404 || reply.status == 405, "\(path)")
                #expect(try await client.send(.get, path).status == 401, "\(path)")
            }
            let page = try await client.send(.get, "/admin")
            #expect(page.status == 303)
        }
    }

    @Test("the declared routes of the API are exactly the OpenAPI document's paths and methods")
    func openAPIMatchesTheTable() async throws {
        let service = try await InProcessService()
        let document = try String(
            contentsOfFile: PackageRoot.path + "/Sources/CrisisPlanServer/Resources/openapi.yaml", encoding: .utf8)
        var documented: Set<String> = []
        var path: String?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("  "), !line.hasPrefix("   "), path != nil {
                path = nil
            } else if let current = path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "delete", "patch"].contains(method) {
                    documented.insert(method.uppercased() + " " + current)
                }
            } else if !line.hasPrefix(" "), !line.isEmpty {
                path = nil
            }
        }
        let declared = Set(
            service.built.routes.all.filter { $0.surface == .api }.map { route in
                route.method.rawValue + " "
                    + route.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                    .reduce("") { $0 + "/" + $1 }
            })
        #expect(declared == documented)
        await service.built.audit.store.close()
    }
}
