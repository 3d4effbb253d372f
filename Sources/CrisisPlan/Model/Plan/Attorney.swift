/// A lasting power of attorney (MCA 2005 ss9-14): health and welfare, or property and affairs.
public struct Attorney: Sendable {
    /// Which kind of LPA (MCA s9(1)(a) personal welfare, s9(1)(b) property and affairs).
    public enum Kind: String, Sendable, CaseIterable {
        case healthAndWelfare = "health_and_welfare"
        case propertyAndAffairs = "property_and_affairs"
    }

    /// A contact id.
    public var contact: String
    public var contactSource: SourceLocation
    /// `registered: true` as written (v2: registered on an unknown date).
    public var registered: Bool
    public var registeredSource: SourceLocation?
    /// The date the LPA was signed.
    public var made: CalendarDate?
    /// Treatments it covers; `["all"]` by default.
    public var covers: [String]
    /// Whether it expressly covers life-sustaining treatment (MCA s11(8)).
    public var lifeSustaining: Bool
    /// `nil` when the plan does not say (then it cannot act: MCA s9(1)).
    public var kind: Kind? = nil
    /// The date the LPA was registered: it is created then (MCA s9(2)(b)).
    public var registeredOn: CalendarDate? = nil
    public var source: SourceLocation

    /// Whether the attorney's authority reaches a treatment (names compared as normalised, so
    /// `ALL` is `all` and `ECT` names `ect`).
    public func covers(treatment: String) -> Bool {
        let wanted = TextNormalizer.normalize(treatment)
        return covers.contains {
            let covered = TextNormalizer.normalize($0)
            return covered == "all" || covered == wanted
        }
    }

    /// Registered by `today` (MCA s9(2)(b)): a `registered_on` after today is not yet; without
    /// a date, `registered: true` counts.
    public func isRegistered(on today: CalendarDate?) -> Bool {
        if let registeredOn { return today.map { registeredOn <= $0 } ?? true }
        return registered
    }

    /// The donor was under 18 when it was made (MCA s9(2)(c)); without `made`, `registered_on`
    /// bounds the check.
    public func madeUnder18(born: CalendarDate?) -> Bool {
        guard let born, let adult = born.addingYears(18), let date = made ?? registeredOn else { return false }
        return date < adult
    }

    /// The date compared with an advance refusal's (MCA s25(2)(b)): registration, else signing.
    public var createdOn: CalendarDate? { registeredOn ?? made }
}
