import CrisisPlan

/// The evaluation time: the `--at` option when given, else the system clock.
enum Clock {
    static func now(_ typed: String?) throws -> Timestamp {
        if let typed { return try parse(typed) }
        return Timestamp.now()
    }

    /// A typed `--at`, or exit 2.
    static func parse(_ typed: String) throws -> Timestamp {
        guard let time = Timestamp(parsing: typed) else {
            throw UsageFailure(
                message: "error: --at takes a time with a zone, like 2026-11-24T10:30:00Z; found '\(typed)'")
        }
        return time
    }
}
