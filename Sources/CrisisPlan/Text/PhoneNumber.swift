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
