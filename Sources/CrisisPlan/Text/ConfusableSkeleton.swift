internal import CICUSkeleton

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
/// A capital `I` typed for `l` (`Mark TayIor`) is the same disguise; but case is folded first,
/// so `TAYIOR` and `tayior` must look alike too. So `i` and `l` are one letter to a look: a
/// skeleton writes both as `l`. Two names that differ only there are taken as one person —
/// the careful reading, where the other is someone reached who must not be.
public enum ConfusableSkeleton {
    public static func of(_ text: String) -> String {
        let normalized = TextNormalizer.normalize(prototypesOutsideASCII(text))
        let look = skeleton(normalized) ?? normalized
        guard look.utf8.contains(UInt8(ascii: "i")) else { return look }
        return String(look.map { $0 == "i" ? "l" : $0 })
    }

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
