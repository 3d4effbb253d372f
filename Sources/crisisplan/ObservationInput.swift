import CrisisPlan
import Foundation

/// Reads `--observations FILE` (or `-` for standard input).
enum ObservationInput {
    /// The timeline, and the text it was read from (so that errors can quote the line).
    static func read(_ path: String) throws(BadInput) -> (timeline: ObservationTimeline, source: SourceFile) {
        let source: SourceFile
        if path == "-" {
            source = SourceFile(path: "<stdin>", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        } else {
            guard let read = RulesDirectory.read(path) else {
                throw BadInput("error: cannot read the observations file '\(path)'")
            }
            source = read
        }
        do {
            return (try ObservationDecoder.decode(source), source)
        } catch {
            throw BadInput(error.diagnostics, sources: [source])
        }
    }
}
