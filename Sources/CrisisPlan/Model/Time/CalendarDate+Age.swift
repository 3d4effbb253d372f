extension CalendarDate {
    /// The same day `years` later; 29 February becomes 1 March in a year without it (the
    /// birthday English law counts for a person born on 29 February).
    func addingYears(_ years: Int) -> CalendarDate? {
        CalendarDate(year: year + years, month: month, day: day)
            ?? CalendarDate(year: year + years, month: 3, day: 1)
    }

    /// Whole years from this date (a birth date) to `date`.
    func age(on date: CalendarDate) -> Int {
        date.year - year - ((date.month, date.day) < (month, day) ? 1 : 0)
    }
}
