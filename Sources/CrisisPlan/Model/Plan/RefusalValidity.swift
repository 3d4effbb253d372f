/// Whether an advance refusal binds, and if not, why (SPEC §4 "Refusals", MCA 2005 ss24-26).
public struct RefusalValidity: Sendable, Hashable {
    public var binding: Bool { notBindingBecause.isEmpty }
    /// Reasons in a fixed order, each naming the section it rests on.
    public var notBindingBecause: [String]

    /// A refusal binds unless it was withdrawn; it refuses life-sustaining treatment without
    /// signature, witness and "even if life is at risk" (s25(5)-(6)); or a registered attorney
    /// made later has authority over the same treatment (s25(2)(b)). An attorney whose power
    /// does not expressly reach life-sustaining treatment (s11(8)) does not overtake a refusal
    /// of life-sustaining treatment. When either date is unknown the attorney is not taken to
    /// be later: the refusal is not set aside on a guess.
    ///
    /// When the plan gives the person's date of birth, a refusal made before their 18th
    /// birthday is not valid (s24(1)); without `born` nothing is assumed.
    ///
    /// Only a valid, registered health-and-welfare LPA made later can overtake a refusal
    /// (SPEC v3 §10.5): "later" compares its registration date when given, else its signing,
    /// strictly (the same day leaves the refusal binding); one registered after `today` is
    /// not yet created.
    public init(_ refusal: AdvanceRefusal, attorneys: [Attorney], born: CalendarDate?, today: CalendarDate? = nil) {
        var reasons: [String] = []
        if let born, let made = refusal.made, let adult = born.addingYears(18), made < adult {
            reasons.append("it was made on \(made), before the person's 18th birthday (MCA 2005 s24(1))")
        }
        if refusal.withdrawn {
            reasons.append("it has been withdrawn (MCA 2005 s24(3))")
        }
        if refusal.lifeSustaining {
            var missing: [String] = []
            if !refusal.signed { missing.append("signed") }
            if !refusal.witnessed { missing.append("witnessed") }
            if !refusal.evenIfLifeAtRisk { missing.append("stated to apply even if life is at risk") }
            if !missing.isEmpty {
                reasons.append(
                    "it refuses life-sustaining treatment but is not "
                        + missing.joined(separator: ", ") + " (MCA 2005 s25(5)-(6))")
            }
        }
        if let made = refusal.made,
            let attorney = attorneys.first(where: { attorney in
                guard attorney.kind == .healthAndWelfare, !attorney.madeUnder18(born: born),
                    attorney.isRegistered(on: today), let created = attorney.createdOn
                else { return false }
                return created > made && attorney.covers(treatment: refusal.treatment)
                    && (!refusal.lifeSustaining || attorney.lifeSustaining)
            }), let created = attorney.createdOn
        {
            let when = attorney.registeredOn == nil ? "made later (\(created))" : "registered later (\(created))"
            reasons.append(
                "a lasting power of attorney for health and welfare \(when) covers \(refusal.treatment) (MCA 2005 s25(2)(b))"
            )
        }
        notBindingBecause = reasons
    }

    /// One attorney or none (tests and v2 callers).
    public init(_ refusal: AdvanceRefusal, attorney: Attorney?, born: CalendarDate?) {
        self.init(refusal, attorneys: attorney.map { [$0] } ?? [], born: born)
    }
}
