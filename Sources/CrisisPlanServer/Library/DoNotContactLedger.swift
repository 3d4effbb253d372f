import CrisisPlan
import Foundation

/// The do-not-contact list last confirmed for each person, kept in the audit store beside the
/// chains (`ConfirmedList`).
///
/// Held in memory only, a confirmation would die with the process: a plan file that lost an
/// entry while the service was down would be served without it after a restart, and another
/// instance would never know. With the lists in the store, every instance compares each plan
/// file with what was last confirmed, at start-up and at every reload. A list is kept when it
/// is first served, and again whenever a served list changes (entries added, or a removal an
/// admin confirmed). Kept beside the chains rather than in them: a chain holds what was asked
/// and answered, one record per request.
struct DoNotContactLedger: Sendable {
    /// One entry as confirmed: enough to recognise it in a later file (`DoNotContactHold`),
    /// and to keep it in the answers while its removal waits for an admin.
    struct Entry: Sendable, Equatable {
        var id: String?
        var name: String
        var reason: String?
        /// `path:line` of the entry in the file it was confirmed from.
        var source: String

        /// The entry as a plan holds it, at the place it was confirmed from.
        var planEntry: DoNotContactEntry {
            let colon = source.lastIndex(of: ":")
            let line = colon.flatMap { Int(source[source.index(after: $0)...]) } ?? 1
            let file = colon.map { String(source[..<$0]) } ?? source
            return DoNotContactEntry(
                id: id, name: name, relation: nil, reason: reason, roles: [],
                source: SourceLocation(file: file, line: line))
        }
    }

    /// Per person id, the list last confirmed.
    private(set) var lists: [String: [Entry]] = [:]
    /// The time of the newest record read: a later read asks only for records from then on.
    private var readUpTo: String?

    init() {}

    /// Reads the lists kept since the last read (all of them the first time); the newest list
    /// of a person wins.
    mutating func refresh(from store: any AuditStore) async throws {
        for kept in try await store.confirmedLists(since: readUpTo) {
            lists[kept.person] = Self.read(kept.list)
            if readUpTo.map({ kept.time > $0 }) ?? true { readUpTo = kept.time }
        }
    }

    /// The entries a kept list holds (an unreadable list holds none).
    static func read(_ list: String) -> [Entry] {
        guard let items = try? JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]] else { return [] }
        return items.compactMap { item in
            guard let name = item["name"] as? String else { return nil }
            return Entry(
                id: item["id"] as? String, name: name, reason: item["reason"] as? String,
                source: item["source"] as? String ?? "")
        }
    }

    /// A list as the store keeps it.
    static func written(_ list: [Entry]) -> String {
        let items: [[String: Any]] = list.map { entry in
            var item: [String: Any] = ["name": entry.name, "source": entry.source]
            if let id = entry.id { item["id"] = id }
            if let reason = entry.reason { item["reason"] = reason }
            return item
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The people served whose list is not the one last confirmed (or who have none yet, and
    /// a list), with their list now; each is then taken as confirmed.
    mutating func changes(in library: ServedLibrary) -> [(person: String, list: [Entry])] {
        var changed: [(person: String, list: [Entry])] = []
        for person in library.people where person.stale == nil {
            let list = person.plan.doNotContact.map(Entry.init)
            guard list != (lists[person.id] ?? []) else { continue }
            lists[person.id] = list
            changed.append((person.id, list))
        }
        return changed
    }

    /// One person's list, to keep.
    static func kept(person: String, list: [Entry], instance: String, now: Timestamp) -> ConfirmedList {
        ConfirmedList(time: AuditEvent.time(now), instance: instance, person: person, list: written(list))
    }
}

extension DoNotContactLedger.Entry {
    /// An entry of a plan, as the ledger keeps it.
    init(_ entry: DoNotContactEntry) {
        self.init(id: entry.id, name: entry.name, reason: entry.reason, source: entry.source.pathAndLine)
    }
}
