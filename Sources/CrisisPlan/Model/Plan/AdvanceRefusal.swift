/// An advance decision to refuse treatment (MCA 2005 ss24-26).
public struct AdvanceRefusal: Sendable {
    public var treatment: String
    public var made: CalendarDate?
    public var signed: Bool
    public var witnessed: Bool
    public var lifeSustaining: Bool
    public var evenIfLifeAtRisk: Bool
    /// A treatment for the mental disorder, to which MHA Part 4 may apply.
    public var forMentalDisorder: Bool
    /// Electro-convulsive therapy, which MHA Part 4 cannot impose over a valid refusal (s58A(5)).
    public var ect: Bool
    /// The plan writes `ect: false`: its author says this is not ECT, so its wording alone
    /// does not make it one (a declared ECT decision it names still does).
    public var saysNotECT = false
    public var withdrawn: Bool
    public var source: SourceLocation

    /// A treatment named as ECT is read as ECT even where neither the refusal nor a declared
    /// decision says so: a binding refusal of ECT is never one Part 4 may override, and that
    /// must not depend on how the plan was written. Words are runs of letters and digits, so
    /// "(ECT)", "ECT, and olanzapine" and "E.C.T." name it; so do "electroconvulsive" however
    /// it is split ("electro-convulsive", "Electro Convulsive"), "electroshock" and "shock
    /// treatment" or "shock therapy". A word that only contains the letters ("respect") does not.
    public static func looksLikeECT(_ treatment: String) -> Bool {
        let words = words(of: treatment)
        let joined = words.joined()
        if words.contains("ect") || words.contains("ects") || joined.contains("electroconvulsive")
            || joined.contains("electroshock")
        {
            return true
        }
        for (word, next) in zip(words, words.dropFirst()) where word == "shock" && (next == "treatment" || next == "therapy") {
            return true
        }
        // Initials with stops or spaces: "E.C.T.", "e c t".
        return words.count >= 3 && zip(words, zip(words.dropFirst(), words.dropFirst(2))).contains { $0 == "e" && $1.0 == "c" && $1.1 == "t" }
    }

    /// Words that name a treatment which keeps someone alive: feeding by tube, resuscitation,
    /// ventilation, dialysis, transfusion, treatment after an overdose, "to keep me alive".
    static let lifeSustainingWords: Set<String> = [
        "cpr", "dnacpr", "resuscitate", "resuscitated", "resuscitation", "ventilation", "ventilator", "ventilated",
        "dialysis", "transfusion", "transfusions", "nutrition", "hydration", "feeding", "fed", "nasogastric", "peg",
        "overdose", "overdoses", "paracetamol", "acetylcysteine", "antidote", "alive", "life",
    ]

    /// A treatment that reads as life-sustaining where no declared decision says what it is:
    /// such a refusal binds only when signed, witnessed and stated to apply even if life is at
    /// risk (MCA 2005 s25(5)-(6)). Read the other way, "NG tube feeding" or "CPR" written
    /// without the formalities would tell a worker not to keep someone alive; when in doubt
    /// the law lets them treat (s26(2), s26(5)), and the refusal is still shown as a wish.
    public static func looksLifeSustaining(_ treatment: String) -> Bool {
        words(of: treatment).contains(where: lifeSustainingWords.contains)
    }

    /// A treatment's words as both readings take them: normalised, runs of letters and digits.
    private static func words(of treatment: String) -> [String] {
        TextNormalizer.normalize(treatment).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
