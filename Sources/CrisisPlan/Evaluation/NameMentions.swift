import Foundation

/// Finds the people of a plan that a text names (SPEC v3 §10.7): their whole name as
/// consecutive words (normalised), or their first name as a whole word, written with the same
/// letters and case, when no one else in the plan — the person included — has that first name.
/// So "Ask Dev to come" names Dev Shah, and "mark my words" never names Mark.
struct NameMentions: Sendable {
    private let fullNames: [[Substring]]
    private let firstNames: [String?]

    init(people: PlanPeople, personName: String) {
        fullNames = people.entries.map { RedFlagMatcher.words(of: $0.name) }
        let firsts = people.entries.map { Self.asWritten($0.name).first.map(String.init) }
        var counts: [String: Int] = [:]
        for first in firsts.compactMap({ $0 }) + [Self.asWritten(personName).first.map(String.init)].compactMap({ $0 }) {
            counts[first, default: 0] += 1
        }
        firstNames = firsts.map { first in first.flatMap { counts[$0] == 1 ? $0 : nil } }
    }

    /// The entries of `PlanPeople` the text names, in plan order.
    func entries(namedIn text: String) -> [Int] {
        let words = RedFlagMatcher.words(of: text)
        let written = Self.asWritten(text)
        return fullNames.indices.filter { index in
            let name = fullNames[index]
            if !name.isEmpty, name.count <= words.count,
                (0...(words.count - name.count)).contains(where: { start in
                    name.indices.allSatisfy { words[start + $0] == name[$0] }
                })
            {
                return true
            }
            if let first = firstNames[index] { return written.contains { $0 == first } }
            return false
        }
    }

    /// The runs of letters and digits of the text after NFKC, case kept.
    private static func asWritten(_ text: String) -> [Substring] {
        // ASCII is its own NFKC form: no Foundation round trip for the common case (this runs
        // for every response of every plan on each load).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return RedFlagMatcher.asciiWords(of: text) }
        return text.precomposedStringWithCompatibilityMapping.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }
}
