/// How an answer came about, for coverage reports (not part of SPEC §6's JSON): the
/// escalation rules that raised the stage and the signs active now, by id.
public struct AnswerTrace: Sendable {
    public var escalatedBy: [String] = []
    public var activeSigns: [String] = []
}
