/// Decodes one `Rules/people/<id>.yaml` file into a `Plan` (SPEC §4).
struct PlanFileDecoder {
    let decoder: FileDecoder

    static let topLevelKeys = [
        "person", "plan", "keeping_well", "stressors", "early_warning_signs", "responses", "when_unwell",
        "contacts", "contact_routes", "do_not_contact", "advance_decisions", "attorney", "attorneys", "views",
    ]

    /// The plan, or `nil` when the file is not a map. Without a readable `person` or `plan`
    /// section the plan comes back marked incomplete, so that its other problems are still
    /// checked and reported at once (it is never used to answer).
    func decode(_ root: YAMLNode?) -> Plan? {
        guard let root else {
            decoder.error(
                "the plan file is empty; a plan needs at least 'person' and 'plan'", at: Mark(line: 1, column: 1))
            return nil
        }
        guard let fields = decoder.fields(root, "plan file", keys: Self.topLevelKeys, required: ["person", "plan"])
        else { return nil }
        // The person's source is their `person:` line, where stage warnings point.
        var personKey = root.mark
        if case .mapping(let entries) = root.content, let entry = entries.first(where: { $0.key == "person" }) {
            personKey = entry.keyMark
        }
        let person = fields["person"].flatMap { self.person($0, at: personKey) }
        let dates = fields["plan"].flatMap(self.dates)
        let whenUnwell = fields["when_unwell"].map(self.whenUnwell) ?? WhenUnwell()
        let plan = Plan(
            person: person
                ?? Person(
                    id: "", idSource: decoder.location(root.mark), name: "", source: decoder.location(root.mark)),
            dates: dates
                ?? PlanDates(
                    agreed: CalendarDate(daysSinceEpoch: 0), reviewBy: CalendarDate(daysSinceEpoch: 0), writtenWith: [],
                    agreedSource: decoder.location(root.mark), reviewBySource: decoder.location(root.mark)),
            keepingWell: decoder.textList(fields["keeping_well"], "'keeping_well'"),
            stressors: decoder.textList(fields["stressors"], "'stressors'"),
            signs: items(fields["early_warning_signs"], "early_warning_signs").compactMap(sign),
            responses: stageMap(fields["responses"], "responses").map(stageResponses),
            whenUnwell: whenUnwell,
            contacts: items(fields["contacts"], "contacts").compactMap(contact),
            contactRoutes: stageMap(fields["contact_routes"], "contact_routes").map(route),
            doNotContact: items(fields["do_not_contact"], "do_not_contact").compactMap(doNotContact),
            advanceDecisions: fields["advance_decisions"].map(advanceDecisions) ?? AdvanceDecisions(),
            attorneys: attorneys(fields),
            views: items(fields["views"], "views").compactMap(view),
            file: decoder.file, isComplete: person != nil && dates != nil)
        return plan
    }

    private func items(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
        guard let node else { return [] }
        return decoder.list(node, "'\(what)'") ?? []
    }

    /// A map keyed by stage id (`responses`, `contact_routes`), in written order.
    private func stageMap(_ node: YAMLNode?, _ what: String) -> [YAMLEntry] {
        guard let node else { return [] }
        guard case .mapping(let entries) = node.content else {
            decoder.error(
                "expected '\(what)' as a map from stage id to a list, found \(node.kindDescription)", at: node.mark)
            return []
        }
        return entries
    }

    private func person(_ node: YAMLNode, at key: Mark) -> Person? {
        let fields = decoder.fields(
            node, "person", keys: ["id", "name", "pronouns", "born", "identifiers"], required: ["id", "name"])
        let born = decoder.date(fields, "born")
        var identifiers: [Person.Identifier] = []
        if let list = fields?["identifiers"].flatMap({ decoder.list($0, "'identifiers'") }) {
            for item in list {
                guard let entry = decoder.fields(item, "identifier", keys: ["system", "value"], required: ["system", "value"]),
                    let system = decoder.text(entry, "system"), let value = decoder.text(entry, "value")
                else { continue }
                if identifiers.contains(where: { $0.system == system }) {
                    decoder.error("the person has two identifiers of system '\(system)'; keep one", at: item.mark)
                }
                // A mistyped NHS number is `check`'s warning (made-up numbers in examples and
                // tests are common), never the reason a worker gets no plan at 3 a.m.: the plan
                // is answered, and the number, which no record can hold, is not used to find or
                // match the person.
                if system == Person.Identifier.nhsNumber, let problem = NHSNumber.problem(value), let node = entry["value"] {
                    decoder.warning(problem, at: node.mark)
                    continue
                }
                identifiers.append(Person.Identifier(system: system, value: value, source: decoder.location(item.mark)))
            }
        }
        guard let id = decoder.text(fields, "id"), let name = decoder.text(fields, "name"), let idNode = fields?["id"]
        else { return nil }
        return Person(
            id: id, idSource: decoder.location(idNode.mark), name: name, pronouns: decoder.text(fields, "pronouns"),
            born: born, identifiers: identifiers, source: decoder.location(node.mark), keySource: decoder.location(key))
    }

    private func dates(_ node: YAMLNode) -> PlanDates? {
        let fields = decoder.fields(
            node, "plan", keys: ["agreed", "review_by", "written_with"], required: ["agreed", "review_by"])
        let writtenWith = decoder.textList(fields?["written_with"], "'written_with'").map(\.text)
        guard let agreed = decoder.date(fields, "agreed"), let reviewBy = decoder.date(fields, "review_by"),
            let agreedNode = fields?["agreed"], let reviewNode = fields?["review_by"]
        else { return nil }
        return PlanDates(
            agreed: agreed, reviewBy: reviewBy, writtenWith: writtenWith,
            agreedSource: decoder.location(agreedNode.mark), reviewBySource: decoder.location(reviewNode.mark))
    }

    private func sign(_ node: YAMLNode) -> EarlyWarningSign? {
        let fields = decoder.fields(
            node, "early warning sign", keys: ["id", "says", "also", "stage"], required: ["id", "says", "stage"])
        let also = decoder.textList(fields?["also"], "'also'").map(\.text)
        guard let id = decoder.text(fields, "id"), let says = decoder.text(fields, "says"),
            let stage = decoder.text(fields, "stage"), let stageNode = fields?["stage"]
        else { return nil }
        return EarlyWarningSign(
            id: id, says: says, also: also, stage: stage, stageSource: decoder.location(stageNode.mark),
            source: decoder.location(node.mark))
    }

    private func stageResponses(_ entry: YAMLEntry) -> StageResponses {
        StageResponses(
            stage: entry.key, stageSource: decoder.location(entry.keyMark),
            responses: items(entry.value, "responses: \(entry.key)").compactMap(response))
    }

    private func response(_ node: YAMLNode) -> Response? {
        let fields = decoder.fields(node, "response", keys: ["by", "do", "for_signs"], required: ["by", "do"])
        let by = decoder.choice(fields, "by", Response.Actor.allCases.map(\.rawValue)).flatMap(Response.Actor.init)
        let forSigns = decoder.textList(fields?["for_signs"], "'for_signs'")
        guard let by, let action = decoder.text(fields, "do") else { return nil }
        return Response(
            by: by, action: action, forSigns: forSigns.map(\.text), forSignsSources: forSigns.map(\.source),
            source: decoder.location(node.mark))
    }

    private func whenUnwell(_ node: YAMLNode) -> WhenUnwell {
        var result = WhenUnwell()
        let fields = decoder.fields(node, "when_unwell", keys: ["helps", "avoid", "take_care_of"])
        result.helps = decoder.textList(fields?["helps"], "'helps'")
        result.avoid = decoder.textList(fields?["avoid"], "'avoid'")
        result.takeCareOf = decoder.textList(fields?["take_care_of"], "'take_care_of'")
        return result
    }

    func contact(_ node: YAMLNode) -> Contact? {
        let fields = decoder.fields(
            node, "contact", keys: ["id", "name", "relation", "phone", "roles", "professional", "hours"],
            required: ["id", "name", "phone"])
        let roles = decoder.textList(fields?["roles"], "'roles'").map { RoleName.normalized($0.text) }
        let professional = decoder.bool(fields, "professional") ?? false
        let relation = decoder.text(fields, "relation")
        guard let id = decoder.text(fields, "id"), let name = decoder.text(fields, "name"),
            let phone = decoder.text(fields, "phone")
        else { return nil }
        var contact = Contact(
            id: id, name: name, relation: relation, phone: phone, roles: roles, professional: professional,
            source: decoder.location(node.mark))
        if let hoursNode = fields?["hours"] {
            contact.hoursSource = decoder.location(hoursNode.mark)
            // Bad hours never stop an answer, however they are bad (empty, null, a map, a list
            // holding one, or text that does not parse): the contact is shown as not known to be
            // open, and `check` reports it (an error that does not block answers).
            let (texts, unreadable) = decoder.notBlockingAnswers { () -> [String] in
                if case .sequence = hoursNode.content { return decoder.textList(hoursNode, "'hours'").map(\.text) }
                return decoder.text(hoursNode, "'hours'").map { [$0] } ?? []
            }
            if let unreadable {
                contact.hoursProblem = unreadable
            } else {
                switch ContactHours.parse(texts) {
                case .success(let hours): contact.hours = hours
                case .failure(let problem):
                    contact.hoursProblem = problem.message
                    decoder.error(problem.message, at: hoursNode.mark, blocksAnswers: false)
                }
            }
        }
        return contact
    }

    private func route(_ entry: YAMLEntry) -> ContactRoute {
        ContactRoute(
            stage: entry.key, stageSource: decoder.location(entry.keyMark),
            contacts: decoder.textList(entry.value, "'contact_routes: \(entry.key)'"))
    }

    private func doNotContact(_ node: YAMLNode) -> DoNotContactEntry? {
        let fields = decoder.fields(
            node, "do-not-contact entry", keys: ["id", "name", "relation", "reason", "roles"], required: ["name"])
        let roles = decoder.textList(fields?["roles"], "'roles'").map { RoleName.normalized($0.text) }
        let id = decoder.text(fields, "id")
        let relation = decoder.text(fields, "relation")
        let reason = decoder.text(fields, "reason")
        guard let name = decoder.text(fields, "name") else { return nil }
        return DoNotContactEntry(
            id: id, name: name, relation: relation, reason: reason, roles: roles, source: decoder.location(node.mark))
    }

    private func advanceDecisions(_ node: YAMLNode) -> AdvanceDecisions {
        var result = AdvanceDecisions()
        let fields = decoder.fields(node, "advance_decisions", keys: ["statements", "refusals"])
        result.statements = decoder.textList(fields?["statements"], "'statements'")
        result.refusals = items(fields?["refusals"], "refusals").compactMap(refusal)
        return result
    }

    private func refusal(_ node: YAMLNode) -> AdvanceRefusal? {
        let fields = decoder.fields(
            node, "refusal",
            keys: [
                "treatment", "made", "signed", "witnessed", "life_sustaining", "even_if_life_at_risk",
                "for_mental_disorder", "ect", "withdrawn",
            ],
            required: ["treatment"])
        let made = decoder.date(fields, "made")
        let flags = [
            "signed", "witnessed", "life_sustaining", "even_if_life_at_risk", "for_mental_disorder", "ect",
            "withdrawn",
        ].map { decoder.bool(fields, $0) ?? false }
        guard let treatment = decoder.text(fields, "treatment") else { return nil }
        var refusal = AdvanceRefusal(
            treatment: treatment, made: made, signed: flags[0], witnessed: flags[1], lifeSustaining: flags[2],
            evenIfLifeAtRisk: flags[3], forMentalDisorder: flags[4], ect: flags[5], withdrawn: flags[6],
            source: decoder.location(node.mark))
        refusal.saysNotECT = decoder.bool(fields, "ect") == false
        return refusal
    }

    /// `attorney:` (one) or `attorneys:` (a list), never both.
    private func attorneys(_ fields: Fields) -> [Attorney] {
        if let one = fields["attorney"], let many = fields["attorneys"] {
            decoder.error(
                "'attorney' and 'attorneys' are both given; list every attorney under 'attorneys'",
                at: fields.keyMark("attorneys") ?? many.mark)
            return [attorney(one)].compactMap { $0 }
        }
        if let one = fields["attorney"] { return [attorney(one)].compactMap { $0 } }
        return items(fields["attorneys"], "attorneys").compactMap(attorney)
    }

    private func attorney(_ node: YAMLNode) -> Attorney? {
        let fields = decoder.fields(
            node, "attorney",
            keys: ["contact", "type", "registered", "registered_on", "made", "covers", "life_sustaining"],
            required: ["contact"])
        let registered = decoder.bool(fields, "registered")
        let registeredOn = decoder.date(fields, "registered_on")
        let made = decoder.date(fields, "made")
        let kind = decoder.choice(fields, "type", Attorney.Kind.allCases.map(\.rawValue)).flatMap(Attorney.Kind.init)
        let covers = fields?["covers"] == nil ? ["all"] : decoder.textList(fields?["covers"], "'covers'").map(\.text)
        let lifeSustaining = decoder.bool(fields, "life_sustaining") ?? false
        if registered == false, registeredOn != nil, let node = fields?["registered"] {
            decoder.error(
                "'registered: false' contradicts 'registered_on'; an LPA with a registration date is registered — remove one",
                at: node.mark)
        }
        guard let contact = decoder.text(fields, "contact"), let contactNode = fields?["contact"] else { return nil }
        return Attorney(
            contact: contact, contactSource: decoder.location(contactNode.mark), registered: registered ?? false,
            registeredSource: fields?["registered"].map { decoder.location($0.mark) }, made: made, covers: covers,
            lifeSustaining: lifeSustaining, kind: kind, registeredOn: registeredOn, source: decoder.location(node.mark))
    }

    private func view(_ node: YAMLNode) -> DifferingView? {
        let fields = decoder.fields(
            node, "view", keys: ["about", "person", "care_team"], required: ["about", "person", "care_team"])
        guard let about = decoder.text(fields, "about"), let person = decoder.text(fields, "person"),
            let careTeam = decoder.text(fields, "care_team")
        else { return nil }
        return DifferingView(about: about, person: person, careTeam: careTeam, source: decoder.location(node.mark))
    }
}
