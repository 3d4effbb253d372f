import Foundation
import Testing

/// `--tls-cert` and `--tls-key`: HTTPS only, with `Strict-Transport-Security`; checked with
/// curl, as a browser would connect (skipped where openssl or curl is missing).
@Suite("serve over TLS")
struct TLSTests {
    static let tools = ["/usr/bin/openssl", "/usr/bin/curl"].allSatisfy(FileManager.default.isExecutableFile(atPath:))

    @Test("HTTPS answers with HSTS and the security headers; plain HTTP gets nothing", .enabled(if: tools))
    func https() throws {
        let folder = TemporaryFolder.make("tls")
        let made = try CommandRunner.run(
            [
                "-c",
                "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1",
            ], in: folder, executable: "/bin/sh")
        #expect(made.status == 0)
        let server = try ServerProcess(arguments: ["--tls-cert", "cert.pem", "--tls-key", "key.pem"], in: folder)
        defer { server.stop() }
        #expect(server.startLine.hasPrefix("crisisplan serve: listening on https://127.0.0.1:"))
        let curl = try CommandRunner.run(
            ["-sk", "-D", "-", "-o", "/dev/null", "https://127.0.0.1:\(server.port)/healthz"], executable: "/usr/bin/curl")
        #expect(curl.stdout.hasPrefix("HTTP/1.1 200"))
        #expect(curl.stdout.lowercased().contains("strict-transport-security: max-age=31536000"))
        #expect(curl.stdout.lowercased().contains("cache-control: no-store"))
        #expect(throws: (any Error).self) { _ = try server.get("/healthz", as: nil) }
    }
}
