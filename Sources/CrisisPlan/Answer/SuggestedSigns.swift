/// The signs an `unknown-sign` warning offers, closest first, each in the person's words, as
/// the attention block shows them (not part of the JSON answer).
///
/// Read from the plan's prepared list when shown rather than copied into each warning: a
/// library's plans are seldom in the cache when one is asked about, and copying the words
/// into every warning fetched each of them from memory, for a list most answers never show.
public struct SuggestedSigns: Sendable, Hashable, RandomAccessCollection {
    /// The plan's signs as suggestions show them, shared.
    private let all: [SuggestedSign]
    /// Positions in `all`: packed when they fit (the usual few), else listed.
    private let packed: SuggestionMemo.Entry?
    private let listed: [Int]

    /// None.
    public init() {
        self.init(all: [], packed: nil, listed: [])
    }

    /// These signs, in this order.
    public init(_ signs: [SuggestedSign]) {
        self.init(all: signs, packed: nil, listed: Array(signs.indices))
    }

    /// The signs at `packed`'s positions in `all`, or at `listed`'s when `packed` is `nil`.
    init(all: [SuggestedSign], packed: SuggestionMemo.Entry?, listed: [Int]) {
        self.all = all
        self.packed = packed
        self.listed = listed
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { packed?.count ?? listed.count }

    public subscript(position: Int) -> SuggestedSign {
        all[packed?[position] ?? listed[position]]
    }

    public static func == (lhs: SuggestedSigns, rhs: SuggestedSigns) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for sign in self { hasher.combine(sign) }
    }
}
