import Foundation

/// Text made safe inside XML and HTML elements and attribute values (JUnit reports, the
/// standalone plan page).
///
/// `'` becomes `&#39;`, which both languages read; control characters other than tab and
/// line breaks, which XML 1.0 forbids, become spaces.
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
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

extension MarkupEscaping {
    /// The person's text as Markdown shows it, literally: HTML is escaped (so `<script>` or
    /// `<img onerror>` stay text), and every character Markdown gives a meaning — emphasis,
    /// links, code, headings, tables, a list marker at the start — is backslash-escaped.
    static func markdown(_ text: String) -> String {
        var out = ""
        for character in TerminalText.visible(text.replacingOccurrences(of: "\n", with: " ")) {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "~", "!", "{", "}":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        if let first = out.first, "-+".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), dot != out.startIndex {
            out.insert("\\", at: dot)
        }
        return out
    }
}
