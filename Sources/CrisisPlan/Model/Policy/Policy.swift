/// The local policy: every `Rules/policy/*.yaml` file merged in byte order of file names.
public struct Policy: Sendable {
    public var stages: [Stage]
    /// How long an observed sign counts unless resolved (default 72h).
    public var signsActiveFor: PolicyDuration
    /// How long a capacity assessment counts before it is stale (default 24h).
    public var capacityValidFor: PolicyDuration
    public var facts: [FactDeclaration]
    public var escalation: [EscalationRule]
    public var flags: [Flag]
    public var language: [LanguageRule]
    /// The decisions a capacity assessment may name; `nil` when the policy declares none (v1:
    /// any decision name is accepted).
    public var decisions: [Decision]?
    public var prompts: [Prompt] = []
    public var redFlags: [RedFlag] = []
    public var consistency: [ConsistencyRule] = []
    /// Why a worker may not have followed the plan, offered after an answer.
    public var overrideReasons: [OverrideReason] = []
    /// Where contact hours are read (an IANA name; Europe/London by default).
    public var timezone = LocalTime.defaultZone
    public var timezoneSource: SourceLocation?
    /// Dates on which every window but `24h` is closed.
    public var holidays: [CalendarDate] = []

    public static let defaultSignsActiveFor = PolicyDuration(parsing: "72h")!
    public static let defaultCapacityValidFor = PolicyDuration(parsing: "24h")!

    /// The position of a stage on the ladder, lowest 0; `nil` when undeclared.
    public func rank(ofStage id: String) -> Int? {
        stages.firstIndex(where: { $0.id == id })
    }

    public func fact(_ id: String) -> FactDeclaration? {
        facts.first(where: { $0.id == id })
    }
}
