import Foundation

/// Finds a red flag's words in an unrecognised text (SPEC v3 §10.3): words are the runs of
/// letters and digits of the normalised text; a phrase matches as consecutive words; a word
/// written with a trailing `*` matches any word that starts with it (`overdos*`); `<number>`
/// matches any number written in digits (`took <number> citalopram`: how people most often report
/// an overdose, where the medicine's name alone is everyday — "started on citalopram").
struct RedFlagMatcher: Sendable {
    struct Pattern: Sendable {
        var word: String
        var isPrefix: Bool
        var isNumber = false

        func matches(_ candidate: Substring) -> Bool {
            if isNumber { return !candidate.isEmpty && candidate.utf8.allSatisfy { (0x30...0x39).contains($0) } }
            return isPrefix ? candidate.hasPrefix(word) : candidate == word
        }
    }

    let phrases: [[Pattern]]

    init(words: [String]) {
        phrases = words.compactMap { phrase in
            var patterns: [Pattern] = []
            for part in phrase.split(whereSeparator: \.isWhitespace) {
                if part == "<number>" {
                    patterns.append(Pattern(word: "", isPrefix: false, isNumber: true))
                    continue
                }
                let isPrefix = part.hasSuffix("*")
                let words = Self.words(of: String(isPrefix ? part.dropLast() : part))
                for (position, word) in words.enumerated() {
                    patterns.append(Pattern(word: String(word), isPrefix: isPrefix && position == words.count - 1))
                }
            }
            return patterns.isEmpty ? nil : patterns
        }
    }

    /// Whether any phrase occurs in the text, as whole consecutive words — in its words as
    /// written, or as read loosely (`looseWords`).
    func matches(_ text: String) -> Bool {
        if matches(words: Self.words(of: text)) { return true }
        let loose = Self.looseWords(of: text)
        return loose.map { matches(words: $0) } ?? false
    }

    private func matches(words: [Substring]) -> Bool {
        for phrase in phrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count)
            where phrase.indices.allSatisfy({ phrase[$0].matches(words[start + $0]) }) {
                return true
            }
        }
        return false
    }

    /// The words of a text with what disguises a word set aside — the ways people type a word
    /// that a list of words cannot all hold: a letter outside ASCII that looks like an ASCII
    /// one (Cyrillic `о` in `оverdose`) as that letter; accents dropped (`ovèrdose`); a hyphen,
    /// dot, slash or apostrophe inside a word closed up (`sui-cide`, `k.m.s`); digits and
    /// symbols inside a word read as the letters they stand for (`k1ll`, `0verdose`, `$uicide`,
    /// `kn!fe`); and three or more single
    /// letters in a row read as one word (`s u i c i d e`). `nil` when that changes nothing.
    static func looseWords(of text: String) -> [Substring]? {
        var loose = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Accents first (a dotted capital İ is an I, not the l a skeleton reads it as), then
            // letters from other scripts as the ASCII letters they look like.
            loose = ConfusableSkeleton.prototypesOutsideASCII(loose.folding(options: [.diacriticInsensitive], locale: nil))
        }
        // Closed up before normalising, which reads a hyphen as a space; a symbol typed for a
        // letter (`$uicide`, `kn!fe`) read as that letter.
        let characters = Array(loose)
        var closedUp = ""
        for (index, character) in characters.enumerated() {
            let before = index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
            let after = index + 1 < characters.count && (characters[index + 1].isLetter || characters[index + 1].isNumber)
            if "-./'_\u{2010}\u{2011}\u{2019}".contains(character), before, after { continue }
            if let letter = Self.symbolLetters[character], after, before || character == "$" {
                closedUp.append(letter)
                continue
            }
            closedUp.append(character)
        }
        let closed = TextNormalizer.normalize(closedUp)
        var words: [Substring] = []
        var letters = ""
        func flushLetters() {
            if letters.count >= 3 {
                words.append(Substring(letters))
            } else {
                words += letters.map { Substring(String($0)) }
            }
            letters = ""
        }
        for word in closed.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            // Digits for letters only in a word of letters ("k1ll"), not a measure ("5h", "10mg").
            let read = word.filter(\.isLetter).count >= 2 ? Substring(String(word.map(Self.letter))) : word
            if read.count == 1, read.first?.isLetter == true {
                letters += read
            } else {
                flushLetters()
                words.append(read)
            }
        }
        flushLetters()
        return words == Self.words(of: text) ? nil : words
    }

    /// Symbols typed for the letters they look like.
    private static let symbolLetters: [Character: Character] = ["$": "s", "!": "i", "@": "a", "|": "l"]

    /// A digit typed for the letter it looks like, in a word that has letters.
    private static func letter(_ character: Character) -> Character {
        switch character {
        case "0": "o"
        case "1": "i"
        case "3": "e"
        case "4": "a"
        case "5": "s"
        case "7": "t"
        default: character
        }
    }

    /// The runs of letters and digits of the normalised text: apostrophes and punctuation
    /// separate words (`OD.` holds `od`, `Kofi's` holds `kofi`).
    static func words(of text: String) -> [Substring] {
        let normalized = TextNormalizer.normalize(text)
        if normalized.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(of: normalized) }
        return normalized.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// The runs of ASCII letters and digits of an ASCII text, split on its bytes: what
    /// `split(whereSeparator:)` with `isLetter`/`isNumber` gives, without looking up the
    /// Unicode properties of each character.
    static func asciiWords(of text: String) -> [Substring] {
        var words: [Substring] = []
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let isWordByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isWordByte {
                if start == nil { start = index }
            } else if let first = start {
                words.append(text[first..<index])
                start = nil
            }
            utf8.formIndex(after: &index)
        }
        if let first = start { words.append(text[first..<utf8.endIndex]) }
        return words
    }
}
