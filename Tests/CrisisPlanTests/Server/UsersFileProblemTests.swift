import Foundation
import Logging
import Synchronization
import Testing

@testable import CrisisPlanServer

/// A users file that no longer reads (a half-saved edit) keeps the users read before, and the
/// operator is told once — not every second while it stays broken, and not never.
@Suite("a users file that does not read")
struct UsersFileProblemTests {
    final class Lines: Sendable {
        let logged = Mutex<[(Logger.Level, String)]>([])
    }

    /// Keeps every line logged, by level.
    struct Captured: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let problem = event.metadata?["problem"].map { " \($0)" } ?? ""
            lines.logged.withLock { $0.append((event.level, "\(event.message)\(problem)")) }
        }
    }

    @Test("the previous users stay, and one error names the problem at its line")
    func loggedOnce() throws {
        let folder = TemporaryFolder.make("users-problem")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = UsersFile(path: folder + "/users.yaml")
        try file.write([UserAccount(id: "ada", name: "Ada Test", role: .admin, passwordHash: "unused")])
        let lines = Lines()
        let handler = Captured(lines: lines)
        let users = UserDirectory(file: file, logger: Logger(label: "test") { _ in handler })
        try users.reload()

        try "users: [\n  garbage: : :\n".write(toFile: file.path, atomically: false, encoding: .utf8)
        users.refreshIfChanged()
        users.refreshIfChanged()
        #expect(users.account("ada") != nil)
        let logged = lines.logged.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?.0 == .error)
        #expect(logged.first?.1.hasPrefix("the users file has a problem; the users read before stay \(file.path):2:") == true)

        // Mended, it is read again; broken again, it is logged again.
        try file.write([UserAccount(id: "bo", name: "Bo Test", role: .crisis, passwordHash: "unused")])
        users.refreshIfChanged()
        #expect(users.account("ada") == nil)
        #expect(users.account("bo") != nil)
        try "users:\n  - id: [\n".write(toFile: file.path, atomically: false, encoding: .utf8)
        users.refreshIfChanged()
        users.refreshIfChanged()
        #expect(users.account("bo") != nil)
        #expect(lines.logged.withLock { $0.count } == 2)
    }
}
