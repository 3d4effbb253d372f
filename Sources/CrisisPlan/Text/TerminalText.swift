/// Text made safe to print on a terminal (issue 9): every control character — C0 (ESC, BEL,
/// carriage return…), DEL, C1, and the bidirectional overrides that reorder what is shown — is
/// written visibly as `\u{1B}`, so no plan, observation or error can clear the screen, retitle
/// the window, hide a link or make one line look like another.
public enum TerminalText {
    /// `keepingLineBreaks`: `\n` stays a line break (for messages this program composed of
    /// several lines); otherwise it too is shown as `\u{A}`.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLineBreaks) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepingLineBreaks) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !keepingLineBreaks
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
