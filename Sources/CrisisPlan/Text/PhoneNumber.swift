/// Whether a phone field is one telephone number, and the number to dial: digits, spaces,
/// `+`, `-` and brackets only, with 3 to 15 digits (999 to an international number). Anything
/// else ("ask reception", two numbers) is shown as text and reported by `analyze`.
public enum PhoneNumber {
    public static func dialable(_ phone: String) -> String? {
        let allowed = phone.unicodeScalars.allSatisfy { scalar in
            ("0"..."9").contains(scalar) || " +-()".unicodeScalars.contains(scalar)
        }
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        guard allowed, (3...15).contains(digits.count), !phone.dropFirst().contains("+") else { return nil }
        return (phone.hasPrefix("+") ? "+" : "") + digits
    }
}

extension PhoneNumber {
    /// The number a phone field reaches, for telling whether two entries reach one phone: its
    /// digits, a UK number's international forms (`+44 7700 900654`, `0044…`, `+44 (0)7700…`)
    /// written as dialled at home (`07700900654`). `nil` for text that is not one number, and
    /// for short numbers (999, 111), which many entries share without being one person.
    public static func key(_ phone: String) -> String? {
        guard let dialable = dialable(phone) else { return nil }
        var digits = Substring(dialable.hasPrefix("+") ? "00" + dialable.dropFirst() : dialable)
        if digits.hasPrefix("0044") {
            digits = digits.dropFirst(4)
            // "+44 (0)7700…": the trunk zero written in brackets after the country code.
            if digits.hasPrefix("0") { digits = digits.dropFirst() }
            digits = "0" + digits
        }
        return digits.count >= 6 ? String(digits) : nil
    }
}
