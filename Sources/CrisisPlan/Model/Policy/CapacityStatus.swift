/// The outcome of a capacity assessment for one decision at one time (MCA 2005 ss2-3).
public enum CapacityStatus: String, Sendable, Hashable, CaseIterable {
    case has
    case lacks
}
