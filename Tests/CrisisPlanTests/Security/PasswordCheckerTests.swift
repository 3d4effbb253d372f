import Synchronization
import Testing

@testable import CrisisPlanServer

/// A sign-in flood from one address cannot stall anyone else's sign-in.
@Suite("password checks are bounded per address and shared fairly")
struct PasswordCheckerTests {
    @Test("a password is checked whole: one past bcrypt's 72 bytes never signs in, even when its first 72 match")
    func longPasswordRefused() async throws {
        let checker = PasswordChecker(threads: 1)
        let stored = PasswordChecker.hash(String(repeating: "A", count: 72))
        #expect(try await checker.matches(String(repeating: "A", count: 72), hash: stored, client: "203.0.113.9"))
        #expect(try await !checker.matches(String(repeating: "A", count: 72) + "-wrong", hash: stored, client: "203.0.113.9"))
    }

    @Test("user add refuses a password longer than bcrypt checks, saying why")
    func userAddRefusesLongPassword() throws {
        let folder = TemporaryFolder.make("long-password")
        let result = try CommandRunner.run(
            ["user", "add", "longpw", "--name", "L", "--role", "crisis", "--password-stdin", "--users", folder + "/users.yaml"],
            in: folder, stdin: String(repeating: "A", count: 72) + "-real-secret\n")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: the password must be at most 72 bytes (72 plain letters, fewer with accents or other scripts); the rest would not be checked\n"
        )
    }

    @Test("one address: 2 running and 4 waiting, the seventh turned away at once; another address is served next")
    func floodFromOneAddress() async throws {
        let checker = PasswordChecker(threads: 1)
        let finished = Names()
        let turnedAway = Names()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<7 {
                group.addTask {
                    do {
                        _ = try await checker.matches("guess", hash: nil, client: "203.0.113.5")
                        finished.add("flood-\(index)")
                    } catch {
                        turnedAway.add("flood-\(index)")
                    }
                }
            }
            group.addTask {
                // Sent while the flood is queued.
                try? await Task.sleep(for: .milliseconds(50))
                finished.add("colleague-sent")
                _ = try? await checker.matches("guess", hash: nil, client: "198.51.100.20")
                finished.add("colleague")
            }
        }
        #expect(turnedAway.all.count == 1)
        let order = finished.all
        #expect(order.count == 8)
        // Round-robin by address: once sent, the colleague waits behind at most the check
        // running and one more from the flooding address (however many finished before it was
        // sent, which depends on how busy the machine is).
        let sent = try #require(order.firstIndex(of: "colleague-sent"))
        let position = try #require(order.firstIndex(of: "colleague"))
        #expect(position - sent - 1 <= 2, "\(order)")
    }
}

/// Names in the order they were added, from any task.
private final class Names: Sendable {
    private let names = Mutex<[String]>([])
    func add(_ name: String) { names.withLock { $0.append(name) } }
    var all: [String] { names.withLock { $0 } }
}
