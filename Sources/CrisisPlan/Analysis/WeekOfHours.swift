/// The 168 hours of a week, Monday 00:00 first, each read at its start in local time, for
/// finding an hour at which no one on a route answers. Judged by the same hours code an
/// answer uses; holidays are dates, not days of the week, so they play no part in a week.
enum WeekOfHours {
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The first hour of the week at which the route is not open, by `RouteOpenness`; `nil`
    /// when it is open at every one.
    static func firstClosedHour(of route: [ContactLine]) -> Int? {
        (0..<(7 * 24)).first { hour in
            // The date only matters for holidays; 1970-01-05 was a Monday.
            let reading = LocalTime.Reading(
                date: CalendarDate(daysSinceEpoch: 4 + hour / 24), weekday: hour / 24, minute: hour % 24 * 60)
            return !RouteOpenness.isOpen(route) { $0.isOpen(at: reading, holidays: []) }
        }
    }

    /// `Wednesday 03:00`.
    static func name(of hour: Int) -> String {
        let clock = hour % 24
        return dayNames[hour / 24] + " " + (clock < 10 ? "0" : "") + "\(clock):00"
    }
}
