import ArgumentParser
import CrisisPlan
import CrisisPlanServer
import Foundation

/// `crisisplan user add|remove|passwd|role|unlock`: who may sign in to `crisisplan serve`.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, remove or unlock a user of the service (the users file holds bcrypt hashes, never passwords).",
        subcommands: [Add.self, Remove.self, Passwd.self, RoleChange.self, Unlock.self])

    struct UsersFileOption: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The users file.", valueName: "FILE"))
        var users = "users.yaml"

        var file: UsersFile { UsersFile(path: users) }

        func read() throws -> [UserAccount] {
            do {
                return try file.read()
            } catch {
                throw UsageFailure(message: error.description)
            }
        }

        func write(_ accounts: [UserAccount]) throws {
            do {
                try file.write(accounts)
            } catch {
                throw UsageFailure(message: error.description)
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is asked for (or read from standard input), never an argument.")

        @Argument(help: "The user's id: letters, digits, '.', '_', '-' or '@'.")
        var id: String

        @Option(name: .long, help: "The user's name, as colleagues know them.")
        var name: String

        @Option(name: .long, help: ArgumentHelp("What they may do: \(Role.choices).", valueName: "ROLE"))
        var role: String

        @ArgumentParser.Flag(name: .long, help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @OptionGroup var usersFile: UsersFileOption

        func run() throws {
            guard (1...64).contains(id.count), id.unicodeScalars.allSatisfy(Self.isIDCharacter) else {
                throw UsageFailure(
                    message: "error: '\(id)' is not a user id: use 1 to 64 letters, digits, '.', '_', '-' or '@'")
            }
            guard let role = Role(rawValue: role) else {
                throw UsageFailure(message: "error: unknown role '\(role)'; roles are \(Role.choices)")
            }
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw UsageFailure(message: "error: --name must not be empty") }
            var accounts = try usersFile.read()
            guard !accounts.contains(where: { $0.id == id }) else {
                throw UsageFailure(message: "error: user '\(id)' already exists in \(usersFile.users); remove them first")
            }
            let password = try PasswordInput.read(for: id, fromStandardInput: passwordStdin)
            accounts.append(UserAccount(id: id, name: name, role: role, passwordHash: PasswordChecker.hash(password)))
            try usersFile.write(accounts)
            print("added \(id) (\(role.rawValue)) to \(usersFile.users)")
        }

        private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-@".unicodeScalars.contains(scalar))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user; their tokens stop working within a second of the file changing.")

        @Argument(help: "The user's id.")
        var id: String

        @OptionGroup var usersFile: UsersFileOption

        func run() throws {
            var accounts = try usersFile.read()
            guard accounts.contains(where: { $0.id == id }) else {
                throw UsageFailure(message: "error: no user '\(id)' in \(usersFile.users)")
            }
            accounts.removeAll { $0.id == id }
            try usersFile.write(accounts)
            print("removed \(id) from \(usersFile.users)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Set a user's password; every token and session they hold stops working.")

        @Argument(help: "The user's id.")
        var id: String

        @ArgumentParser.Flag(name: .long, help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @OptionGroup var usersFile: UsersFileOption

        func run() throws {
            var accounts = try usersFile.read()
            guard let index = accounts.firstIndex(where: { $0.id == id }) else {
                throw UsageFailure(message: "error: no user '\(id)' in \(usersFile.users)")
            }
            let password = try PasswordInput.read(for: id, fromStandardInput: passwordStdin)
            accounts[index].passwordHash = PasswordChecker.hash(password)
            accounts[index].epoch = UserAccount.newEpoch()
            try usersFile.write(accounts)
            print("changed the password of \(id); their earlier sessions have ended")
        }
    }

    struct RoleChange: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Change a user's role; every token and session they hold stops working.")

        @Argument(help: "The user's id.")
        var id: String

        @Argument(help: ArgumentHelp("The new role: \(Role.choices).", valueName: "ROLE"))
        var role: String

        @OptionGroup var usersFile: UsersFileOption

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw UsageFailure(message: "error: unknown role '\(role)'; roles are \(Role.choices)")
            }
            var accounts = try usersFile.read()
            guard let index = accounts.firstIndex(where: { $0.id == id }) else {
                throw UsageFailure(message: "error: no user '\(id)' in \(usersFile.users)")
            }
            accounts[index].role = role
            accounts[index].epoch = UserAccount.newEpoch()
            try usersFile.write(accounts)
            print("\(id) is now \(role.rawValue); their earlier sessions have ended")
        }
    }

    /// A new password, asked for twice on the terminal with echo off, or read from standard input.
    enum PasswordInput {
        static let minimumLength = 8

        static func read(for id: String, fromStandardInput: Bool) throws -> String {
            let password = try typed(for: id, fromStandardInput: fromStandardInput)
            guard password.count >= minimumLength else {
                throw UsageFailure(message: "error: the password must be at least \(minimumLength) characters")
            }
            // bcrypt reads no further than its 72nd byte: a longer password's tail would protect nothing.
            guard password.utf8.count <= PasswordChecker.maximumBytes else {
                throw UsageFailure(
                    message:
                        "error: the password must be at most \(PasswordChecker.maximumBytes) bytes (\(PasswordChecker.maximumBytes) plain letters, fewer with accents or other scripts); the rest would not be checked"
                )
            }
            return password
        }

        private static func typed(for id: String, fromStandardInput: Bool) throws -> String {
            if fromStandardInput {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw UsageFailure(message: "error: --password-stdin: standard input held no password")
                }
                return line
            }
            guard isatty(STDIN_FILENO) != 0 else {
                throw UsageFailure(
                    message: "error: no terminal to ask for the password on; pass --password-stdin and send it on standard input")
            }
            let first = prompt("Password for \(id): ")
            let second = prompt("Again: ")
            guard first == second else { throw UsageFailure(message: "error: the two passwords differ; nothing was changed") }
            return first
        }

        /// Asks on the terminal with echo off.
        private static func prompt(_ text: String) -> String {
            FileHandle.standardError.write(Data(text.utf8))
            var settings = termios()
            tcgetattr(STDIN_FILENO, &settings)
            var silent = settings
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &settings)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a lock-out after failed sign-ins, from every address, at once.")

        @Argument(help: "The user's id.")
        var id: String

        @OptionGroup var usersFile: UsersFileOption

        func run() throws {
            var accounts = try usersFile.read()
            guard let index = accounts.firstIndex(where: { $0.id == id }) else {
                throw UsageFailure(message: "error: no user '\(id)' in \(usersFile.users)")
            }
            accounts[index].unlockedAt = Timestamp.now()
            try usersFile.write(accounts)
            print("unlocked \(id)")
        }
    }
}
