import CrisisPlan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The evaluation time: the `--at` option when given, else the system clock.
enum Clock {
    static func now(_ typed: String?) throws -> Timestamp {
        if let typed { return try parse(typed) }
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int32(spec.tv_nsec))
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
