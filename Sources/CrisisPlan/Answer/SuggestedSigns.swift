/// The signs an `unknown-sign` warning offers, closest first, each in the person's words, as
/// the attention block shows them (not part of the JSON answer).
///
/// Read from the plan's prepared list when shown rather than copied into each warning: a
/// library's plans are seldom in the cache when one is asked about, and copying the words
/// into every warning fetched each of them from memory, for a list most answers never show.
public struct SuggestedSigns: Sendable, Hashable, RandomAccessCollection {
    /// The plan's signs as suggestions show them, shared; or the signs themselves, in order.
    private let all: [SuggestedSign]
    /// The positions in `all` of the signs, in order; `nil` when the signs are `all`, in order.
    private let positions: SuggestionMemo.Entry?

    /// None.
    public init() {
        self.init([])
    }

    /// These signs, in this order.
    public init(_ signs: [SuggestedSign]) {
        all = signs
        positions = nil
    }

    /// The signs at these positions in `all`, in this order.
    init(_ all: [SuggestedSign], at positions: SuggestionMemo.Entry) {
        self.all = all
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? all.count }

    public subscript(position: Int) -> SuggestedSign {
        all[positions?[position] ?? position]
    }

    public static func == (lhs: SuggestedSigns, rhs: SuggestedSigns) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for sign in self { hasher.combine(sign) }
    }
}
