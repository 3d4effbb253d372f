/// A legal role as the engine compares it: `Nearest relative`, `nearest-relative` and
/// `NEAREST_RELATIVE` are `nearest_relative`. A flag that consults a role finds its holders
/// however the plan's author spelled it, so a nearest relative on the do-not-contact list is
/// never missed for a space or a capital.
enum RoleName {
    static func normalized(_ text: String) -> String {
        let folded = TextNormalizer.normalize(text)
        return String(folded.map { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "\u{2013}" ? "_" : $0 })
    }
}
