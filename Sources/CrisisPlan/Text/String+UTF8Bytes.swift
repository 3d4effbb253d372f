extension String {
    /// Calls `body` with the text's UTF-8 bytes: in place when they are contiguous (every native
    /// and short string), else from a contiguous copy.
    ///
    /// Reading the bytes so costs a fraction of the string's own iterator, and, unlike
    /// `withUTF8`, needs no `var` copy of the string (a reference count and a uniqueness check
    /// per call): look-ups, normalising and time parsing run on every observation.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
