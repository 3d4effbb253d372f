import Foundation

/// When a contact answers (`hours:` on a contact, SPEC v3 §10.12): `24h`, or weekly windows
/// in the policy's time zone such as `Mon-Fri 09:00-17:00`. A closed team is then shown as
/// closed, and a route with no one open can be made to add a 24-hour contact.
public enum ContactHours: Sendable, Hashable {
    case always
    case windows([Window])

    /// One weekly window: the days it covers and `[start, end)` in minutes after midnight.
    public struct Window: Sendable, Hashable {
        /// Days, 0 = Monday … 6 = Sunday.
        public var days: Set<Int>
        public var start: Int
        public var end: Int
    }

    public static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// What `hours` takes, for error messages.
    public static let expectedForm =
        "24h, or weekly windows like \"Mon-Fri 09:00-17:00\" or [\"Mon-Fri 09:00-17:00\", \"Sat 10:00-14:00\"] (days Mon to Sun, a range or a single day; 24-hour HH:MM; a window may not cross midnight - write two)"

    /// The hours as a plan writes them: `24h`, or `Mon-Fri 09:00-17:00, Sat 10:00-14:00`.
    public var written: String {
        switch self {
        case .always: return "24h"
        case .windows(let windows):
            return windows.map { window in
                var runs: [String] = []
                var day = 0
                while day < 7 {
                    guard window.days.contains(day) else {
                        day += 1
                        continue
                    }
                    var last = day
                    while last + 1 < 7, window.days.contains(last + 1) { last += 1 }
                    runs.append(last == day ? Self.dayNames[day] : Self.dayNames[day] + "-" + Self.dayNames[last])
                    day = last + 1
                }
                let time = { (minutes: Int) in
                    String(format: "%02d:%02d", minutes / 60, minutes % 60)
                }
                return runs.joined(separator: ",") + " " + time(window.start) + "-" + time(window.end)
            }.joined(separator: ", ")
        }
    }

    /// Parses the texts of `hours` (one string, or a list of them); the problem otherwise.
    public static func parse(_ texts: [String]) -> Result<ContactHours, FactValueError> {
        if texts.count == 1, texts[0].trimmingSpaces.lowercased() == "24h" { return .success(.always) }
        var windows: [Window] = []
        for text in texts {
            guard let window = Window(parsing: text) else {
                return .failure(FactValueError("'hours' cannot be '\(text)'; write \(expectedForm)"))
            }
            windows.append(window)
        }
        guard !windows.isEmpty else { return .failure(FactValueError("'hours' is empty; write \(expectedForm)")) }
        return .success(.windows(windows))
    }
}

extension ContactHours.Window {
    /// `Mon-Fri 09:00-17:00`, `Sat 10:00-14:00`, `Fri-Mon 20:00-24:00`.
    init?(parsing text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let dayParts = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let timeParts = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(dayParts.count), timeParts.count == 2,
            let first = ContactHours.dayNames.firstIndex(where: { $0.lowercased() == dayParts[0].lowercased() }),
            let last = ContactHours.dayNames.firstIndex(where: {
                $0.lowercased() == dayParts[dayParts.count - 1].lowercased()
            }),
            let start = Self.minutes(timeParts[0]), let end = Self.minutes(timeParts[1]), start < end, start < 24 * 60
        else { return nil }
        var days: Set<Int> = [first]
        var day = first
        while day != last {
            day = (day + 1) % 7
            days.insert(day)
        }
        self.init(days: days, start: start, end: end)
    }

    /// `HH:MM`, 00:00 to 24:00.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
            hours <= 24, minutes < 60, hours < 24 || minutes == 0
        else { return nil }
        return hours * 60 + minutes
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension ContactHours {
    /// Whether the contact answers at a local time; on a holiday only `24h` does.
    public func isOpen(at time: LocalTime.Reading, holidays: Set<CalendarDate>) -> Bool {
        switch self {
        case .always: return true
        case .windows(let windows):
            if holidays.contains(time.date) { return false }
            return windows.contains { $0.days.contains(time.weekday) && $0.start <= time.minute && time.minute < $0.end }
        }
    }

    /// The next window start after a local time (within three weeks), as a local date and minute.
    public func nextOpening(
        after time: LocalTime.Reading, holidays: Set<CalendarDate>
    ) -> (date: CalendarDate, weekday: Int, minute: Int)? {
        guard case .windows(let windows) = self else { return nil }
        for ahead in 0..<21 {
            let date = CalendarDate(daysSinceEpoch: time.date.daysSinceEpoch + ahead)
            if holidays.contains(date) { continue }
            let weekday = (time.weekday + ahead) % 7
            let starts = windows.filter { $0.days.contains(weekday) }.map(\.start)
                .filter { ahead > 0 || $0 > time.minute }
            if let start = starts.min() { return (date, weekday, start) }
        }
        return nil
    }
}
