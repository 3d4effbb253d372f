import Synchronization
import Testing

@testable import CrisisPlanServer

/// Answers and pages report to one metric per stage, flag or page, made once and then kept —
/// up to a bound, past which each is made afresh, so a library full of ids cannot grow it.
@Suite("Metrics by value are made once and kept, within a bound")
struct MetricsByValueTests {
    final class Made: Sendable {
        let value: String
        init(_ value: String) { self.value = value }
    }

    @Test("the same value gives the same metric, made once; another value, another")
    func madeOnce() {
        let calls = Mutex(0)
        let metrics = MetricsByValue { value in
            calls.withLock { $0 += 1 }
            return Made(value)
        }
        let first = metrics["crisis"]
        #expect(metrics["crisis"] === first)
        #expect(metrics["early"] !== first)
        #expect(metrics["early"].value == "early")
        #expect(calls.withLock { $0 } == 2)
    }

    @Test("past the bound a metric is still given, made each time, and not kept")
    func bounded() {
        let metrics = MetricsByValue { Made($0) }
        for index in 0..<MetricsByValue<Made>.limit { _ = metrics["id\(index)"] }
        #expect(metrics.kept == MetricsByValue<Made>.limit)
        let past = metrics["one more"]
        #expect(past.value == "one more")
        #expect(metrics["one more"] !== past)
        #expect(metrics.kept == MetricsByValue<Made>.limit)
    }
}
