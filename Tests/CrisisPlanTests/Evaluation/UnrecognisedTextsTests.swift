import Testing

@testable import CrisisPlan

/// A policy reads each unrecognised text once for every plan, and plans key their memos by the
/// reading's serial number: the same bytes must find the same reading, other bytes never, and
/// a serial number must never be given twice — not even after the list starts again.
@Suite("A policy's unrecognised texts")
struct UnrecognisedTextsTests {
    @Test("the same bytes find the same reading; other texts, and one byte more, get their own")
    func sameBytesSameReading() {
        var texts = UnrecognisedTexts()
        let first = texts.read("cant sleep", redFlags: [])
        #expect(texts.read("cant sleep", redFlags: []) === first)
        let other = texts.read("cant sleep.", redFlags: [])
        #expect(other !== first)
        #expect(other.serial != first.serial)
        #expect(other.normalized == first.normalized)
        #expect(texts.read("cant sleep.", redFlags: []) === other)
        #expect(texts.count == 2)
        // One length and one hash (found by search): told apart by their bytes.
        let hashTwin = texts.read("kemubcrd@@@@@@@@", redFlags: [])
        #expect(texts.read("apknmdjgFJlSUVyV", redFlags: []) !== hashTwin)
        #expect(texts.read("kemubcrd@@@@@@@@", redFlags: []) === hashTwin)
    }

    @Test("texts equal only canonically are read once each, to the same normal form")
    func canonicalTwins() {
        var texts = UnrecognisedTexts()
        let composed = texts.read("caf\u{E9}", redFlags: [])
        let decomposed = texts.read("cafe\u{301}", redFlags: [])
        #expect(composed !== decomposed)
        #expect(composed.normalized == decomposed.normalized)
        #expect(texts.read("cafe\u{301}", redFlags: []) === decomposed)
        #expect(decomposed.typed.unicodeScalars.count == 5)
    }

    @Test("past the limit the list starts again, and serial numbers keep rising")
    func startsAgain() {
        var texts = UnrecognisedTexts()
        let first = texts.read("text 0", redFlags: [])
        var last = first.serial
        for number in 1..<UnrecognisedTexts.limit {
            let read = texts.read("text \(number)", redFlags: [])
            #expect(read.serial > last)
            last = read.serial
        }
        #expect(texts.count == UnrecognisedTexts.limit)
        #expect(texts.read("text 0", redFlags: []) === first)
        let again = texts.read("one more", redFlags: [])
        #expect(texts.count == 1)
        #expect(again.serial > last)
        let reread = texts.read("text 0", redFlags: [])
        #expect(reread !== first)
        #expect(reread.serial > again.serial)
    }

    @Test("a text longer than the longest kept is read afresh each time and never kept")
    func longTextsAreNotKept() {
        var texts = UnrecognisedTexts()
        let long = String(repeating: "a", count: UnrecognisedTexts.longestKept + 1)
        let first = texts.read(long, redFlags: [])
        let second = texts.read(long, redFlags: [])
        #expect(first !== second)
        #expect(second.serial > first.serial)
        #expect(first.normalized == second.normalized)
        #expect(texts.count == 0)
        let longestKept = String(repeating: "a", count: UnrecognisedTexts.longestKept)
        #expect(texts.read(longestKept, redFlags: []) === texts.read(longestKept, redFlags: []))
        #expect(texts.count == 1)
    }
}
