import CrisisPlan
import Foundation

/// Reads `--observations FILE` (or `-` for standard input).
enum ObservationInput {
    /// The file's text (standard input for `-`), read up to the limit; the caller decodes it.
    static func read(_ path: String) throws(BadInput) -> SourceFile {
        if path == "-" { return FileReader.standardInput(named: "<stdin>") }
        switch FileReader.read(path, allowingPipes: true) {
        case .success(let read): return read
        case .failure(.missing), .failure(.unreadable):
            throw BadInput("error: cannot read the observations file '\(path)'")
        case .failure(let problem):
            throw BadInput("error: the observations file '\(path)' \(problem.description)")
        }
    }
}
