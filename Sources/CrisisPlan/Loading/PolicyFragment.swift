/// What one policy file sets, before the files are merged into a `Policy`.
struct PolicyFragment: Sendable {
    var stages: [Stage]?
    var stagesSource: SourceLocation?
    var signsActiveFor: (PolicyDuration, SourceLocation)?
    var capacityValidFor: (PolicyDuration, SourceLocation)?
    var facts: [FactDeclaration] = []
    var escalation: [EscalationRule] = []
    var flags: [Flag] = []
    var language: [LanguageRule] = []
    /// `nil` when this file has no `decisions:` key.
    var decisions: [Decision]?
    var prompts: [Prompt] = []
    var redFlags: [RedFlag] = []
    var consistency: [ConsistencyRule] = []
    var overrideReasons: [OverrideReason] = []
    var timezone: (String, SourceLocation)?
    var holidays: [CalendarDate] = []
    var holidaysSource: SourceLocation?
}
