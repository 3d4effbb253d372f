import Logging

/// Writes lines exactly as swift-log's `StreamLogHandler` does, to standard error, but keeps
/// metadata as it is set and formats it only when a line is written.
///
/// The framework sets a request id on the logger of every request; `StreamLogHandler` formats
/// its whole metadata on each such set, which cost about 5 % of the service's CPU on an
/// unsigned `/healthz` under load — for lines that at the `info` level are never written.
struct LazyMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        stream = StreamLogHandler.standardError(label: label)
    }

    /// Writing to `output` instead of standard error.
    init(label: String, output: any TextOutputStream & Sendable) {
        stream = StreamLogHandler(label: label, stream: output, metadataProvider: nil)
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var writer = stream
        writer.metadata = metadata
        writer.log(event: event)
    }
}
