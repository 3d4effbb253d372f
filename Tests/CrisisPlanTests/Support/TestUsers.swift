import Foundation

/// One user of each role, made once per test run with `crisisplan user add` (as an admin
/// would), in a users file the test servers share. Their ids are their roles.
enum TestUsers {
    static let password = "correct horse battery"
    static let roles = ["crisis", "trainer", "governance", "admin"]

    static let file: String = {
        let folder = TemporaryFolder.make("users")
        let path = folder + "/users.yaml"
        let names = ["crisis": "Casey Morgan", "trainer": "Tari Okafor", "governance": "Gwen Hale", "admin": "Ada Quinn"]
        for role in roles {
            let result = try? CommandRunner.run(
                ["user", "add", role, "--name", names[role]!, "--role", role, "--password-stdin", "--users", path],
                stdin: password + "\n")
            precondition(result?.status == 0, "user add failed: \(result?.stderr ?? "")")
        }
        return path
    }()
}

/// A new empty folder under the system's temporary folder.
enum TemporaryFolder {
    static func make(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "crisisplan-\(name)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
