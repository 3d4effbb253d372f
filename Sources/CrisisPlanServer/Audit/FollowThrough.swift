import CrisisPlan
import Foundation

/// How often the plan was followed, read back from the audit log: each "What did you do?"
/// (`page.feedback`) and each record system's card feedback (`cds.feedback`), counted per
/// person, per flag the answer raised, and per kind of card — with the reasons when not. An
/// answer or a card reported more than once counts once, as its newest report says.
struct FollowThrough: Sendable {
    struct Row: Sendable {
        var key: String
        var reported = 0
        var followed = 0
        var other = 0
        var reasonCounts: [String: Int] = [:]
        var comments: [String] = []
        // Stored, not computed: templates read stored properties only.
        /// "Could not reach the contact ×2, Immediate safety ×1".
        var reasons = ""
        var followedShare = "—"

        mutating func add(followed: Bool, reason: String?, comment: String?) {
            reported += 1
            if followed {
                self.followed += 1
            } else {
                other += 1
                reasonCounts[reason ?? "no reason given", default: 0] += 1
                if let comment, comments.count < 5 { comments.append(comment) }
            }
            reasons = reasonCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            followedShare = "\(self.followed * 100 / reported)%"
        }
    }

    var people: [Row] = []
    var flags: [Row] = []
    var cards: [Row] = []
    var total = 0

    /// From audit records newest first; `labels` turns a reason id into the policy's words.
    init(_ entries: [AuditEntry], labels: [String: String]) {
        var people: [String: Row] = [:]
        var flags: [String: Row] = [:]
        var cards: [String: Row] = [:]
        func label(_ id: String?) -> String? { id.map { labels[$0] ?? $0 } }
        // One report per answer and per card: the newest (entries come newest first) — a
        // page refreshed, a form sent again or a choice corrected is not another report.
        var answers: Set<String> = []
        var reportedCards: Set<String> = []
        for entry in entries {
            guard let object = try? JSONSerialization.jsonObject(with: Data(entry.record.utf8)) as? [String: Any] else {
                continue
            }
            switch object["action"] as? String {
            case "page.feedback":
                guard let outcome = object["outcome"] as? String else { continue }
                if let answer = object["answer"] as? String, !answers.insert(answer).inserted { continue }
                let followed = outcome == "followed"
                let reason = label(object["reason"] as? String)
                let comment = (object["comment"] as? String).map { TerminalText.visible($0) }
                let person = TerminalText.visible(entry.person ?? "-")
                people[person, default: Row(key: person)].add(followed: followed, reason: reason, comment: comment)
                let raised = object["flags"] as? [String] ?? []
                for flag in raised.isEmpty ? ["(no flag)"] : raised.map({ TerminalText.visible($0) }) {
                    flags[flag, default: Row(key: flag)].add(followed: followed, reason: reason, comment: comment)
                }
                total += 1
            case "cds.feedback":
                for item in object["feedback"] as? [[String: Any]] ?? [] {
                    if let card = item["card"] as? String, !reportedCards.insert(card).inserted { continue }
                    let followed = item["outcome"] as? String == "accepted"
                    let reason = label(item["reason"] as? String)
                    let comment = (item["comment"] as? String).map { TerminalText.visible($0) }
                    let person = TerminalText.visible(item["person"] as? String ?? "-")
                    let about = TerminalText.visible(item["about"] as? String ?? "-")
                    let kind = about.split(separator: ":").first.map(String.init) ?? about
                    people[person, default: Row(key: person)].add(followed: followed, reason: reason, comment: comment)
                    cards[kind, default: Row(key: kind)].add(followed: followed, reason: reason, comment: comment)
                    total += 1
                }
            default:
                continue
            }
        }
        self.people = people.values.sorted { NaturalOrder.precedes($0.key, $1.key) }
        self.flags = flags.values.sorted { $0.key < $1.key }
        self.cards = cards.values.sorted { $0.key < $1.key }
    }
}
