/// Whether a name mixes Latin letters with Cyrillic or Greek ones, the scripts whose letters
/// most often pass for Latin (`Tayl\u{43E}r`): a warning in `check`, since a real name rarely
/// does and a look-alike usually does.
enum ScriptMix {
    static func mixesLatin(_ text: String) -> Bool {
        var latin = false
        var other = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: latin = true
            case 0x370...0x3FF, 0x1F00...0x1FFF, 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F:
                other = true
            default: break
            }
        }
        return latin && other
    }
}
