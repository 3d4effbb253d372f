/// A reason a worker may give for not following the plan (`override_reasons:` in policy): the
/// short list offered under "What did you do?" on the answer page and on the record system's
/// cards, so governance can count why the agreed responses were not followed, not only that
/// they were not.
public struct OverrideReason: Sendable, Equatable {
    public var id: String
    /// As the worker reads it.
    public var label: String
    public var source: SourceLocation
}
