import CrisisPlan
import Foundation

/// The users file (`--users`, default `users.yaml`): each user's id, name, role and password
/// hash. Written only by `crisisplan user`, atomically and readable by its owner alone; read by
/// the server at start, on every reload, and when it changes on disk.
///
/// ```yaml
/// users:
///   - id: "alex"
///     name: "Alex Rowe"
///     role: crisis
///     password_hash: "$2b$12$…"
///     epoch: "9f1c…"                        # new on add, password and role changes
///     unlocked_at: "2026-11-28T16:30:00Z"   # only after `crisisplan user unlock`
/// ```
public struct UsersFile: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// A problem with the file, as `path:line:col: error: message`.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The users, in file order; a missing file has none.
    public func read() throws(Problem) -> [UserAccount] {
        guard exists else { return [] }
        let source: SourceFile
        switch FileReader.read(path) {
        case .success(let file): source = file
        case .failure(let problem): throw Problem(description: "\(path): error: \(problem)")
        }
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(source)
        } catch {
            throw Problem(description: error.summary)
        }
        guard let root else { return [] }
        return try Self.accounts(in: root, path: path)
    }

    private static func accounts(in root: YAMLNode, path: String) throws(Problem) -> [UserAccount] {
        func problem(_ message: String, _ mark: Mark) -> Problem {
            Problem(description: "\(path):\(mark.line):\(mark.column): error: \(message)")
        }
        guard case .mapping(let top) = root.content else { throw problem("expected a map with 'users:'", root.mark) }
        guard let list = top.first(where: { $0.key == "users" })?.value else { return [] }
        if case .scalar(let scalar) = list.content, scalar.text.isEmpty { return [] }
        guard case .sequence(let items) = list.content else { throw problem("'users' must be a list", list.mark) }
        var accounts: [UserAccount] = []
        var seen: Set<String> = []
        for item in items {
            guard case .mapping(let entries) = item.content else { throw problem("each user must be a map", item.mark) }
            func text(_ key: String, required: Bool = true) throws(Problem) -> String? {
                guard let entry = entries.first(where: { $0.key == key }) else {
                    if required { throw problem("user has no '\(key)'", item.mark) }
                    return nil
                }
                guard case .scalar(let scalar) = entry.value.content, !scalar.text.isEmpty else {
                    throw problem("'\(key)' must be text", entry.value.mark)
                }
                return scalar.text
            }
            let id = try text("id")!
            let roleText = try text("role")!
            guard let role = Role(rawValue: roleText) else {
                throw problem("unknown role '\(roleText)'; roles are \(Role.choices)", item.mark)
            }
            guard seen.insert(id).inserted else { throw problem("user '\(id)' is listed twice", item.mark) }
            let unlocked = try text("unlocked_at", required: false).flatMap(Timestamp.init(parsing:))
            accounts.append(
                UserAccount(
                    id: id, name: try text("name")!, role: role, passwordHash: try text("password_hash")!,
                    unlockedAt: unlocked, epoch: try text("epoch", required: false) ?? ""))
        }
        return accounts
    }

    /// Replaces the file whole: written beside it, flushed, then renamed over it, so a reader
    /// never sees half a file; mode 0600, as it holds password hashes.
    public func write(_ accounts: [UserAccount]) throws(Problem) {
        var text = "# crisisplan users: ids, names, roles and bcrypt password hashes (never passwords).\n"
        text += "# Change with `crisisplan user add|remove|passwd|role|unlock`.\n"
        text += accounts.isEmpty ? "users: []\n" : "users:\n"
        for account in accounts {
            text += "  - id: \(Self.quoted(account.id))\n"
            text += "    name: \(Self.quoted(account.name))\n"
            text += "    role: \(account.role.rawValue)\n"
            text += "    password_hash: \(Self.quoted(account.passwordHash))\n"
            if let unlocked = account.unlockedAt { text += "    unlocked_at: \(Self.quoted(unlocked.description))\n" }
            if !account.epoch.isEmpty { text += "    epoch: \(Self.quoted(account.epoch))\n" }
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw Problem(description: "\(path): error: cannot write: \(Self.errnoText())") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            let reason = Self.errnoText()
            unlink(temporary)
            throw Problem(description: "\(path): error: cannot write: \(reason)")
        }
    }

    /// A YAML double-quoted scalar: JSON's escapes are YAML's.
    private static func quoted(_ text: String) -> String {
        var json = JSONWriter()
        json.string(text)
        return json.text
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
