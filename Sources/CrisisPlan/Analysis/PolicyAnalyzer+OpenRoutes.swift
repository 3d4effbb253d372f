extension PolicyAnalyzer {
    /// The stages where a closed route matters: from the stage whose id is `crisis` up, when
    /// the policy has one; otherwise from the lowest stage an escalation rule or a flag raises
    /// to, and the top stage when nothing raises.
    var urgentStages: [Stage] {
        if let crisis = policy.stages.firstIndex(where: { $0.id == "crisis" }) {
            return Array(policy.stages[crisis...])
        }
        let raised = policy.escalation.map(\.raiseTo) + policy.flags.compactMap(\.effects.raiseTo)
        let lowest = raised.compactMap { id in policy.stages.firstIndex { $0.id == id } }.min()
        return Array(policy.stages[(lowest ?? max(0, policy.stages.count - 1))...])
    }

    /// Whether a flag that adds a 24-hour contact (`hours: 24h`; a contact without hours is not
    /// known to be open) surely fires at the stage whenever its route
    /// is closed: its condition holds for every fact, decision, age and signs value with that
    /// stage and `route_open` false. Undecided counts as not covered.
    private mutating func roundTheClockCovers(stage rank: Int) -> Bool {
        let given = [
            ConditionSpace.Literal(variable: .stage, allowed: [rank]),
            ConditionSpace.Literal(variable: .routeOpen, allowed: [0]),
        ]
        for flag in policy.flags where flag.effects.addContacts.contains(where: { $0.hours == .always }) {
            if space.valid(flag.when, given: given) == true { return true }
        }
        return false
    }

    /// `no-open-route`: at each urgent stage a plan can reach, the first hour of the week at
    /// which `route_open` would be false, unless a flag surely adds a 24-hour contact then.
    /// The route is the plan's own, less do-not-contact people; flag-added contacts never count.
    mutating func analyzeOpenRoutes(_ plan: Plan) {
        let prepared = PreparedPlan(plan)
        for stage in urgentStages {
            guard let rank = policy.stages.firstIndex(where: { $0.id == stage.id }), space.reachableStages.contains(rank),
                let hour = WeekOfHours.firstClosedHour(of: prepared.route(forStage: stage.id)), !roundTheClockCovers(stage: rank)
            else { continue }
            let when = WeekOfHours.name(of: hour)
            if let route = plan.route(forStage: stage.id) {
                add(.warning, "no-open-route", "at '\(stage.id)' no one on \(plan.person.name)'s route is open on \(when), and no flag surely adds a 24-hour contact then; add a 24-hour contact to the '\(stage.id)' route, or hours that cover the whole week", at: route.stageSource)
            } else {
                add(.warning, "no-open-route", "\(plan.person.name)'s plan has no '\(stage.id)' route, so no one can be called at that stage (from \(when)), and no flag surely adds a 24-hour contact then; add a '\(stage.id)' route with a 24-hour contact", at: plan.person.source)
            }
        }
    }
}
