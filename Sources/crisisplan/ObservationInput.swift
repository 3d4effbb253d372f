import CrisisPlan
import Foundation

/// Reads `--observations FILE` (or `-` for standard input).
enum ObservationInput {
    /// The timeline, and the text it was read from (so that errors can quote the line).
    static func read(_ path: String) throws(BadInput) -> (timeline: ObservationTimeline, source: SourceFile) {
        let source: SourceFile
        if path == "-" {
            source = FileReader.standardInput(named: "<stdin>")
        } else {
            switch FileReader.read(path, allowingPipes: true) {
            case .success(let read): source = read
            case .failure(.missing), .failure(.unreadable):
                throw BadInput("error: cannot read the observations file '\(path)'")
            case .failure(let problem):
                throw BadInput("error: the observations file '\(path)' \(problem.description)")
            }
        }
        do {
            return (try ObservationDecoder.decode(source), source)
        } catch {
            throw BadInput(error.diagnostics, sources: [source])
        }
    }
}
