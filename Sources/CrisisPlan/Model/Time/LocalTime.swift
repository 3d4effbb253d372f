import Foundation

/// Wall-clock time in the policy's time zone (an IANA name; summer time applies), for contact
/// hours. Built once per policy.
public struct LocalTime: Sendable {
    public static let defaultZone = "Europe/London"

    /// A moment as the clock on the wall shows it.
    public struct Reading: Sendable, Hashable {
        public var date: CalendarDate
        /// 0 = Monday … 6 = Sunday.
        public var weekday: Int
        /// Minutes after local midnight.
        public var minute: Int
    }

    private static let databaseNames = Set(TimeZone.knownTimeZoneIdentifiers)

    public let identifier: String
    private let zone: TimeZone

    /// `nil` for a name the time-zone database does not list (never a fallback to UTC).
    /// Foundation also takes abbreviations and offsets — "BST" as Bangladesh time, "GMT+1"
    /// with no summer time — which would show a day team open in the night: only the
    /// database's own names (and `UTC`) are time zones here.
    public init?(identifier: String) {
        guard identifier == "UTC" || Self.databaseNames.contains(identifier),
            let zone = TimeZone(identifier: identifier)
        else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// Seconds east of UTC at an instant.
    public func offset(at seconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    public func reading(_ time: Timestamp) -> Reading {
        let local = time.seconds + Int64(offset(at: time.seconds))
        let days = Int((local - Self.floorMod(local, 86_400)) / 86_400)
        return Reading(
            date: CalendarDate(daysSinceEpoch: days), weekday: Self.weekday(daysSinceEpoch: days),
            minute: Int(Self.floorMod(local, 86_400) / 60))
    }

    /// The instant a local date and minute name (the offset in force then).
    public func instant(date: CalendarDate, minute: Int) -> Timestamp {
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(minute) * 60
        let guess = local - Int64(offset(at: local))
        return Timestamp(seconds: local - Int64(offset(at: guess)))
    }

    /// RFC 3339 with the local offset: `2026-11-30T09:00:00+00:00`.
    public func rfc3339(_ time: Timestamp) -> String {
        let offset = offset(at: time.seconds)
        let shifted = Timestamp(seconds: time.seconds + Int64(offset)).description.dropLast()
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return shifted + sign + Self.twoDigits(minutes / 60) + ":" + Self.twoDigits(minutes % 60)
    }

    static func weekday(daysSinceEpoch days: Int) -> Int {
        // 1970-01-01 was a Thursday.
        Int(floorMod(Int64(days) + 3, 7))
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
