/// Someone to contact now; `statutory` when a flag added them rather than the person's route.
public struct ContactLine: Sendable {
    /// What the plan or a flag says of the contact, fixed once the rules are read. Shared by
    /// every copy: a route is copied into most answers, and a line's copy is then one
    /// reference count rather than one for each of its texts.
    final class Listing: Sendable {
        let id: String
        let name: String
        let relation: String?
        let phone: String
        let statutory: Bool
        let source: String
        let professional: Bool
        let hours: ContactHours?
        /// Hours were written but could not be read: a team whose hours are not known.
        let hoursUnreadable: Bool
        /// The numbers the phone field reaches (`PhoneNumber.keys`), read once: the first in
        /// its own field (a number's key fits in a string without an allocation), any others
        /// in a list that is usually empty (and then allocates nothing either).
        let phoneKey: String?
        let otherPhoneKeys: [String]

        init(_ contact: Contact, statutory: Bool) {
            id = contact.id
            name = contact.name
            relation = contact.relation
            phone = contact.phone
            self.statutory = statutory
            source = contact.source.pathAndLine
            professional = contact.professional
            hours = contact.hours
            hoursUnreadable = contact.hoursProblem != nil
            let keys = PhoneNumber.keys(contact.phone)
            phoneKey = keys.first
            otherPhoneKeys = Array(keys.dropFirst())
        }
    }

    private let listing: Listing

    /// The shared listing, which copying the line into an answer counts a reference to.
    func addStorage(to set: inout WorkingSet) {
        set.add(object: listing)
    }

    public var id: String { listing.id }
    public var name: String { listing.name }
    public var relation: String? { listing.relation }
    public var phone: String { listing.phone }
    /// Added by a flag rather than by the person's own route.
    public var statutory: Bool { listing.statutory }
    public var source: String { listing.source }
    /// A professional contact (not in the JSON; for `note_contacts`).
    public var professional: Bool { listing.professional }
    var phoneKeys: [String] { (listing.phoneKey.map { [$0] } ?? []) + listing.otherPhoneKeys }
    /// The contact's hours, for working out `open_now` (not in the JSON).
    var hours: ContactHours? { listing.hours }
    /// Hours written that could not be read.
    var hoursUnreadable: Bool { listing.hoursUnreadable }

    /// Open now by the contact's `hours`; `nil` without hours (or with hours that do not parse).
    public var openNow: Bool? = nil
    /// When a closed contact opens next, RFC 3339 with the local offset.
    public var opensAt: String? = nil
    /// The same in words for the text form: `Mon 09:00`.
    public var opensText: String? = nil
    /// Notes a flag adds (`note_contacts`), e.g. what may be shared with family.
    public var notes: [String] = []

    init(_ contact: Contact, statutory: Bool) {
        listing = Listing(contact, statutory: statutory)
    }
}
