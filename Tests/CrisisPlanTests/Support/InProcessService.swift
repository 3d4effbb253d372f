import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus

@testable import CrisisPlan
@testable import CrisisPlanServer

/// The service built in this process, on the shipped library, with one user per role and
/// tokens minted directly — no process launch, no port, no bcrypt — for the route tests.
struct InProcessService {
    let built: CrisisPlanServer.Built
    let folder: String
    static let roles: [Role] = [.crisis, .trainer, .governance, .admin]

    init(
        rules: String = PackageRoot.path + "/Rules", configure: (inout ServeOptions, _ folder: String) throws -> Void = { _, _ in }
    ) async throws {
        folder = TemporaryFolder.make("in-process")
        let users = UsersFile(path: folder + "/users.yaml")
        try users.write(
            Self.roles.map { UserAccount(id: $0.rawValue, name: "Test \($0.rawValue)", role: $0, passwordHash: "unused") })
        var options = ServeOptions(
            rules: RulesDirectory(rules), port: 0, watch: false, users: users.path,
            audit: "sqlite:" + folder + "/audit.sqlite", tokenKey: folder + "/token.key")
        try configure(&options, folder)
        built = try await CrisisPlanServer.build(options, registry: PrometheusCollectorRegistry())
    }

    /// A bearer token for the user of `role`.
    func token(_ role: Role) async throws -> String {
        let account = try require(built.users.account(role.rawValue))
        return try await built.tokens.issue(for: account).token
    }

    /// Sends requests to the router, as a client would, and gives back status, headers and body.
    func run(_ body: @Sendable (Client) async throws -> Void) async throws {
        try await built.application.test(.router) { client in
            try await body(Client(client: client))
        }
        await built.audit.store.close()
    }

    struct Client {
        let client: any TestClientProtocol

        func send(
            _ method: HTTPRequest.Method, _ path: String, token: String? = nil, cookie: String? = nil,
            headers extra: HTTPFields = [:], body: String? = nil, untyped: Bool = false
        ) async throws -> (status: Int, headers: HTTPFields, body: String) {
            var headers = extra
            if let token { headers[.authorization] = "Bearer " + token }
            if let cookie { headers[.cookie] = cookie }
            // `untyped`: the body is sent with no Content-Type at all.
            if body != nil, headers[.contentType] == nil, !untyped { headers[.contentType] = "application/json" }
            return try await client.execute(
                uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
            ) { response in
                (Int(response.status.code), response.headers, String(buffer: response.body))
            }
        }
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw InProcessFailure() }
    return value
}

private struct InProcessFailure: Error {}
