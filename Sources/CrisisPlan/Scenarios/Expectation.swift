/// What a step expects of the answer. Every key is optional; each one given is checked.
///
/// SPEC §7 keys: `stage`, `first_response` (a substring of the first own response), `contacts`
/// (ids, exact, in order), `contacts_exclude`, `flags` (the exact set) or `flags_include` /
/// `flags_exclude`, `warnings_include`. Added for policy authors: `warnings_exclude`,
/// `withheld` (ids, exact, in the order first named), `prompts` (ids, exact, in order),
/// `prompts_include`, `conflicts` (roles, exact set), `stage_because` (a substring of
/// one of the stage's reasons), `decisions` (the decisions capacity flags apply to),
/// `attorney_can_act`, and `refusals` (treatment → `binding`, `not binding`, or
/// `may be overridden by FLAG`).
public struct Expectation: Sendable {
    public var stage: Expected<String>?
    public var firstResponse: Expected<String>?
    public var contacts: Expected<[String]>?
    public var contactsExclude: Expected<[String]>?
    public var flags: Expected<[String]>?
    public var flagsInclude: Expected<[String]>?
    public var flagsExclude: Expected<[String]>?
    public var warningsInclude: Expected<[String]>?
    public var warningsExclude: Expected<[String]>?
    public var withheld: Expected<[String]>?
    public var conflicts: Expected<[String]>?
    public var stageBecause: Expected<String>?
    public var decisions: Expected<[String]>?
    public var attorneyCanAct: Expected<Bool>?
    public var refusals: [(treatment: String, state: Expected<String>)] = []
    /// Open prompts: exact ids in order, or ids that must be among them.
    public var prompts: Expected<[String]>?
    public var promptsInclude: Expected<[String]>?

    public static let keys = [
        "stage", "first_response", "contacts", "contacts_exclude", "flags", "flags_include", "flags_exclude",
        "warnings_include", "warnings_exclude", "withheld", "conflicts", "stage_because", "decisions",
        "attorney_can_act", "refusals", "prompts", "prompts_include",
    ]
}
