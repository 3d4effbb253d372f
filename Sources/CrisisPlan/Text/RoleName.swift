/// A legal role as the engine compares it: `Nearest relative`, `nearest-relative` and
/// `NEAREST_RELATIVE` are `nearest_relative`. A flag that consults a role finds its holders
/// however the plan's author spelled it, so a nearest relative on the do-not-contact list is
/// never missed for a space or a capital.
enum RoleName {
    static func normalized(_ text: String) -> String {
        let folded = TextNormalizer.normalize(text)
        return String(folded.map { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "\u{2013}" ? "_" : $0 })
    }

    /// How roles are compared: letters and digits only, and a plural `s` set aside —
    /// `nearest.relative`, `nearestrelative` and `nearest_relatives` are `nearest_relative`.
    static func key(_ role: String) -> String {
        var key = String(TextNormalizer.normalize(role).filter { $0.isLetter || $0.isNumber })
        if key.hasSuffix("s"), key.count > 3 { key.removeLast() }
        return key
    }

    /// Whether a role as a plan writes it is the role a flag consults: the same key, or one
    /// that holds it with a note around it (`Nearest Relative (MHA s26)`, `(MHA) nearest
    /// relative`, `s26 nearest relative`).
    static func holds(_ written: String, _ consulted: String) -> Bool {
        let consultedKey = key(consulted)
        return !consultedKey.isEmpty && key(written).contains(consultedKey)
    }
}
