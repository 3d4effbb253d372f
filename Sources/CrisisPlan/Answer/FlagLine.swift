/// A fired override: its legal basis, why it fired, what it permits and what must be recorded.
public struct FlagLine: Sendable {
    /// What the policy says of the flag, fixed once the rules are read. Shared by every line
    /// the flag fires: a fired line is then one reference count, not one for each of its texts.
    final class Listing: Sendable {
        let id: String
        let kind: Flag.Kind
        let title: String
        let basis: String
        let firstAction: String?
        let permits: String
        let guidance: [String]
        let mustRecord: [String]
        let source: String

        init(_ flag: Flag) {
            id = flag.id
            kind = flag.kind
            title = flag.title
            basis = flag.basis
            firstAction = flag.firstAction
            permits = flag.permits ?? ""
            guidance = flag.guidance
            mustRecord = flag.mustRecord
            source = flag.source.pathAndLine
        }
    }

    private let listing: Listing

    public var id: String { listing.id }
    public var kind: Flag.Kind { listing.kind }
    public var title: String { listing.title }
    public var basis: String { listing.basis }
    public var firstAction: String? { listing.firstAction }
    public var permits: String { listing.permits }
    public var guidance: [String] { listing.guidance }
    public var mustRecord: [String] { listing.mustRecord }
    public var source: String { listing.source }

    public var because: [String] = []
    /// The decisions a capacity condition held for; the flag applies to those only.
    public var decisions: [String] = []

    init(_ flag: Flag) {
        listing = Listing(flag)
    }
}
