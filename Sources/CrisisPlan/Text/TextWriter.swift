/// Writes a text from its pieces into one string of exactly its size.
///
/// Reasons, messages and source lines are built from a few pieces on every evaluation.
/// Appending piece by piece to a `String` checks its capacity, copies, and updates its flags
/// once per piece — measured at 200 to 300 instructions each. Here the pieces are written
/// twice: once to count their bytes, once to copy them into a string allocated at that size.
///
///     let line = String(writing: { $0.append(name); $0.append(" is "); $0.append(value) })
struct TextWriter {
    /// Where bytes go; `nil` while counting.
    private let buffer: UnsafeMutableBufferPointer<UInt8>?
    /// Bytes written (or counted) so far.
    private(set) var count = 0

    fileprivate init(buffer: UnsafeMutableBufferPointer<UInt8>?) {
        self.buffer = buffer
    }

    /// Disfavoured, so that a literal piece is written as a `StaticString` (below).
    @_disfavoredOverload
    mutating func append(_ text: String) {
        guard buffer != nil else {
            count += text.utf8.count
            return
        }
        text.withUTF8Bytes { append(bytes: $0) }
    }

    /// A piece written in the program: its bytes are where the literal is, and its size is
    /// known without reading them.
    mutating func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            // One scalar, held as a value (a literal made generically).
            text.withUTF8Buffer { append(bytes: $0) }
        }
    }

    @inline(__always)
    private mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let buffer else {
            count += bytes.count
            return
        }
        precondition(count + bytes.count <= buffer.count, Self.wroteOtherPieces)
        if let source = bytes.baseAddress, let target = buffer.baseAddress {
            (target + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// A number in decimal, written digit by digit (a line number in every source): no
    /// string of it is made, on either pass.
    mutating func append(_ number: Int) {
        var digits = 1
        var rest = number.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let width = digits + (number < 0 ? 1 : 0)
        guard let buffer else {
            count += width
            return
        }
        precondition(count + width <= buffer.count, Self.wroteOtherPieces)
        if number < 0 { buffer[count] = UInt8(ascii: "-") }
        rest = number.magnitude
        for position in stride(from: count + width - 1, through: count + width - digits, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += width
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as `Timestamp.description` writes it.
    mutating func append(_ timestamp: Timestamp) {
        guard timestamp.hasFourDigitYear else {
            append(timestamp.description)
            return
        }
        guard let buffer else {
            count += Timestamp.writtenCount
            return
        }
        precondition(count + Timestamp.writtenCount <= buffer.count, Self.wroteOtherPieces)
        count += timestamp.write(to: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
    }

    fileprivate static let wroteOtherPieces = "a text writer wrote other pieces the second time"
}

extension String {
    /// The text `write` writes, in one allocation. `write` is called twice, first to count,
    /// and must write the same pieces both times.
    init(writing write: (inout TextWriter) -> Void) {
        var counter = TextWriter(buffer: nil)
        write(&counter)
        let capacity = counter.count
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = TextWriter(buffer: buffer)
            write(&writer)
            precondition(writer.count == capacity, TextWriter.wroteOtherPieces)
            return writer.count
        }
    }
}
