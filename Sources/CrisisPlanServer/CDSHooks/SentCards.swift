import CrisisPlan
import Synchronization

/// The cards this service sent, by uuid, so feedback is recorded against the card it is
/// about — the person, what the card said — and feedback on a card never sent is refused.
/// Kept for a week and at most 200,000 cards, oldest dropped first; each sending's cards are
/// also in its audit record (`cds.patient-view`), which outlives this memory.
final class SentCards: Sendable {
    struct Card: Sendable, Equatable {
        var person: String
        /// `plan`, `do-not-contact:ID`, `refusal:SOURCE` (`PatientViewCard.about`).
        var about: String
        var issuer: String
        var sentAt: Int64
    }
    static let keptFor: Int64 = 7 * 86_400
    static let limit = 200_000

    private struct State {
        var cards: [String: Card] = [:]
        /// Uuids in the order sent, for dropping the oldest.
        var order: [String] = []
        var start = 0
    }
    private let state = Mutex(State())

    func add(_ uuid: String, _ card: Card) {
        state.withLock { state in
            state.cards[uuid] = card
            state.order.append(uuid)
            while state.order.count - state.start > Self.limit
                || (state.start < state.order.count
                    && (state.cards[state.order[state.start]]?.sentAt ?? 0) + Self.keptFor < card.sentAt)
            {
                state.cards[state.order[state.start]] = nil
                state.start += 1
            }
            if state.start > Self.limit {
                state.order.removeFirst(state.start)
                state.start = 0
            }
        }
    }

    /// The card sent under `uuid` to `issuer`: a record system sees only its own cards.
    func card(_ uuid: String, issuer: String) -> Card? {
        state.withLock { $0.cards[uuid.lowercased()] }.flatMap { $0.issuer == issuer ? $0 : nil }
    }
}
