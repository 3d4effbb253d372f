import PropertyBased
import Testing

@testable import CrisisPlan

/// Every observation's time is read by `Timestamp(parsing:)`, which keeps only times whose UTC
/// year is 0001–9999 (so that every time printed can be read back) and tests that bound on the
/// seconds rather than by working out the date. Around the ends of that range, in every zone,
/// the reading must agree with the date worked out in full.
@Suite("A time is read exactly when its UTC year is 0001 to 9999")
struct TimestampPropertyTests {
    static let years = [0, 1, 2, 1969, 1970, 2026, 9998, 9999]
    static let days = [(1, 1), (12, 31), (2, 28), (2, 29), (6, 15)]
    static let zones: [(text: String, seconds: Int64)] = [
        ("Z", 0), ("z", 0), ("+01:00", 3_600), ("-01:00", -3_600), ("+23:59", 86_340), ("-23:59", -86_340),
        ("+00:30", 1_800),
    ]

    @Test("read when the UTC year is in range, at the seconds the text names, and printed back as read")
    func readWithinRange() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 8...8)) { choices in
            var c = ChoiceStream(choices)
            let year = Self.years[c.next(Self.years.count)]
            let (month, day) = Self.days[c.next(Self.days.count)]
            let (hour, minute) = ([0, 12, 23][c.next(3)], [0, 30, 59][c.next(3)])
            let zone = Self.zones[c.next(Self.zones.count)]
            let text =
                Digits.padded(year, 4) + "-" + Digits.padded(month, 2) + "-" + Digits.padded(day, 2) + "T"
                + Digits.padded(hour, 2) + ":" + Digits.padded(minute, 2) + ":00" + zone.text
            let parsed = Timestamp(parsing: text)
            guard let date = CalendarDate(year: year, month: month, day: day) else {
                #expect(parsed == nil, "\(text)")
                return
            }
            let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3_600 + minute * 60) - zone.seconds
            let inRange = (1...9999).contains(Timestamp(seconds: seconds).utcDate.year)
            #expect((parsed != nil) == inRange, "\(text)")
            if let parsed {
                #expect(parsed.seconds == seconds, "\(text)")
                #expect(Timestamp(parsing: parsed.description) == parsed, "\(text)")
            }
        }
    }

    @Test("the first and last second of the range are read; the seconds beside them are not")
    func edges() {
        #expect(Timestamp(parsing: "0001-01-01T00:00:00Z") != nil)
        #expect(Timestamp(parsing: "0001-01-01T00:59:59+01:00") == nil)
        #expect(Timestamp(parsing: "9999-12-31T23:59:59Z") != nil)
        #expect(Timestamp(parsing: "9999-12-31T23:00:00-01:00") == nil)
    }

    @Test("a time is written in twenty bytes exactly when its UTC year is 0000 to 9999")
    func fourDigitYears() async {
        let ends = [Int64(-62_167_219_200), -62_135_596_800, 253_402_300_799]
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 2...2)) { choices in
            var c = ChoiceStream(choices)
            let time = Timestamp(seconds: ends[c.next(ends.count)] + Int64(c.next(200_001)) - 100_000)
            #expect(time.hasFourDigitYear == (0...9999).contains(time.utcDate.year), "\(time.seconds)")
        }
    }
}
