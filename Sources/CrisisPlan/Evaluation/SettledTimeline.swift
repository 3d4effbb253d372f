/// The timeline's state once every observation is applied, shared by reference by the stage's
/// resolution, the conditions and the contacts.
///
/// Each of them holding its own copy of the state cost a reference count per field to take,
/// and another to drop, several times on every evaluation; this is one.
final class SettledTimeline {
    let state: TimelineState

    init(_ state: consuming TimelineState) {
        self.state = state
    }
}
