import CrisisPlan

/// A new version of a plan that drops someone from its do-not-contact list is not served
/// until an admin confirms it: a half-written file that still passes `check` must never
/// silently put back on the route someone the person said must not be contacted.
///
/// An entry is lost when no entry of the new version has its id or, for entries without ids,
/// its normalised name or its confusable skeleton.
enum DoNotContactHold {
    /// The names of the entries of `served` that `next` no longer has.
    static func lost(from served: Plan, in next: Plan) -> [String] {
        let ids = Set(next.doNotContact.compactMap(\.id))
        let names = Set(next.doNotContact.map { TextNormalizer.normalize($0.name) })
        let skeletons = Set(next.doNotContact.map { ConfusableSkeleton.of($0.name) })
        return served.doNotContact.filter { entry in
            if let id = entry.id { return !ids.contains(id) }
            return !names.contains(TextNormalizer.normalize(entry.name))
                && !skeletons.contains(ConfusableSkeleton.of(entry.name))
        }.map(\.name)
    }

    /// What the admin is told, in `stale_plans` and the log.
    static func message(_ lost: [String], person: String) -> String {
        "the new version removes do-not-contact "
            + (lost.count == 1 ? "entry '\(lost[0])'" : "entries " + lost.map { "'\($0)'" }.joined(separator: ", "))
            + "; the earlier version is served until an admin confirms it (POST /v1/admin/reload with {\"confirm\": [\"\(person)\"]})"
    }
}
