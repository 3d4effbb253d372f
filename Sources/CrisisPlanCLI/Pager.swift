import Foundation

/// Long text on a terminal goes through a pager, as git does, so an answer's first screen —
/// the emergency, who to keep away, the person's own responses — is what the worker sees,
/// not its last lines.
///
/// The pager is `$CRISISPLAN_PAGER`, else `$PAGER`, else `less -FRX`. Never when the output is
/// not a terminal, with `--no-pager`, with `TERM=dumb`, when the chosen variable is set but
/// empty, or when the text fits the window; when the pager cannot start the text is printed
/// directly; a pager closed early (`q`) is not an error.
enum Pager {
    static func print(_ text: String, allowed: Bool) {
        guard allowed, let command = command(), needsPaging(text), start(command, text) else {
            Swift.print(text, terminator: "")
            return
        }
    }

    /// The pager to use, or nil when paging is off.
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment, isTerminal: Bool = isatty(STDOUT_FILENO) != 0)
        -> String?
    {
        guard isTerminal, environment["TERM"] != "dumb" else { return nil }
        let chosen = environment["CRISISPLAN_PAGER"] ?? environment["PAGER"] ?? "less -FRX"
        let trimmed = chosen.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "cat" else { return nil }
        return trimmed
    }

    /// Whether the text is taller than the window (24 rows when the size is unknown).
    private static func needsPaging(_ text: String) -> Bool {
        var size = winsize()
        let rows = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
        return text.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count >= rows
    }

    /// Runs the pager through the shell with the text on its standard input; false when it
    /// could not be started (its program is not on the PATH), so the caller prints instead.
    private static func start(_ command: String, _ text: String) -> Bool {
        let program = command.split(separator: " ").first.map(String.init) ?? command
        guard isRunnable(program) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            return false
        }
        // A pager quit before reading everything closes the pipe: that is not an error.
        signal(SIGPIPE, SIG_IGN)
        let bytes = Array(text.utf8)
        var written = 0
        let descriptor = pipe.fileHandleForWriting.fileDescriptor
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            written += count
        }
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }

    /// Whether `program` is a path to an executable or found on the PATH.
    private static func isRunnable(_ program: String) -> Bool {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
