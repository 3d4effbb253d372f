/// How an answer came about, for coverage reports (not part of the JSON answer): the
/// escalation rules that raised the stage, the signs active now and the red flags matched, by id.
public struct AnswerTrace: Sendable {
    public var escalatedBy: [String] = []
    public var activeSigns: [String] = []
    public var redFlags: [String] = []
}
