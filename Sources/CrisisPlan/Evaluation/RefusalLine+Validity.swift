extension RefusalLine {
    /// A refusal's line before anything is assessed: what it refuses, whether it binds and why
    /// not, and where it is written. Whether it applies now and what may override it are set
    /// by the evaluation that has assessments and flags.
    init(_ refusal: AdvanceRefusal, _ validity: RefusalValidity, source: String, ect: Bool) {
        self.init(
            treatment: refusal.treatment, binding: validity.binding, notBindingBecause: validity.notBindingBecause,
            appliesNow: nil, mayBeOverriddenBy: nil, source: source, ect: ect)
    }
}
