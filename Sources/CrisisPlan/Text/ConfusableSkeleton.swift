internal import CICUSkeleton

/// A name's Unicode confusable skeleton (UTS #39, by ICU's spoof checker): two names with the
/// same skeleton look alike, so `Mark Tayl\u{43E}r` (Cyrillic о) is Mark Taylor (SPEC v2 §3
/// "Look-alikes"). Taken of the normalised text, so case, spacing and invisible characters are
/// already gone; ICU then maps each character to its prototype (`о` → `o`, `l` → `l`, `rn` → `m`).
public enum ConfusableSkeleton {
    public static func of(_ text: String) -> String {
        let units = Array(TextNormalizer.normalize(text).utf16)
        var capacity = units.count * 4 + 16
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let written = Int(crisisplan_confusable_skeleton(units, Int32(units.count), &out, Int32(capacity)))
            if written < 0 { return TextNormalizer.normalize(text) }
            if written <= capacity { return String(decoding: out.prefix(written), as: UTF16.self) }
            capacity = written
        }
    }
}
