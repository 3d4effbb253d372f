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
    /// The number a phone field reaches, for telling whether two entries reach one phone,
    /// however it is written: its digits, whatever punctuation or words are around them
    /// (`07700.900.654`, `tel:07700900654`, `Mobile 07700 900654`, `07700 900654 (mobile)`),
    /// an extension left off (`ext 2`, `x2`), and a UK number's international forms (`+44 7700
    /// 900654`, `(+44) 7700…`, `0044…`, `+44 (0)7700…`) written as dialled at home
    /// (`07700900654`). `nil` for short numbers (999, 111), which many entries share without
    /// being one person, and for text with too few digits to be a number.
    public static func key(_ phone: String) -> String? {
        var digits = ""
        var international = false
        var previous: Character = " "
        for character in phone {
            // An extension, or a second number after `;` `,` `#`, ends the number.
            if ";,#".contains(character) || (previous == " " && (character == "x" || character == "X")) { break }
            if (character == "e" || character == "E") && !digits.isEmpty { break }
            if character == "+" && digits.isEmpty {
                international = true
            } else if character.isNumber, let value = character.wholeNumberValue {
                digits.append(Character(String(value)))
            }
            previous = character
        }
        if international { digits = "00" + digits }
        if digits.hasPrefix("0044") {
            var national = digits.dropFirst(4)
            // "+44 (0)7700…": the trunk zero written in brackets after the country code.
            if national.hasPrefix("0") { national = national.dropFirst() }
            digits = "0" + national
        } else if digits.hasPrefix("44"), digits.count == 12 {
            digits = "0" + digits.dropFirst(2)
        }
        return digits.count >= 6 ? digits : nil
    }
}
