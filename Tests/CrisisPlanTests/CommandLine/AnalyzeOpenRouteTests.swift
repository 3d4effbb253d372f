import Testing

/// `no-open-route`: at crisis and above, an hour of the week at which no one on the person's
/// route is open, by the same rule the answer uses — an empty or missing route is not open, a
/// route where no one gives hours is, otherwise someone with hours must be open — and no flag
/// that surely fires then adds a 24-hour contact.
@Suite("crisisplan analyze walks every hour of the week for an open route")
struct AnalyzeOpenRouteTests {
    static let policy = """
        stages:
          - id: well
            label: Well
          - id: early
            label: Early
          - id: crisis
            label: Crisis
          - id: emergency
            label: Emergency
        facts:
          - id: asked
            type: bool
        escalation:
          - id: asked-early
            when: {fact: asked, is: true}
            raise_to: early
        flags:
          - id: helper-line
            kind: statutory
            title: Helper line
            basis: A test
            when: {fact: asked, is: true}
            permits: Calling.
            must_record: [the call]
            effects:
              add_contacts:
                - {id: helper, name: Helper line, phone: "07700 900100", professional: true}
          - id: night-line
            kind: statutory
            title: Night line
            basis: A test
            when: {all: [{stage: {at_least: emergency}}, {route_open: false}]}
            permits: Calling.
            must_record: [the call]
            effects:
              add_contacts:
                - {id: night, name: Night line, phone: "07700 900101", professional: true, hours: 24h}

        """

    static func plan(_ id: String, _ name: String, routes: String) -> String {
        """
        person:
          id: \(id)
          name: \(name)
        plan:
          agreed: 2026-09-14
          review_by: 2027-03-14
        early_warning_signs:
          - id: voices
            says: I hear voices
            stage: crisis
          - id: gone
            says: I want to be gone
            stage: emergency
        responses:
          crisis:
            - by: me
              do: Rest
          emergency:
            - by: me
              do: Rest more
        contacts:
          - id: day
            name: Day team
            phone: "07700 900200"
            professional: true
            hours: "Mon-Fri 09:00-17:00"
          - id: am
            name: Morning team
            phone: "07700 900201"
            professional: true
            hours: "Mon-Sun 00:00-12:00"
          - id: pm
            name: Evening team
            phone: "07700 900202"
            professional: true
            hours: "Mon-Sun 12:00-24:00"
          - id: gap
            name: Gap team
            phone: "07700 900203"
            professional: true
            hours: ["Mon-Tue 00:00-24:00", "Wed 00:00-03:00", "Wed 04:00-24:00", "Thu-Sun 00:00-24:00"]
          - id: friend
            name: Robin Ashby
            phone: "07700 900204"
        contact_routes:
        \(routes)

        """
    }

    @Test("a friend without hours does not cover a closed team; a missing route is found; a flag covers only where it surely fires; the week is walked hour by hour; crisis and above only")
    func openRoute() throws {
        let lines = try AnalyzeRun.lines([
            "Rules/policy/a.yaml": Self.policy,
            // Closed on Monday 00:00 (the friend gives no hours, so is not known to answer);
            // the emergency route is a friend alone, so no one gives hours: open.
            "Rules/people/mixed.yaml": Self.plan("mixed", "Noor Vale", routes: "  crisis: [day, friend]\n  emergency: [friend]"),
            // No crisis route at all; morning and evening teams cover the whole week.
            "Rules/people/noroute.yaml": Self.plan("noroute", "Pat Lowe", routes: "  early: [friend]\n  emergency: [am, pm]"),
            // Closed Wednesday 03:00 only at crisis; at emergency the night line surely fires;
            // early is below crisis, though a rule raises to it.
            "Rules/people/gappy.yaml": Self.plan("gappy", "Kit Marsh", routes: "  crisis: [gap]\n  emergency: [day]\n  early: [day]"),
        ])
        let found = lines.filter { $0.hasSuffix("[no-open-route]") }
        #expect(
            found == [
                "Rules/people/gappy.yaml:46:3: warning: at 'crisis' no one on Kit Marsh's route is open on Wednesday 03:00, and no flag surely adds a 24-hour contact then; add a 24-hour contact to the 'crisis' route, or hours that cover the whole week [no-open-route]",
                "Rules/people/mixed.yaml:46:3: warning: at 'crisis' no one on Noor Vale's route is open on Monday 00:00, and no flag surely adds a 24-hour contact then; add a 24-hour contact to the 'crisis' route, or hours that cover the whole week [no-open-route]",
                "Rules/people/noroute.yaml:2:3: warning: Pat Lowe's plan has no 'crisis' route, so no one can be called at that stage (from Monday 00:00), and no flag surely adds a 24-hour contact then; add a 'crisis' route with a 24-hour contact [no-open-route]",
            ], "\(lines)")
    }

    @Test("a contact a flag adds without hours is not known to be open, so it covers no hour")
    func addedContactWithoutHours() throws {
        let policy = Self.policy.replacingOccurrences(
            of: #"- {id: night, name: Night line, phone: "07700 900101", professional: true, hours: 24h}"#,
            with: #"- {id: night, name: Night line, phone: "07700 900101", professional: true}"#)
        #expect(policy != Self.policy)
        let lines = try AnalyzeRun.lines([
            "Rules/policy/a.yaml": policy,
            "Rules/people/gappy.yaml": Self.plan("gappy", "Kit Marsh", routes: "  crisis: [am, pm]\n  emergency: [day]"),
        ])
        #expect(
            lines.filter { $0.hasSuffix("[no-open-route]") } == [
                "Rules/people/gappy.yaml:47:3: warning: at 'emergency' no one on Kit Marsh's route is open on Monday 00:00, and no flag surely adds a 24-hour contact then; add a 24-hour contact to the 'emergency' route, or hours that cover the whole week [no-open-route]"
            ], "\(lines)")
    }
}
