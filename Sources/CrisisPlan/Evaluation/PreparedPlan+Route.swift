extension PreparedPlan {
    /// The person's own route at a stage, in order, each contact once, without anyone on the
    /// do-not-contact list (by id, or by a name that looks like theirs). What an answer starts
    /// from, and what `analyze` walks through the week.
    func route(forStage stage: String) -> [ContactLine] {
        var route: [ContactLine] = []
        for entry in plan.route(forStage: stage)?.contacts ?? [] {
            guard let contact = plan.contact(entry.text), !blockedIds.contains(Self.idKey(contact.id)),
                !Self.looks(contact.name, skeletons, undisguised).contains(where: blockedNames.contains),
                !route.contains(where: { $0.id == contact.id })
            else { continue }
            route.append(ContactLine(contact, statutory: false))
        }
        return route
    }
}
