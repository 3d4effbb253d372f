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
    /// The numbers a phone field reaches, for telling whether two entries reach one phone,
    /// however they are written: each number's digits, whatever punctuation or words are
    /// around them (`07700.900.654`, `tel:07700900654`, `Text only: 07700 900654`, `Work,
    /// 07700 900654`), an extension left off (`ext 2`, `x2`), every number of a field that
    /// gives several (`0161 496 0000 or 07700 900654`), and a UK number's international forms
    /// (`+44 7700 900654`, `(+44) 7700…`, `0044…`, `+44 (0)7700…`) written as dialled at home
    /// (`07700900654`). Short numbers (999, 111), which many entries share without being one
    /// person, are left out.
    public static func keys(_ phone: String) -> [String] {
        var numbers: [(digits: String, international: Bool)] = []
        var digits = ""
        var international = false
        var word = ""
        var skippingExtension = false
        func finish() {
            if !digits.isEmpty { numbers.append((digits, international)) }
            digits = ""
            international = false
        }
        for character in phone {
            if character.isLetter {
                word.append(character)
                continue
            }
            if !word.isEmpty {
                // A word after a whole number ends it ("or", "mobile"); "ext" or "x" starts its
                // extension, whose digits are not a number of their own.
                let lowered = word.lowercased()
                if ["ext", "x", "extn", "extension"].contains(lowered) && digits.count >= 6 {
                    finish()
                    skippingExtension = true
                } else if digits.count >= 10 {
                    finish()
                }
                word = ""
            }
            if character.isNumber, let value = character.wholeNumberValue {
                if skippingExtension { continue }
                digits.append(Character(String(value)))
            } else if character == "+" && digits.isEmpty {
                international = true
                skippingExtension = false
            } else if ";,/#".contains(character) && digits.count >= 10 {
                finish()
                skippingExtension = false
            } else if ";,/#".contains(character) {
                skippingExtension = false
            }
        }
        finish()
        return numbers.compactMap { number in
            var digits = number.international ? "00" + number.digits : number.digits
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

    /// The first of `keys`, for a field that gives one number.
    public static func key(_ phone: String) -> String? {
        keys(phone).first
    }
}
