import CrisisPlan

/// A new version of a plan that drops someone from its do-not-contact list is not served
/// until an admin confirms it: a half-written file that still passes `check` must never
/// silently put back on the route someone the person said must not be contacted.
///
/// An entry is lost when no entry of the new version has its id or, for entries without ids,
/// its normalised name or its confusable skeleton.
enum DoNotContactHold {
    /// The entries of `confirmed` that `next` no longer has.
    static func lost(from confirmed: [DoNotContactLedger.Entry], in next: Plan) -> [DoNotContactLedger.Entry] {
        let ids = Set(next.doNotContact.compactMap(\.id))
        let names = Set(next.doNotContact.map { TextNormalizer.normalize($0.name) })
        let skeletons = Set(next.doNotContact.map { ConfusableSkeleton.of($0.name) })
        return confirmed.filter { entry in
            if let id = entry.id { return !ids.contains(id) }
            return !names.contains(TextNormalizer.normalize(entry.name))
                && !skeletons.contains(ConfusableSkeleton.of(entry.name))
        }
    }

    /// What the admin is told, in `stale_plans` and the log: the earlier version is served
    /// (`keptVersion`), or — when this process never served it (a restart) — the new one with
    /// the entries kept.
    static func message(_ lost: [DoNotContactLedger.Entry], person: String, keptVersion: Bool) -> String {
        let names = lost.map(\.name)
        let what = names.count == 1 ? "entry '\(names[0])'" : "entries " + names.map { "'\($0)'" }.joined(separator: ", ")
        let confirm = "until an admin confirms it (POST /v1/admin/reload with {\"confirm\": [\"\(person)\"]})"
        return keptVersion
            ? "the new version removes do-not-contact \(what); the earlier version is served \(confirm)"
            : "the plan file no longer has the confirmed do-not-contact \(what); the new version is served with "
                + (names.count == 1 ? "it" : "them") + " kept \(confirm)"
    }
}
