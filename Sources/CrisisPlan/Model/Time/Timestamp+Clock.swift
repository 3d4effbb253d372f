#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Timestamp {
    /// The system clock: "now" when a request names no time.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int32(spec.tv_nsec))
    }

    /// Milliseconds since 1970, for measuring intervals.
    public var milliseconds: Int64 {
        seconds * 1000 + Int64(nanoseconds) / 1_000_000
    }
}
