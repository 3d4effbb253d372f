/// What a plan answers at one stage whatever is observed, with its sources, built once.
///
/// The three lists sit side by side in one entry per stage, so that an evaluation finds a
/// stage's responses and route in one place: a plan is seldom in the cache when someone asks
/// about it, and a list per kind was one more line to fetch for each.
struct PreparedStage: Sendable {
    /// The responses in written order, with the signs that gate them.
    var responses: [(forSigns: [Int], line: ResponseLine)]
    /// The lines alone when no response is gated by signs (shared, not copied).
    var ungatedResponses: [ResponseLine]?
    /// The person's route, in order, without anyone on the do-not-contact list.
    var route: [ContactLine]
}
