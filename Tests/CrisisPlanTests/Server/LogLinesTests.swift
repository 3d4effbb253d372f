import Logging
import Synchronization
import Testing

@testable import CrisisPlanCLI

/// The service's log lines, which operators read and ship: formatted only when written, but
/// exactly as swift-log's stream handler writes them.
@Suite("Log lines")
struct LogLinesTests {
    final class Lines: TextOutputStream, Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        var written: String { text.withLock { $0 } }
    }

    /// One line logged with request metadata set on the logger and metadata of its own.
    static func line(_ make: (Lines) -> any LogHandler) -> String {
        let lines = Lines()
        var logger = Logger(label: "crisisplan.serve") { _ in make(lines) }
        logger.logLevel = .info
        logger[metadataKey: "hb.request.id"] = "2a"
        logger[metadataKey: "people"] = "5000"
        logger.debug("not written at info")
        logger.info("library loaded", metadata: ["milliseconds": "12"])
        // The time stamp (to the second) is left out of the comparison.
        return String(lines.written.drop { $0 != " " })
    }

    @Test("a line reads as the stream handler writes it, metadata sorted, nothing below the level")
    func sameAsStreamHandler() {
        let lazy = Self.line { LazyMetadataLogHandler(label: "crisisplan.serve", output: $0) }
        let stream = Self.line { StreamLogHandler(label: "crisisplan.serve", stream: $0, metadataProvider: nil) }
        #expect(lazy == stream)
        #expect(lazy.hasPrefix(" info crisisplan.serve: hb.request.id=2a milliseconds=12 people=5000 ["))
        #expect(lazy.hasSuffix("] library loaded\n"))
    }
}
