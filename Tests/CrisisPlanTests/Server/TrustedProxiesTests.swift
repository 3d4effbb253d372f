import Foundation
import Testing

@testable import CrisisPlanServer

/// Behind a proxy every request comes from the proxy: `--trusted-proxy` says whose
/// `X-Forwarded-For` to believe, so lock-outs and audit records count the person at the
/// browser — and nobody else's header can choose the address they are counted under.
@Suite("trusted proxies and X-Forwarded-For")
struct TrustedProxiesTests {
    static let proxies = try! TrustedProxies(["10.0.0.0/8", "192.0.2.10", "2001:db8:1::/48"])

    @Test("ranges hold their addresses, in IPv4 and IPv6, to the bit")
    func ranges() {
        #expect(Self.proxies.contains("10.255.0.1"))
        #expect(!Self.proxies.contains("11.0.0.1"))
        #expect(Self.proxies.contains("192.0.2.10"))
        #expect(!Self.proxies.contains("192.0.2.11"))
        #expect(Self.proxies.contains("2001:db8:1:ffff::1"))
        #expect(!Self.proxies.contains("2001:db8:2::1"))
        #expect(!Self.proxies.contains("not an address"))
        let odd = try! TrustedProxies(["198.51.100.0/25"])
        #expect(odd.contains("198.51.100.127"))
        #expect(!odd.contains("198.51.100.128"))
    }

    @Test("the client is the right-most address that is not a trusted proxy, and only from a trusted peer")
    func client() {
        // A peer that is not trusted: its header is ignored.
        #expect(Self.proxies.client(peer: "203.0.113.5", forwardedFor: ["198.51.100.1"]) == "203.0.113.5")
        // From a trusted proxy: the right-most untrusted entry; what the client wrote further
        // left is not believed.
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.1"]) == "198.51.100.1")
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["1.2.3.4", "198.51.100.1, 10.1.1.1"]) == "198.51.100.1")
        // Ports and brackets are not part of the address.
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["198.51.100.1:5000"]) == "198.51.100.1")
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["[2001:db8:9::1]:443"]) == "2001:db8:9::1")
        // No header, only trusted proxies in it, or something that is not an address.
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: []) == "10.0.0.2")
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["10.0.0.3, 192.0.2.10"]) == "10.0.0.3")
        #expect(Self.proxies.client(peer: "10.0.0.2", forwardedFor: ["198.51.100.1, unknown"]) == "10.0.0.2")
        // Without --trusted-proxy nothing is believed.
        #expect(try! TrustedProxies([]).client(peer: "10.0.0.2", forwardedFor: ["198.51.100.1"]) == "10.0.0.2")
    }

    @Test("a range that is not one is refused at start, named")
    func badRanges() {
        for (typed, message) in [
            ("10.0.0.0/33", "error: --trusted-proxy '10.0.0.0/33': the prefix length must be 0 to 32"),
            ("proxy.example", "error: --trusted-proxy takes CIDR ranges like 10.0.0.0/8 or 2001:db8::/32; found 'proxy.example'"),
            ("2001:db8::/129", "error: --trusted-proxy '2001:db8::/129': the prefix length must be 0 to 128"),
        ] {
            #expect(throws: StartFailure.self) { try TrustedProxies([typed]) }
            do {
                _ = try TrustedProxies([typed])
            } catch {
                #expect(error.message == message)
            }
        }
    }

    @Test("over a real socket: the audit record names the client the trusted proxy saw; without the option, the peer")
    func recorded() throws {
        for (arguments, expected) in [
            (["--trusted-proxy", "127.0.0.0/8"], "198.51.100.7"), ([], "127.0.0.1"),
        ] {
            let server = try ServerProcess(arguments: arguments)
            let token = try server.token("crisis")
            let reply = try HTTPReply.send(
                port: server.port, method: "GET", path: "/v1/people/sam",
                headers: ["Authorization": "Bearer \(token)", "X-Forwarded-For": "203.0.113.66, 198.51.100.7"])
            #expect(reply.status == 200)
            server.stop()
            let records = try server.audit(["list", "--json"]).stdout
            let read = records.split(separator: "\n").filter { $0.contains(#""action":"people.read""#) }
            #expect(read.count == 1)
            #expect(read.first?.contains(#""client":"\#(expected)""#) == true, "\(read)")
            let logs = server.logs()
            #expect(
                logs.contains(
                    arguments.isEmpty
                        ? "X-Forwarded-For is not read (no --trusted-proxy): each client is the address that connected"
                        : "X-Forwarded-For names the client when the peer is a trusted proxy"))
        }
    }
}
