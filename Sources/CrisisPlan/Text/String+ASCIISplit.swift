extension String {
    /// The pieces between separators, none of them empty: what `split(whereSeparator:)` gives
    /// for a character equal to one of `separators`, as strings.
    ///
    /// The separators are ASCII bytes, so a text of ASCII alone (its characters are its bytes)
    /// is cut at its bytes. That gives the same pieces without reading the text character by
    /// character, which was the dearest part of reading an unrecognised text. Any other text
    /// is read by characters, compared as `==` compares them (the Greek question mark is `;`).
    func split(atASCII separators: [UInt8]) -> [String] {
        let pieces: [String]? = withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var pieces: [String] = []
            var start = 0
            for index in bytes.indices where separators.contains(bytes[index]) {
                if index > start {
                    pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
            if bytes.count > start {
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
            return pieces
        }
        return pieces
            ?? split(whereSeparator: { character in separators.contains { Character(Unicode.Scalar($0)) == character } })
            .map(String.init)
    }
}
