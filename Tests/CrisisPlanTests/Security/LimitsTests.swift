import Foundation
import Testing

/// Size limits and the headers every response carries (issue 11).
@Suite("limits and security headers")
struct LimitsTests {
    @Test("a request head over 80 KiB is refused with 400 and the server goes on")
    func headerLimit() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let big = try HTTPReply.send(
            port: server.port, method: "GET", path: "/healthz", headers: ["X-Big": String(repeating: "a", count: 100_000)])
        #expect(big.status == 400)
        #expect(try server.get("/healthz", as: nil).status == 200)
    }

    @Test("every response, errors included, forbids script, sniffing, referrers, framing and caching")
    func headers() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        for reply in [
            try server.get("/healthz", as: nil), try server.get("/v1/people/sam", as: "crisis"),
            try server.get("/v1/people", as: nil), try server.get("/v1/nothing"),
        ] {
            #expect(reply.header("Content-Security-Policy")?.hasPrefix("default-src 'none';") == true)
            #expect(reply.header("Content-Security-Policy")?.contains("script-src") == false)
            #expect(reply.header("X-Content-Type-Options") == "nosniff")
            #expect(reply.header("Referrer-Policy") == "no-referrer")
            #expect(reply.header("X-Frame-Options") == "DENY")
            #expect(reply.header("Cache-Control") == "no-store")
            #expect(reply.header("Strict-Transport-Security") == nil)
        }
    }
}
