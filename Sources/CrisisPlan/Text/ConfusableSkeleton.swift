internal import CICUSkeleton
import Foundation

/// A name's Unicode confusable skeleton (UTS #39, by ICU's spoof checker): two names with the
/// same skeleton look alike, so `Mark Tayl\u{43E}r` (Cyrillic о) is Mark Taylor (SPEC v2 §3
/// "Look-alikes"). Taken of the normalised text, so case, spacing and invisible characters are
/// already gone; ICU then maps each character to its prototype (`о` → `o`, `l` → `l`, `rn` → `m`).
///
/// A capital outside ASCII is mapped first, as written, before case is folded: Cyrillic `М`
/// looks like `M`, but its lower case `м` looks like no Latin letter, so folding first would let
/// `Мark Taylor` past Mark Taylor's do-not-contact entry. ASCII is left as typed in that first
/// step (ICU reads a capital `I` as `l`, and "Ian" must still be "ian").
///
/// ASCII has disguises of its own that a skeleton of the folded text cannot see without
/// merging real names (Nell and Neil, Carl and Cari): `undisguised(_:)` is a second look, kept
/// beside this one, and two names look alike when either look of one is either look of the
/// other (`looks(of:)`).
public enum ConfusableSkeleton {
    public static func of(_ text: String) -> String {
        let normalized = TextNormalizer.normalize(prototypesOutsideASCII(text))
        return skeleton(normalized) ?? normalized
    }

    /// The look of a name with ASCII disguises undone: a capital `I` after a small letter is
    /// an `l` (`Mark TayIor`, `Lee WaIker` — in capitals, I and L do not look alike); digits
    /// in a word with letters are the letters they stand for (`Tayl0r`, `5teve`, `L3e`);
    /// `vv` is `w`; and spaces and hyphens inside the name do not count (`Mar k Tay-lor`).
    public static func undisguised(_ text: String) -> String {
        undisguised(text, plain: nil)
    }

    /// As above, given the name's skeleton when it is known: a name with no disguise to undo
    /// (most) needs no second call to ICU.
    static func undisguised(_ text: String, plain: String?) -> String {
        let undone = undoingDisguises(text)
        // Spaces and hyphens left out, and `vv` read as `w`, in one pass.
        var compact = ""
        for character in undone == text ? plain ?? of(text) : of(undone) where character != " " && character != "-" && character != "\u{2010}" {
            if character == "v", compact.last == "v" {
                compact.removeLast()
                compact.append("w")
            } else {
                compact.append(character)
            }
        }
        return compact
    }

    /// The text with its ASCII disguises undone, case kept: a capital `I` after a small letter
    /// is `l`, and digits in a word with letters are the letters they stand for.
    static func undoingDisguises(_ text: String) -> String {
        var undone = ""
        var previous: Character = " "
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !undone.isEmpty { undone.append(" ") }
            previous = " "
            let hasLetter = word.contains { $0.isASCII && $0.isLetter }
            for character in word {
                var read = character
                if character == "I", previous.isASCII, previous.isLowercase { read = "l" }
                if hasLetter, let letter = digitLetters[character] { read = letter }
                undone.append(read)
                previous = character
            }
        }
        return undone
    }

    /// Both looks of a name, for comparing it with others.
    public static func looks(of text: String) -> [String] {
        let plain = of(text)
        let undone = undisguised(text, plain: plain)
        return undone == plain ? [plain] : [plain, undone]
    }

    /// Digits as the letters they are typed for.
    private static let digitLetters: [Character: Character] = [
        "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
    ]

    /// Each run of characters outside ASCII replaced by its skeleton, case kept; ASCII as is.
    static func prototypesOutsideASCII(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            out += skeleton(run) ?? run
            run = ""
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                flush()
                out.unicodeScalars.append(scalar)
            } else {
                run.unicodeScalars.append(scalar)
            }
        }
        flush()
        return out
    }

    /// ICU's skeleton of the text as given; nil when ICU reports an error.
    private static func skeleton(_ text: String) -> String? {
        let units = Array(text.utf16)
        var capacity = units.count * 4 + 16
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let written = Int(crisisplan_confusable_skeleton(units, Int32(units.count), &out, Int32(capacity)))
            if written < 0 { return nil }
            if written <= capacity { return String(decoding: out.prefix(written), as: UTF16.self) }
            capacity = written
        }
    }
}
