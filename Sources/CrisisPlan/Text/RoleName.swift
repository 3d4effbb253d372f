/// A legal role as the engine compares it: `Nearest relative`, `nearest-relative` and
/// `NEAREST_RELATIVE` are `nearest_relative`. A flag that consults a role finds its holders
/// however the plan's author spelled it, so a nearest relative on the do-not-contact list is
/// never missed for a space or a capital.
enum RoleName {
    static func normalized(_ text: String) -> String {
        let folded = TextNormalizer.normalize(text)
        return String(folded.map { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "\u{2013}" ? "_" : $0 })
    }

    /// How roles are compared: letters and digits only, a note in brackets and a plural `s`
    /// set aside — `Nearest Relative (MHA s26)`, `nearest.relative`, `nearestrelative` and
    /// `nearest_relatives` are all `nearest_relative`.
    static func key(_ role: String) -> String {
        var text = Substring(role)
        if let open = text.firstIndex(of: "(") { text = text[..<open] }
        var key = String(TextNormalizer.normalize(String(text)).filter { $0.isLetter || $0.isNumber })
        if key.hasSuffix("s"), key.count > 3 { key.removeLast() }
        return key
    }
}
