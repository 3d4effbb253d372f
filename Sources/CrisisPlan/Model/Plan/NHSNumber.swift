/// The NHS number's own check: ten digits, the last a modulus-11 check digit. A mistyped
/// number would match the plan to someone else's record in the trust's system, so a number
/// that fails its check is an error in the plan, not a warning.
enum NHSNumber {
    /// Why `value` (spaces and hyphens allowed) is not an NHS number, or nil when it is one.
    static func problem(_ value: String) -> String? {
        let digits = Person.Identifier.key(value)
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "NHS number '\(value)' is not ten digits"
        }
        let numbers = digits.compactMap(\.wholeNumberValue)
        let sum = zip(numbers.prefix(9), stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (11 - sum % 11) % 11
        guard check != 10, check == numbers[9] else {
            return "NHS number '\(value)' fails its check digit; compare it with the record it came from"
        }
        return nil
    }
}
