/// The stage now, with every reason it is this stage (signs, escalation rules, flags).
public struct StageAnswer: Sendable {
    public var id: String
    public var label: String
    public var because: [String]
    /// Something the worker typed was not recognised: the stage counts recognised signs only.
    public var fromRecognisedSignsOnly = false

    /// The stage as every header shows it: never a bare "Well" (or any label) while something
    /// the worker typed was not understood — `Well — from recognised signs only`.
    public var heading: String {
        fromRecognisedSignsOnly ? label + " — from recognised signs only" : label
    }
}
