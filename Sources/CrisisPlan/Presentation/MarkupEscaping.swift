/// Text made safe inside XML and HTML elements and attribute values (JUnit reports, the
/// standalone plan page).
///
/// `'` becomes `&#39;`, which both languages read; control characters other than tab and
/// line breaks, which XML 1.0 forbids, become spaces.
enum MarkupEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case let c where c.value < 0x20 && c != "\n" && c != "\t" && c != "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
