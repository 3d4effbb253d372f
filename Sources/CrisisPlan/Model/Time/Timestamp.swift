/// An instant, read from RFC 3339 text with a zone (`2026-11-24T10:30:00Z`).
///
/// Held as whole seconds since 1970-01-01T00:00:00Z plus nanoseconds, so comparisons and
/// differences are exact. Printed in UTC as `YYYY-MM-DDThh:mm:ssZ` (SPEC §6).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let seconds: Int64
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`; `nil` for anything else, including
    /// a time without a zone, which would be ambiguous.
    public init?(parsing text: String) {
        // The bytes read in place: a copy into an array was an allocation per time read, and
        // every observation carries one or more.
        guard let parsed = text.withUTF8Bytes(Self.parse) else { return nil }
        self = parsed
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = Digits.value(b, 0..<4), let month = Digits.value(b, 5..<7),
            let day = Digits.value(b, 8..<10), let hour = Digits.value(b, 11..<13),
            let minute = Digits.value(b, 14..<16), let second = Digits.value(b, 17..<19),
            let date = CalendarDate(year: year, month: month, day: day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var nanos = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, let digit = Digits.value(b, index..<(index + 1)) {
                if index - start < 9 { nanos = nanos * 10 + digit }
                index += 1
            }
            guard index > start else { return nil }
            for _ in 0..<max(0, 9 - (index - start)) { nanos *= 10 }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                let hours = Digits.value(b, (index + 1)..<(index + 3)),
                let minutes = Digits.value(b, (index + 4)..<(index + 6)), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        // Kept within years 0001-9999 after the zone, so every time printed can be read back.
        guard Self.readable.contains(local - Int64(offset)) else { return nil }
        return Timestamp(seconds: local - Int64(offset), nanoseconds: Int32(nanos))
    }

    /// The seconds of 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z: the UTC year of a
    /// time is within 0001-9999 exactly when its seconds are, without working out its date.
    static let readable: ClosedRange<Int64> = {
        let first = CalendarDate(year: 1, month: 1, day: 1)?.daysSinceEpoch ?? 0
        let last = CalendarDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch ?? 0
        return Int64(first) * 86_400...Int64(last) * 86_400 + 86_399
    }()

    /// The UTC calendar date of this instant.
    public var utcDate: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((seconds - Self.floorMod(seconds, 86_400)) / 86_400))
    }

    public var description: String {
        // Written byte by byte: answers carry several times each, and this is on the hot path.
        guard !hasFourDigitYear else { return String(unsafeUninitializedCapacity: 20) { write(to: $0) } }
        let secondOfDay = Int(Self.floorMod(seconds, 86_400))
        return utcDate.description + "T" + Digits.padded(secondOfDay / 3600, 2) + ":"
            + Digits.padded(secondOfDay / 60 % 60, 2) + ":" + Digits.padded(secondOfDay % 60, 2) + "Z"
    }

    /// Whether `description` is the 20 bytes `write(to:)` writes (years 0–9999), told by the
    /// seconds: answers write several times each.
    var hasFourDigitYear: Bool { Self.fourDigitYears.contains(seconds) }
    /// The seconds of 0000-01-01T00:00:00Z through 9999-12-31T23:59:59Z: `readable` and the
    /// 366 days of the year 0, a leap year in the proleptic Gregorian calendar.
    static let fourDigitYears: ClosedRange<Int64> = readable.lowerBound - 366 * 86_400...readable.upperBound
    static let writtenCount = 20

    /// Writes the 20 bytes of `YYYY-MM-DDTHH:MM:SSZ` for a year 0–9999; returns 20.
    func write(to buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let secondOfDay = Int(Self.floorMod(seconds, 86_400))
        let date = utcDate
        func put(_ value: Int, _ width: Int, at offset: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(date.year, 4, at: 0)
        put(date.month, 2, at: 5)
        put(date.day, 2, at: 8)
        put(secondOfDay / 3600, 2, at: 11)
        put(secondOfDay / 60 % 60, 2, at: 14)
        put(secondOfDay % 60, 2, at: 17)
        (buffer[4], buffer[7], buffer[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
        (buffer[13], buffer[16], buffer[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
        return 20
    }

    /// Whether at most `duration` has passed from `earlier` to `self` (true when `self` is
    /// earlier still), exactly to the nanosecond.
    ///
    /// Works in whole seconds plus a nanosecond remainder, so no combination of times (years
    /// 0000 to 9999) and durations (up to 999,999,999 weeks) can overflow.
    public func isWithin(_ duration: PolicyDuration, of earlier: Timestamp) -> Bool {
        var elapsed = seconds - earlier.seconds
        var remainder = Int64(nanoseconds) - Int64(earlier.nanoseconds)
        if remainder < 0 {
            elapsed -= 1
            remainder += 1_000_000_000
        }
        return elapsed < duration.seconds || (elapsed == duration.seconds && remainder == 0)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    private static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
