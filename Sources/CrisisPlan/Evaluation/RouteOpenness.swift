/// Whether anyone on a stage's route can be called at a moment: the one rule behind
/// `route_open` in an answer and behind `analyze`'s walk through the week, so the two never
/// disagree.
enum RouteOpenness {
    /// An empty route cannot be called; a route where no one gives hours can; otherwise someone
    /// with hours must be open then — a contact without hours is not known to be open. Hours
    /// written that cannot be read are hours never known to be open: a team whose hours are
    /// unreadable is never taken as the route that can be called at night.
    /// `isOpen` says whether hours are open at the moment in question.
    static func isOpen(_ route: [ContactLine], _ isOpen: (ContactHours) -> Bool) -> Bool {
        if route.isEmpty { return false }
        guard route.contains(where: { $0.hours != nil || $0.hoursUnreadable }) else { return true }
        return route.contains { line in line.hours.map(isOpen) ?? false }
    }
}
