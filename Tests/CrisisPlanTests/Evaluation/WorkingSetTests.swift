import Testing

@testable import CrisisPlan

/// An evaluation asks for a plan's prepared parts all at once before reading them
/// (`WorkingSet`): the lines it asks for must be the ones it then reads.
@Suite("A plan's working set")
struct WorkingSetTests {
    @Test("covers the prepared plan's own fields, its signs, its sign table and its route")
    func coversWhatEvaluationReads() throws {
        let context = try ShippedRules.evaluator("sam").context
        let set = context.workingSet
        #expect(set.covers(UnsafeRawPointer(Unmanaged.passUnretained(context).toOpaque())))
        #expect(context.signIds.withUnsafeBytes { set.covers($0.baseAddress!) })
        #expect(context.signRanks.withUnsafeBytes { set.covers($0.baseAddress!) })
        #expect(context.helps.withUnsafeBytes { set.covers($0.baseAddress!) })
        let route = try #require(context.stages.last?.route)
        #expect(!route.isEmpty)
        #expect(route.withUnsafeBytes { set.covers($0.baseAddress!) })
    }

    @Test("asks for a buffer's header and first lines, never more than its bound")
    func boundsEachBuffer() {
        var set = WorkingSet()
        let numbers = Array(0..<10_000)
        set.add(numbers)
        numbers.withUnsafeBytes { bytes in
            #expect(set.covers(bytes.baseAddress! - 32))
            #expect(set.covers(bytes.baseAddress! + WorkingSet.bytesPerBuffer - 64 - 32))
            #expect(!set.covers(bytes.baseAddress! + 4 * WorkingSet.bytesPerBuffer))
        }
        var empty = WorkingSet()
        empty.add([Int]())
        empty.add("short")
        #expect(!empty.covers(UnsafeRawPointer(bitPattern: 64)!))
    }
}
