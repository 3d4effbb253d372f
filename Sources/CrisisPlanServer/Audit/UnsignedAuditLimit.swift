import Synchronization

/// Requests that are not signed in are recorded at most 60 a minute per client address; the
/// rest of that minute's are counted, and the count is recorded once: with the address's next
/// record, or — when the address has gone quiet — by `UnrecordedCountRecorder` after the minute
/// ends, so a flood that stops still leaves its size in the log. Anyone may send them, so
/// without a bound they could fill the audit store — and a full store stops every lookup, by
/// design.
final class UnsignedAuditLimit: Sendable {
    static let perMinute = 60

    enum Decision: Equatable {
        /// Record it; `suppressed` requests from this address went unrecorded before it.
        case record(suppressed: Int)
        case skip
    }

    private struct Window {
        var minute: Int64
        var recorded = 0
        var suppressed = 0
    }
    private let windows = Mutex<[String: Window]>([:])

    func decide(client: String, now seconds: Int64) -> Decision {
        let minute = seconds / 60
        let key = ClientAddress.key(client)
        return windows.withLock { windows in
            var window = windows[key] ?? Window(minute: minute)
            var carried = 0
            if window.minute != minute {
                carried = window.suppressed
                window = Window(minute: minute)
            }
            defer {
                windows[key] = window
                // Bounded: an address space sweep cannot grow the table without end.
                if windows.count > 100_000 { windows = windows.filter { $0.value.minute == minute } }
            }
            guard window.recorded < Self.perMinute else {
                window.suppressed += 1
                return .skip
            }
            window.recorded += 1
            return .record(suppressed: carried)
        }
    }

    /// The counts of minutes before `minute` not yet recorded, by address, each taken out so
    /// that it is recorded once: here, or carried by `decide`, never both.
    func drain(before minute: Int64) -> [(client: String, count: Int)] {
        windows.withLock { windows in
            let ended = windows.filter { $0.value.minute < minute && $0.value.suppressed > 0 }
            for key in ended.keys { windows[key]?.suppressed = 0 }
            return ended.map { (client: $0.key, count: $0.value.suppressed) }.sorted { $0.client < $1.client }
        }
    }
}
