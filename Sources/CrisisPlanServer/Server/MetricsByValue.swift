import Synchronization

/// One metric per value of a dimension (a stage, a flag, a page), each made the first time it
/// is needed and kept: making a metric asks the metrics registry, which builds and looks up
/// its name under a lock, and these are reported on every answer or page. The values come
/// from the policy, the plans and the templates, so there are few; past `limit` (a library
/// full of ids) a metric is made each time rather than kept, so memory stays bounded.
final class MetricsByValue<Metric: Sendable>: Sendable {
    static var limit: Int { 1024 }
    private let make: @Sendable (String) -> Metric
    private let made = Mutex<[String: Metric]>([:])

    init(_ make: @escaping @Sendable (String) -> Metric) {
        self.make = make
    }

    subscript(_ value: String) -> Metric {
        if let metric = made.withLock({ $0[value] }) { return metric }
        let metric = make(value)
        made.withLock { if $0.count < Self.limit { $0[value] = metric } }
        return metric
    }

    /// How many are kept (for tests).
    var kept: Int { made.withLock { $0.count } }
}
