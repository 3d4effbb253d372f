import Foundation
import Testing

/// Size limits and the headers every response carries (issue 11).
@Suite("limits and security headers")
struct LimitsTests {
    @Test("a malformed chunked body is the client's error: 400, never 500; and a page's error is a page")
    func malformedChunks() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let token = try server.token("crisis")
        for path in ["/v1/people/sam/respond", "/people/sam/answer"] {
            let socket = try HTTPReply.connect(port: server.port)
            defer { close(socket) }
            let head =
                "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
            try HTTPReply.write(socket, Array(head.utf8))
            let reply = try HTTPReply.read(socket)
            #expect(reply.status == 400, "\(path)")
            if path.hasPrefix("/v1") {
                #expect(reply.body.hasPrefix(#"{"error":{"code":"bad-request""#))
            } else {
                #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true)
            }
        }
        #expect(try server.get("/healthz", as: nil).status == 200)
    }

    @Test("a connection that sends no request head is closed within seconds; one address holds at most 256")
    func halfOpenConnections() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let silent = try HTTPReply.connect(port: server.port)
        defer { close(silent) }
        let started = Date()
        var byte: UInt8 = 0
        let read = recv(silent, &byte, 1, 0)
        #expect(read == 0)
        #expect(Date().timeIntervalSince(started) < 20)

        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        for _ in 0..<256 { held.append(try HTTPReply.connect(port: server.port, from: "127.0.0.3")) }
        let refused = try HTTPReply.connect(port: server.port, from: "127.0.0.3")
        defer { close(refused) }
        #expect(recv(refused, &byte, 1, 0) == 0)
        // Another address is served all the while.
        #expect(try HTTPReply.send(port: server.port, method: "GET", path: "/healthz", from: "127.0.0.4").status == 200)
    }

    @Test("a request head over 80 KiB is refused with 400 and the server goes on")
    func headerLimit() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let big = try HTTPReply.send(
            port: server.port, method: "GET", path: "/healthz", headers: ["X-Big": String(repeating: "a", count: 100_000)])
        #expect(big.status == 400)
        #expect(try server.get("/healthz", as: nil).status == 200)
    }

    @Test("a request the HTTP layer cannot read is answered with a request id and the security headers too")
    func unreadableRequests() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let heads = [
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
            "NOT HTTP AT ALL\r\n\r\n",
        ]
        var ids: Set<String> = []
        for head in heads {
            let socket = try HTTPReply.connect(port: server.port)
            defer { close(socket) }
            try HTTPReply.write(socket, Array(head.utf8))
            let reply = try HTTPReply.read(socket)
            #expect(reply.status == 400, "\(head.prefix(30))")
            let id = reply.header("X-Request-Id") ?? ""
            #expect(!id.isEmpty, "\(head.prefix(30))")
            ids.insert(id)
            #expect(reply.header("Content-Security-Policy")?.hasPrefix("default-src 'none';") == true)
            #expect(reply.header("X-Content-Type-Options") == "nosniff")
            #expect(reply.header("Cache-Control") == "no-store")
        }
        #expect(ids.count == heads.count)
        // The caller's own id, on a response the service writes, is kept as before.
        let echoed = try server.get("/healthz", as: nil, headers: ["X-Request-Id": "desk-42"])
        #expect(echoed.header("X-Request-Id") == "desk-42")
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
