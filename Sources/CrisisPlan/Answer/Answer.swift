/// The answer for one person now (SPEC §6): their own agreed responses first, then who to
/// contact, then any override beside them — never instead of them.
public struct Answer: Sendable {
    public var person: String
    public var name: String
    public var pronouns: String?
    public var at: Timestamp
    public var stage: StageAnswer
    /// Questions to ask before acting, in declaration order (SPEC v3 §10.2).
    public var prompts: [PromptLine] = []
    public var ownResponses: [ResponseLine]
    public var helps: [String]
    public var avoid: [String]
    public var takeCareOf: [String]
    public var contacts: [ContactLine]
    public var doNotContact: [DoNotContactLine]
    public var withheld: [WithheldLine]
    public var conflicts: [ConflictLine]
    public var flags: [FlagLine]
    public var statements: [String]
    public var refusals: [RefusalLine]
    public var attorney: AttorneyLine?
    /// Every attorney in the plan, in written order (SPEC v3 §10.5).
    public var attorneys: [AttorneyLine] = []
    public var views: [DifferingView]
    public var warnings: [AnswerWarning]
    /// The plan's review date, for the attention block's "overdue since" (not in the JSON).
    public var reviewBy: CalendarDate?
    /// How the answer came about, for coverage reports (not part of SPEC §6's JSON): the
    /// escalation rules that raised the stage and the signs active now, by id.
    public var trace = AnswerTrace()
    /// "No one on the route is open now" or "… can be called now", for the attention block
    /// (not in the JSON: the warnings carry it).
    public var routeNotice: String?

    /// The fired flags of kind emergency, which the header names above everything else.
    public var emergencies: [FlagLine] {
        flags.filter { $0.kind == .emergency }
    }
}
