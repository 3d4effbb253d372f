import Foundation
import Testing

@testable import CrisisPlan
@testable import CrisisPlanServer

/// SPEC v3 §10 on a small library of its own: each reproduction of the second law read as a
/// test, and near variants of each.
@Suite("Safety v3: sources of harm, prompts, red flags, facts as typed, hours, attorneys, ECT")
struct SafetyV3Tests {
    static let policy = """
        stages:
          - {id: well, label: Well}
          - {id: early, label: Early warning signs}
          - {id: crisis, label: Crisis}
        timezone: Europe/London
        facts:
          - id: abuse_or_neglect
            type: enum
            values: [none, suspected, disclosed]
          - id: domestic_abuse
            type: enum
            values: [not_asked, no, yes]
          - id: harm_source
            type: contact
            source_of_harm: true
            asks: Who is causing the harm?
          - id: self_harm
            type: enum
            values: [none, thoughts, plans, acted]
          - id: overdose
            type: enum
            values: [not_asked, no, unsure, yes]
            not_asked: not_asked
            asks: Has the person taken an overdose?
          - id: detained
            type: bool
        prompts:
          - id: ask-who
            ask: harm_source
            when:
              any:
                - {fact: abuse_or_neglect, at_least: suspected}
                - {fact: domestic_abuse, is: yes}
            because: Find out who is causing harm before calling anyone on the route.
          - id: ask-overdose
            ask: overdose
            when: {fact: self_harm, is: acted}
        red_flags:
          - id: possible-overdose
            words: [overdos*, OD, took tablets, end it]
            ask: overdose
            message: This may be an emergency. Ask about overdose; if yes or unsure, call 999.
        consistency:
          - id: domestic-abuse-is-abuse
            when: {fact: domestic_abuse, is: yes}
            expect: {fact: abuse_or_neglect, at_least: suspected}
            message: Domestic abuse is abuse - record abuse_or_neglect too
        escalation:
          - id: acted
            when: {fact: self_harm, at_least: plans}
            raise_to: crisis
        flags:
          - id: safeguarding
            kind: safeguarding
            title: Safeguarding
            basis: Care Act 2014 s42
            when:
              any:
                - {fact: abuse_or_neglect, at_least: suspected}
                - {fact: domestic_abuse, is: yes}
            permits: Raising a concern.
            must_record: [what]
            effects:
              withhold_contact_named_by: harm_source
          - id: day-team-closed
            kind: statutory
            title: A 24-hour line while the route is closed
            basis: Duty of care
            when:
              all:
                - {stage: {at_least: crisis}}
                - {route_open: false}
            permits: Calling the 24-hour line.
            must_record: [who was called]
            effects:
              add_contacts:
                - {id: line, name: 24-hour line, phone: "0300 555 0111", hours: 24h, professional: true}
          - id: part4
            kind: statutory
            title: Part 4
            basis: MHA Part 4
            when: {fact: detained, is: true}
            permits: Treatment.
            must_record: [what]
            effects:
              mha_part4: true
        decisions:
          - {id: admission, deprivation_of_liberty: true}
          - {id: ect, treatment: ECT, for_mental_disorder: true, ect: true, also: [electroconvulsive therapy]}
          - {id: finances, domain: property}
          - {id: tube-feeding, treatment: tube feeding, for_mental_disorder: true, life_sustaining: true}

        """

    static let plan = """
        person:
          id: kit
          name: Kit Walker
          born: 1991-08-19
        plan:
          agreed: 2026-07-05
          review_by: 2027-07-05
        early_warning_signs:
          - {id: panic, says: My chest goes tight, also: [panic attacks], stage: early}
        responses:
          early:
            - {by: me, do: Text my aunt}
            - {by: supporters, do: Ask Lee to take me out}
          crisis:
            - {by: me, do: Go to my aunt's}
        contacts:
          - {id: lee, name: Lee Walker, relation: partner, phone: "07700 900654"}
          - {id: aunt, name: Rosa Kemp, relation: aunt, phone: "07700 900987"}
          - {id: cmht, name: Community team, phone: "0300 555 0104", professional: true, hours: "Mon-Fri 09:00-17:00"}
        contact_routes:
          early: [aunt, lee]
          crisis: [cmht]
        attorneys:
          - {contact: aunt, type: health_and_welfare, made: 2025-01-01, registered_on: 2025-03-01}
          - {contact: lee, type: property_and_affairs, made: 2025-01-01, registered_on: 2025-03-01}
        advance_decisions:
          refusals:
            - {treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}

        """

    static func answer(_ steps: [(String, [String: String], [String])], now: String? = nil, plan: String = plan) throws
        -> Answer
    {
        let library = try TemporaryLibrary(["policy/policy.yaml": policy, "people/kit.yaml": plan])
        defer { library.remove() }
        let (policy, loaded) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let observations = steps.enumerated().map { index, step in
            var observation = Observation(
                at: Timestamp(parsing: step.0)!, source: SourceLocation(file: "obs.yaml", line: 1 + index))
            observation.facts = step.1.sorted { $0.key < $1.key }.map {
                ObservedFact(
                    fact: $0.key, value: $0.value, factSource: observation.source, valueSource: observation.source)
            }
            observation.signs = step.2.map { SourcedText(text: $0, source: observation.source) }
            return observation
        }
        return try Evaluator(policy: policy, plan: loaded).evaluate(
            observations, now: Timestamp(parsing: now ?? steps.last!.0)!)
    }

    /// Kit's answer at 09:00 on 24 November 2026 for one observation given as on the command
    /// line (`fact=value`, `decision=lacks`), with `plan` as Kit's plan.
    static func assessed(plan: String = plan, facts: [String] = [], capacity: [String]) throws -> Answer {
        let library = try TemporaryLibrary(["policy/policy.yaml": policy, "people/kit.yaml": plan])
        defer { library.remove() }
        let (policy, loaded) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let at = Timestamp(parsing: "2026-11-24T09:00:00Z")!
        let observation = try CommandLineObservation.make(signs: [], facts: facts, capacity: capacity, at: at)!
        return try Evaluator(policy: policy, plan: loaded).evaluate([observation], now: at)
    }

    @Test("domestic abuse and a named partner, abuse left alone: the partner is withheld, never a contact")
    func domesticAbuseAlone() throws {
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["domestic_abuse": "yes", "harm_source": "Lee"], ["panic attacks"])])
        #expect(answer.contacts.map(\.id) == ["aunt"])
        #expect(answer.withheld.map(\.id) == ["lee"])
        #expect(answer.withheld.first?.fact == "harm_source")
        #expect(answer.withheld.first?.namedAt?.description == "2026-11-24T09:00:00Z")
        #expect(answer.warnings.map(\.code).contains(.inconsistentFacts))
    }

    @Test("abuse later recorded as none, or another person named: the first one stays withheld, and the answer says so")
    func retractionKeepsWithholding() throws {
        let named = ("2026-11-24T09:00:00Z", ["abuse_or_neglect": "suspected", "harm_source": "lee"], ["panic"])
        for later in [["abuse_or_neglect": "none"], ["harm_source": "someone-else"], ["harm_source": "aunt"]] {
            let answer = try Self.answer([named, ("2026-11-24T10:00:00Z", later, ["panic"])])
            #expect(!answer.contacts.contains { $0.id == "lee" })
            #expect(answer.withheld.first?.id == "lee")
            let warning = try #require(answer.warnings.first { $0.code == .sourceOfHarmStillWithheld })
            #expect(warning.message.hasPrefix("Lee Walker was named as the source of harm at 2026-11-24T09:00:00Z and is"))
            #expect(warning.message.hasSuffix("a professional decides whether that changes, and records who decided and why"))
        }
        let none = try Self.answer([named, ("2026-11-24T10:00:00Z", ["abuse_or_neglect": "none"], [])])
        #expect(none.withheld.first?.flag == nil)
        #expect(none.warnings.first { $0.code == .sourceOfHarmStillWithheld }?.message.contains(" and is withheld;") == true)
    }

    @Test("a professional's reinstatement, on the record, puts them back")
    func reinstated() throws {
        let library = try TemporaryLibrary(["policy/policy.yaml": Self.policy, "people/kit.yaml": Self.plan])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let source = SourceLocation(file: "obs.yaml", line: 1)
        var first = Observation(at: Timestamp(parsing: "2026-11-24T09:00:00Z")!, source: source)
        first.facts = [ObservedFact(fact: "harm_source", value: "lee", factSource: source, valueSource: source)]
        first.signs = [SourcedText(text: "panic", source: source)]
        var second = Observation(at: Timestamp(parsing: "2026-11-25T09:00:00Z")!, source: source)
        second.reinstated = [Reinstatement(contact: "Lee Walker", by: "Dr A. Okafor", reason: "named in error", source: source)]
        let answer = try Evaluator(policy: policy, plan: plan).evaluate([first, second], now: second.at)
        #expect(answer.withheld.isEmpty)
        #expect(answer.contacts.map(\.id) == ["aunt", "lee"])
        let warning = try #require(answer.warnings.first { $0.code == .sourceOfHarmReinstated })
        #expect(warning.message.contains("Dr A. Okafor") && warning.message.contains("named in error"))
    }

    @Test("abuse suspected and nobody asked who: a prompt before the route; answering it closes it")
    func askWhoFirst() throws {
        let open = try Self.answer([("2026-11-24T09:00:00Z", ["abuse_or_neglect": "Suspected"], ["panic"])])
        #expect(open.prompts.map(\.id) == ["ask-who"])
        #expect(open.prompts.first?.asks == "Who is causing the harm?")
        #expect(AttentionBlock.items(open).contains { $0.hasPrefix("Ask now: Who is causing the harm?") })
        let answered = try Self.answer([("2026-11-24T09:00:00Z", ["abuse_or_neglect": "suspected", "harm_source": "someone-else"], [])])
        #expect(answered.prompts.isEmpty)
    }

    @Test("self-harm that has happened asks about an overdose; 'not asked' leaves it open, an answer closes it")
    func askOverdose() throws {
        let acted = ("2026-11-24T03:00:00Z", ["self-harm": "Acted"], [String]())
        #expect(try Self.answer([acted]).prompts.map(\.id) == ["ask-overdose"])
        #expect(try Self.answer([acted, ("2026-11-24T03:05:00Z", ["overdose": "not asked"], [])]).prompts.map(\.id) == ["ask-overdose"])
        #expect(try Self.answer([acted, ("2026-11-24T03:05:00Z", ["overdose": "no"], [])]).prompts.isEmpty)
    }

    @Test(
        "a risk word typed as a sign is a possible emergency, never read as well",
        arguments: ["took an overdose", "she OVERDOSED.", "OD", "took tablets", "wants to end it all"])
    func redFlags(text: String) throws {
        let answer = try Self.answer([("2026-11-24T03:00:00Z", [:], [text])])
        #expect(answer.warnings.map(\.code) == [.unknownSign, .possibleEmergency])
        #expect(answer.warnings[1].suggestions == ["overdose"])
        #expect(answer.stage.fromRecognisedSignsOnly)
        let text = AnswerText(color: false).render(answer)
        #expect(text.contains("Kit Walker — Well — from recognised signs only"))
        #expect(text.split(separator: "\n")[1].hasPrefix("Possible emergency:"))
        let answered = try Self.answer([
            ("2026-11-24T03:00:00Z", [:], [text]), ("2026-11-24T03:01:00Z", ["overdose": "no"], []),
        ])
        #expect(answered.warnings.contains { $0.code == .possibleEmergency })
        #expect(!AttentionBlock.items(answered).contains { $0.hasPrefix("Possible emergency") })
        // Answered in the same observation as the text, it was not answered to it: the line stays.
        let together = try Self.answer([("2026-11-24T03:00:00Z", ["overdose": "no"], [text])])
        #expect(AttentionBlock.items(together).contains { $0.hasPrefix("Possible emergency") })
    }

    @Test("words that only look like risk words are not red flags", arguments: ["odd thoughts", "tablet computer broke", "ending it"])
    func notRedFlags(text: String) throws {
        let answer = try Self.answer([("2026-11-24T03:00:00Z", [:], [text])])
        #expect(answer.warnings.map(\.code) == [.unknownSign])
    }

    @Test(
        "the shipped red flags catch self-harm and suicide as people type them: short forms, past tenses, methods",
        arguments: [
            "self harm", "self-harmed last night", "hung himself", "O.D.", "o/d", "took a load of painkillers",
            "swallowed all her meds", "slit her wrists", "strangled herself", "tried to drown", "poisoned herself",
            "wants to be dead", "no reason to live", "shot himself", "took an overdose", "wants to end it all",
            "harming himself", "hurt herself", "burned herself", "DSH", "took 16 co-codamol", "drank antifreeze",
            "threatened to throw herself in front of a train", "life isn't worth living", "better off without me", "can't go on",
            // From later reads: past tenses, slang, misspellings, methods and medicines by name.
            "she bled a lot", "took a load of tabs", "lying on the railway tracks", "over dose", "over-dose", "paracetemol",
            "took paracetamols", "took too many meds", "took 40 ibuprofen", "took 20 aspirin", "took rat poison",
            "drank weedkiller", "carbon monoxide", "sucidal", "suiside", "wanna die", "cannot go on", "wants to take her life",
            "wishes she was dead", "dont want to be alive", "no point living", "k.m.s",
            "taking her own life", "kill my self", "end my own life", "does not want to live", "wishes to die",
            "can not go on", "killing meself", "took 30 paracetomol", "took a load of cocodamol", "took all of her meds",
            "took loads of tabs", "ODing", "blood everywhere", "lying on the tracks", "walked into traffic",
            "tied a belt round her neck",
            // A third read: losing consciousness, more overdose and intent wordings, methods, weapons.
            "not breathing", "unconscious", "unresponsive", "collapsed in the kitchen", "took all her medication",
            "took a handful", "ODs", "took 2 ODs this week", "overdoze", "doesn't want to be here anymore",
            "I don't want to be here", "wants to go to sleep and not wake up", "SH", "tied a rope", "at the cliff edge",
            "on the ledge", "scratching herself", "she has a knife", "has knives", "razor blades", "guns", "stabs",
            // A re-check of those: misspellings, not waking, slang for suicide, methods, medicines, weapons.
            "unconcious", "colapsed", "took a handfull", "won't wake", "cannot be woken", "not responding", "barely breathing",
            "no pulse", "turned blue", "having a seizure", "tried to top herself", "nothing to live for", "no point in going on",
            "ending things", "left a note", "everyone would be better off without her", "gassed herself", "set herself alight",
            "walked into the sea", "on the edge of the platform", "tied something round her throat", "drank screenwash",
            "took 20 diazepam", "took too much insulin", "took a whole pack of tramadol", "took her whole prescription",
            "has a shotgun", "has a firearm", "has a machete", "kil myself", "took 40 propranolol", "took all her lithium",
            "took 20 of her tabs", "took a lot of insulin", "on the train line",
        ])
    func shippedRedFlags(text: String) throws {
        let answer = try ShippedRules.respond("robin", signs: [text])
        #expect(answer.warnings.contains { $0.code == .possibleEmergency && $0.observed == text })
    }

    @Test("an overdose, a method or what is seen when someone is found asks about overdose, ligature or injury", arguments: [
        "took 30 citalopram", "took 40 sertraline", "took 20 of her meds", "put a plastic bag over her head",
        "sat in the car with the engine running", "tied a cord to the banister", "is not waking up", "sliced her arm",
        "took 60 quetiapine", "took 14 zopiclone", "exhaust fumes", "hosepipe in the car", "took 30 sertralines",
        "vomiting blood", "foaming at the mouth", "walked onto the motorway", "jumped in the river", "took 30 prozac",
        "swallowed 30 sertraline", "took about 30 citalopram", "taken 30 of my meds", "all my citalopram",
        "vomited blood", "throwing up blood", "bag on her head", "sat in the garage with the car running",
        "hose from the exhaust into the car",
    ])
    func overdoseAndMethods(text: String) throws {
        let answer = try ShippedRules.respond("robin", signs: [text])
        #expect(answer.warnings.contains { $0.code == .possibleEmergency && $0.observed == text }, "\(text)")
    }

    @Test("words about harming someone else ask about it", arguments: [
        "threatening to kill her partner", "says he will kill the kids", "wants to hurt the baby", "threatened to stab him",
        "he said he'd kill his dad", "said she will murder him", "I will kill you", "wants to hurt his mum", "shook the baby",
        "set fire to the flat",
    ])
    func harmToOthers(text: String) throws {
        let answer = try ShippedRules.respond("robin", signs: [text])
        #expect(
            answer.warnings.contains {
                $0.code == .possibleEmergency && $0.observed == text && $0.message.hasPrefix("They may be saying they will harm someone else.")
            }, "\(answer.warnings.map(\.message))")
    }

    @Test(
        "a red flag is found however its letters are typed: spaced out, broken by a hyphen, digits for letters, accents, look-alike letters",
        arguments: [
            "s u i c i d e", "sui-cide", "k1ll myself", "\u{43E}verdose", "ov\u{E8}rdose", "OVERD0SE", "s.u.i.c.i.d.a.l",
            "0verdosed", "su1c1dal", "$uicide", "kn!fe", "k!ll mys3lf", "SU\u{130}C\u{130}DE",
        ])
    func redFlagsHoweverTyped(text: String) throws {
        let answer = try ShippedRules.respond("robin", signs: [text])
        #expect(answer.warnings.contains { $0.code == .possibleEmergency && $0.observed == text }, "\(text)")
    }

    @Test("the shipped red flags leave everyday words alone", arguments: [
        "hung the washing out", "hung out with friends at the park", "food poisoning from a takeaway",
        "swallowed his pride and apologised", "shot a great photo", "wrist watch broke", "drowning in paperwork",
        "keeps tabs on her sister", "I want to be alive for my son", "seems odd today", "has a lot of tabs open on her phone",
        "a bit stable today", "called at 10 past 3", "room 101 is a mess", "a b c of coping", "fitting in at school",
        "ran out of petrol", "swimming in the sea", "took her insulin as usual", "started on sertraline", "slept 5h last night",
        "Cliff from the allotment visited", "did not wake up until noon", "took 20 minutes to calm down",
        "took her citalopram this morning", "took 2 buses to get here", "started on lithium", "started quetiapine",
        "took lithium as usual", "wearing a charcoal grey hoodie", "did some charcoal drawing at art group",
        "holding onto the banister on the stairs", "washing the car with the hosepipe", "left the engine running while she popped into the shop",
        "car engine running rough", "exhaust pipe fell off her car", "swimming in the river with friends",
        "feeding the ducks in the canal", "sliced her bread", "sliced my finger chopping onions", "took too many days off work",
        "not waking up until midday, sleeping in", "can't breathe through her nose, hay fever", "coughing up blood with a chest infection, GP seen",
        "plastic bag over the cast to shower",
    ])
    func shippedRedFlagsNotEveryday(text: String) throws {
        let answer = try ShippedRules.respond("robin", signs: [text])
        #expect(!answer.warnings.contains { $0.code == .possibleEmergency }, "\(text)")
    }

    @Test("ECT being decided for an adult is not the under-18 flag; for an age not known it is (Mia's scenario: 16)")
    func ectUnder18OnlyUnder18() throws {
        for status in ["has", "lacks"] {
            let answer = try ShippedRules.respond("priya", capacity: ["ect=\(status)"])
            #expect(!answer.flags.contains { $0.id == "ect-under-18" }, "\(status)")
            let unknown = try ShippedRules.respond("robin", capacity: ["ect=\(status)"])
            #expect(unknown.flags.contains { $0.id == "ect-under-18" }, "\(status)")
            #expect(unknown.warnings.contains { $0.code == .ageUnknown })
        }
    }

    @Test("a police station is for adults only: an age not known is never taken as 18 or over")
    func policeStationAgeUnknown() throws {
        let facts = ["mha_detention=section_136", "setting=police_station", "police_station_conditions_met=yes"]
        let unknown = try ShippedRules.respond("robin", facts: facts)
        #expect(unknown.flags.map(\.id).contains("police-station-move-now"))
        #expect(!unknown.flags.map(\.id).contains("police-station-conditions-met"))
        #expect(unknown.warnings.contains { $0.code == .ageUnknown })
        // An adult whose plan gives their date of birth may be kept while every condition holds.
        let adult = try ShippedRules.respond("priya", facts: facts)
        #expect(adult.flags.map(\.id).contains("police-station-conditions-met"))
        #expect(!adult.flags.map(\.id).contains("police-station-move-now"))
    }

    @Test("a red-flag stem is three letters or more then '*': '*' alone or 'od*' would match nearly anything", arguments: ["*", "od*", "ov*rdose", "over**"])
    func redFlagStems(word: String) throws {
        let policy = Self.policy.replacingOccurrences(
            of: "words: [overdos*, OD, took tablets, end it]", with: "words: [overdos*, OD, \"took \(word)\", end it]")
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": policy, "people/kit.yaml": Self.plan])
        #expect(
            found.contains { $0.hasSuffix("error: '\(word)' in 'words': '*' ends a stem of three letters or more, like 'overdos*'") },
            "\(found)")
    }

    @Test("an LPA registered before it was made is an error; a contact twice in one route is a warning")
    func attorneyDatesAndRepeatedContacts() throws {
        let plan = Self.plan
            .replacingOccurrences(
                of: "{contact: aunt, type: health_and_welfare, made: 2025-01-01, registered_on: 2025-03-01}",
                with: "{contact: aunt, type: health_and_welfare, made: 2025-04-01, registered_on: 2025-03-01}")
            .replacingOccurrences(of: "early: [aunt, lee]", with: "early: [aunt, lee, aunt]")
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": Self.policy, "people/kit.yaml": plan])
        #expect(
            found.contains {
                $0.hasSuffix("error: the lasting power of attorney held by 'aunt' is registered on 2025-03-01, before it was made on 2025-04-01; correct one of the dates")
            }, "\(found)")
        #expect(
            found.contains { $0.hasSuffix("warning: 'aunt' is listed twice in the early route; keep them once, in the place the person chose") },
            "\(found)")
    }

    @Test("the answer page carries each contact's notes and every attorney, as the text form does")
    func answerPageAsTheTextForm() throws {
        let answer = try ShippedRules.respond(
            "priya", signs: ["misidentifying partner"], facts: ["consent_to_share_with_family=no"])
        let page = AnswerPage(answer)
        // The text form wraps its lines: compared word by word.
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let text = words(AnswerText(color: false).render(answer))
        #expect(page.contacts.contains { !$0.notes.isEmpty })
        for contact in page.contacts { for note in contact.notes { #expect(text.contains(words(note)), "\(note)") } }
        let assessed = try Self.assessed(capacity: ["finances=lacks"])
        #expect(AnswerPage(assessed).advance.filter { $0.hasPrefix("Attorney: ") }.count == 2)
    }

    @Test("facts as people type them: ids and values normalised, yes/no for bools, one fact given twice is bad input")
    func factsAsTyped() throws {
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["Domestic-Abuse": "YES", "detained": "yes"], [])])
        #expect(answer.flags.map(\.id) == ["safeguarding", "part4"])
        #expect(throws: DiagnosticList.self) {
            try Self.answer([("2026-11-24T09:00:00Z", ["self-harm": "acted", "self_harm": "none"], [])])
        }
    }

    @Test("a flag that raises the stage past the plan's last responses: own responses as the stage has them (none), and the warning gives what the person agreed for the stage below, in their words and order")
    func raisedPastTheLastResponses() throws {
        let answer = try ShippedRules.respond("kit", signs: ["cutting"], facts: ["overdose_injury_or_ligature=unsure"])
        #expect(answer.stage.id == "emergency")
        #expect(answer.ownResponses.isEmpty)
        let warning = try #require(answer.warnings.first { $0.code == .noResponsesForStage })
        #expect(
            warning.message
                == "Kit Walker's plan has no agreed responses for stage 'emergency'; at 'crisis' Kit Walker agreed: See me on my own, away from home; Go to my aunt's with my son; ask them what helps")
    }

    @Test("a response quoted in no-responses-for-stage says whom it names that is withheld")
    func quotedResponseNamesWithheld() throws {
        let library = try TemporaryLibrary.shipped(changing: ["people/kit.yaml": [("do: Go to my aunt's with my son", "do: Lee takes my son to my aunt's")]])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(signs: ["cutting"], facts: ["overdose_injury_or_ligature=unsure", "harm_source=lee"])],
            now: ShippedRules.now)
        let warning = try #require(answer.warnings.first { $0.code == .noResponsesForStage })
        #expect(warning.message.contains("Lee takes my son to my aunt's (names Lee Walker — withheld)"), "\(warning.message)")
    }

    @Test("a route emptied of people not to call says no one can be called, at any stage; no route while well says nothing")
    func emptiedRoute() throws {
        let library = try TemporaryLibrary.shipped(changing: ["people/kit.yaml": [("  early: [aunt, lee]", "  well: [lee]\n  early: [aunt, lee]")]])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "kit", today: nil)
        let emptied = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(facts: ["harm_source=lee"])], now: ShippedRules.now)
        #expect(emptied.stage.id == "well")
        #expect(AttentionBlock.items(emptied).contains("No one on the route can be called now"), "\(AttentionBlock.items(emptied))")
        let noRoute = try ShippedRules.respond("sam")
        #expect(noRoute.stage.id == "well")
        #expect(!AttentionBlock.items(noRoute).contains("No one on the route can be called now"))
    }

    @Test("a daytime team closed at 3 a.m. is never the only route: open_now, opens_at, the 24-hour line, the warning")
    func closedRoute() throws {
        // Tuesday 24 November 2026, 03:00 in London (GMT).
        let night = try Self.answer([("2026-11-24T03:00:00Z", ["self_harm": "acted"], [])])
        #expect(night.stage.id == "crisis")
        #expect(night.contacts.map(\.id) == ["cmht", "line"])
        #expect(night.contacts[0].openNow == false)
        #expect(night.contacts[0].opensAt == "2026-11-24T09:00:00+00:00")
        #expect(night.contacts[1].openNow == true)
        #expect(night.warnings.contains { $0.code == .contactClosedNow && $0.message.contains("opens Tue 09:00") })
        #expect(AttentionBlock.items(night).contains("No one on the route is open now"))
        #expect(AnswerText(color: false).render(night).contains("1. Community team — 0300 555 0104 — closed now — opens Tue 09:00"))
        // The answer page says so too, on the contact's line.
        #expect(AnswerPage(night).contacts.map(\.closed) == ["closed now — opens Tue 09:00", nil])
        // Wednesday 10:00 in summer time is 09:00 UTC: open.
        let day = try Self.answer([("2026-06-10T09:00:00Z", ["self_harm": "acted"], [])])
        #expect(day.contacts.map(\.id) == ["cmht"])
        #expect(day.contacts[0].openNow == true)
        // Friday 18:00 opens Monday.
        let weekend = try Self.answer([("2026-11-27T18:00:00Z", ["self_harm": "acted"], [])])
        #expect(weekend.contacts[0].opensAt == "2026-11-30T09:00:00+00:00")
    }

    @Test("an own response naming a withheld person says so and stays where it is")
    func namesWithheld() throws {
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["abuse_or_neglect": "suspected", "harm_source": "lee"], ["panic"])])
        #expect(answer.ownResponses.map(\.action) == ["Text my aunt", "Ask Lee to take me out"])
        #expect(answer.ownResponses.map(\.namesWithheld) == [[], ["lee"]])
        #expect(AnswerText(color: false).render(answer).contains("(names Lee Walker — withheld, see below)"))
        // The answer page says it too, after the response.
        #expect(AnswerPage(answer).responses.map(\.note) == [nil, "(names Lee Walker — withheld, see below)"])
    }

    @Test("each kind of attorney decides only its own kind of decision")
    func attorneyKinds() throws {
        let steps = [("2026-11-24T09:00:00Z", [String: String](), [String]())]
        let library = try TemporaryLibrary(["policy/policy.yaml": Self.policy, "people/kit.yaml": Self.plan])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let at = Timestamp(parsing: steps[0].0)!
        func assessed(_ decision: String) throws -> Answer {
            let observation = try CommandLineObservation.make(signs: [], facts: [], capacity: ["\(decision)=lacks"], at: at)!
            return try Evaluator(policy: policy, plan: plan).evaluate([observation], now: at)
        }
        let money = try assessed("finances")
        #expect(money.attorneys.map(\.canAct) == [false, true])
        #expect(money.attorneys[0].because.contains("s9(1)(a)"))
        let ect = try assessed("Electroconvulsive Therapy")
        #expect(ect.attorneys[0].decisions.map(\.decision) == ["ect"])
        #expect(ect.attorneys[1].decisions.first?.because.contains("s9(1)(b)") == true)
        #expect(ect.attorney?.id == "aunt")
    }

    @Test("an attorney whose LPA's kind the plan does not give cannot act, in the contract's words; check and the answer warn")
    func attorneyTypeMissing() throws {
        let plan = Self.plan.replacingOccurrences(
            of: "{contact: aunt, type: health_and_welfare, made: 2025-01-01, registered_on: 2025-03-01}",
            with: "{contact: aunt, made: 2025-01-01, registered_on: 2025-03-01}")
        let answer = try Self.assessed(plan: plan, capacity: ["ect=lacks"])
        let aunt = try #require(answer.attorneys.first { $0.id == "aunt" })
        #expect(!aunt.canAct)
        #expect(aunt.decisions.first?.because == "the plan does not say which kind of LPA this is (MCA s9(1))")
        #expect(answer.warnings.contains { $0.code == .attorneyTypeMissing })
        let diagnostics = try LibraryFixture.diagnostics(["policy/policy.yaml": Self.policy, "people/kit.yaml": plan])
        #expect(diagnostics.contains { $0.contains("warning: attorney-type-missing") }, "\(diagnostics)")
    }

    @Test("ECT under Part 4: the attorney cannot consent, and their refusal binds, in the contract's words")
    func ectAttorneyUnderPart4() throws {
        let answer = try Self.assessed(facts: ["detained=true"], capacity: ["ect=lacks"])
        let aunt = try #require(answer.attorneys.first { $0.id == "aunt" })
        let ect = try #require(aunt.decisions.first { $0.decision == "ect" })
        #expect(!ect.canAct)
        #expect(ect.canRefuse)
        #expect(ect.because.contains("Rosa Kemp cannot consent under Part 4; a refusal by Rosa Kemp binds (MHA s58A(5)(c)(ii))"), "\(ect.because)")
    }

    @Test("an ECT refusal is never overridden under Part 4, however the plan names it; the attorney's refusal binds")
    func ectRefusal() throws {
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["detained": "true"], [])])
        #expect(answer.refusals.map(\.ect) == [true])
        #expect(answer.refusals.first?.binding == true)
        #expect(answer.refusals.first?.mayBeOverriddenBy == nil)
        #expect(AnswerText.refusalText(answer.refusals[0]).contains("s58A(5)(c)(i)"))
    }

    @Test(
        "a refusal of a treatment the policy declares life-sustaining binds only signed, witnessed and 'even if life is at risk', whatever its own keys say"
    )
    func lifeSustainingByDecision() throws {
        let unwitnessed = Self.plan.replacingOccurrences(
            of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
            with: "{treatment: Tube Feeding, made: 2025-06-01}")
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["detained": "true"], [])], plan: unwitnessed)
        #expect(answer.refusals.map(\.binding) == [false])
        #expect(answer.refusals.first?.notBindingBecause.first?.contains("signed, witnessed, stated to apply even if life is at risk (MCA 2005 s25(5)-(6))") == true)
        #expect(answer.warnings.contains { $0.code == .advanceRefusalNotValid })
        // The same reading in `check`, the plan as JSON and the plan as shown.
        let library = try TemporaryLibrary(["policy/policy.yaml": Self.policy, "people/kit.yaml": unwitnessed])
        defer { library.remove() }
        let (policy, loaded) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        #expect(PlanJSON.render(loaded, policy: policy).contains(#""binding":false"#))
        let bundle = FHIRBundle.json(
            context: EvaluationContext(policy: CompiledPolicy(policy), plan: loaded), at: Timestamp(parsing: "2026-11-24T09:00:00Z")!)
        #expect(bundle.contains("Refuses Tube Feeding: not binding ("), "\(bundle)")
        let shown = PlanDocument(plan: loaded, policy: policy).sections.flatMap(\.lines)
        #expect(shown.contains { $0.hasPrefix("Tube Feeding (made 2025-06-01) — not binding") })
        let diagnostics = try LibraryFixture.diagnostics(["policy/policy.yaml": Self.policy, "people/kit.yaml": unwitnessed])
        #expect(diagnostics.contains { $0.contains("warning: advance-refusal-not-valid: the refusal of Tube Feeding is not binding") })

        // Written as the law asks, it binds; and as a treatment for the mental disorder (by the
        // decision) Part 4 may override it.
        let witnessed = Self.plan.replacingOccurrences(
            of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
            with: "{treatment: tube feeding, made: 2025-06-01, signed: true, witnessed: true, even_if_life_at_risk: true}")
        let binding = try Self.answer([("2026-11-24T09:00:00Z", ["detained": "true"], [])], plan: witnessed)
        #expect(binding.refusals.map(\.binding) == [true])
        #expect(binding.refusals.first?.mayBeOverriddenBy == "part4")
    }

    @Test(
        "a refusal whose words name a life-sustaining treatment, with no decision for it, binds only with the formalities",
        arguments: ["NG tube feeding", "PEG feeding", "artificial nutrition", "CPR", "treatment after an overdose", "anything to keep me alive"])
    func lifeSustainingByItsWords(treatment: String) throws {
        let plan = Self.plan.replacingOccurrences(
            of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
            with: "{treatment: \(treatment), made: 2025-06-01}")
        let answer = try Self.answer([("2026-11-24T09:00:00Z", [:], [])], plan: plan)
        #expect(answer.refusals.map(\.binding) == [false], "\(treatment)")
        #expect(!AdvanceRefusal.looksLifeSustaining("haloperidol"))
        #expect(!AdvanceRefusal.looksLifeSustaining("olanzapine injections"))
    }

    @Test("an LPA registered after the day shown does not yet overtake an earlier refusal, on paper as in the answer")
    func notYetRegistered() throws {
        let plan = Self.plan.replacingOccurrences(
            of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
            with: "{treatment: haloperidol, made: 2024-12-01}")
        let library = try TemporaryLibrary(["policy/policy.yaml": Self.policy, "people/kit.yaml": plan])
        defer { library.remove() }
        let (policy, loaded) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let refusals = { (today: String) in
            PlanDocument(plan: loaded, policy: policy, today: CalendarDate(parsing: today)).sections
                .first { $0.title == "Treatments I refuse" }?.lines ?? []
        }
        #expect(refusals("2025-02-01").first?.contains("— binding if I lack capacity for it") == true)
        #expect(refusals("2026-11-24").first?.contains("— not binding: a lasting power of attorney") == true)
        #expect(PlanJSON.render(loaded, policy: policy, today: CalendarDate(parsing: "2025-02-01")).contains(#""binding":true"#))
    }

    @Test("a refusal of ECT however it is written is read as one: never overridden under Part 4, and check says so")
    func ectHoweverWritten() throws {
        for treatment in [
            "shock treatment (ECT)", "(ECT)", "E.C.T.", "electro-convulsive therapy", "Electro Convulsive Therapy",
            "ECT, and olanzapine", "ECT/electroshock", "ECTs",
        ] {
            #expect(AdvanceRefusal.looksLikeECT(treatment), "\(treatment)")
            let plan = Self.plan.replacingOccurrences(
                of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
                with: "{treatment: \"\(treatment)\", made: 2025-06-01, for_mental_disorder: true}")
            let answer = try Self.answer([("2026-11-24T09:00:00Z", ["detained": "true"], [])], plan: plan)
            #expect(answer.refusals.map(\.ect) == [true], "\(treatment)")
            #expect(answer.refusals.first?.mayBeOverriddenBy == nil, "\(treatment)")
            let diagnostics = try LibraryFixture.diagnostics(["policy/policy.yaml": Self.policy, "people/kit.yaml": plan])
            #expect(diagnostics.contains { $0.contains("warning: refusal-may-be-ect:") }, "\(treatment)")
        }
        for other in ["haloperidol", "respect for my wishes", "electrolyte drip", "a project", "section 3"] {
            #expect(!AdvanceRefusal.looksLikeECT(other), "\(other)")
        }
    }

    @Test("a refusal whose author wrote ect: false is read as not ECT, though its wording looks like ECT; check says so")
    func explicitlyNotECT() throws {
        let plan = Self.plan.replacingOccurrences(
            of: "{treatment: electroconvulsive therapy, made: 2025-06-01, for_mental_disorder: true}",
            with: "{treatment: ECT treatment, made: 2025-06-01, for_mental_disorder: true, ect: false}")
        let answer = try Self.answer([("2026-11-24T09:00:00Z", ["detained": "true"], [])], plan: plan)
        #expect(answer.refusals.map(\.ect) == [false])
        #expect(answer.refusals.first?.mayBeOverriddenBy != nil)
        let diagnostics = try LibraryFixture.diagnostics(["policy/policy.yaml": Self.policy, "people/kit.yaml": plan])
        #expect(diagnostics.contains { $0.contains("warning: refusal-may-be-ect:") && $0.contains("says 'ect: false'") }, "\(diagnostics)")
    }

    @Test("a reinstatement says who decided and why: a blank 'by' or 'reason' is bad input, at its line")
    func reinstatementNeverBlank() throws {
        let body = """
            observations:
              - at: 2026-11-24T10:00:00Z
                reinstated: [{contact: lee, by: "", reason: "  "}]
            """
        #expect {
            try ObservationDecoder.decode(SourceFile(path: "<stdin>", bytes: Array(body.utf8)))
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.map(\.summary) == [
                "<stdin>:3:37: error: 'by' is empty; write who decided",
                "<stdin>:3:49: error: 'reason' is empty; write why",
            ]
        }
    }

    @Test("a source of harm typed to look like an id or a one-word name still names them, with a warning; never blocks")
    func lookAlikeOfAnIdOrName() throws {
        for (typed, id) in [
            ("L\u{0435}e", "lee"), ("\u{0430}unt", "aunt"), ("l\u{0435}e walker", "lee"), ("ROS\u{0410} KEMP", "aunt"),
        ] {
            let answer = try Self.answer([
                ("2026-11-24T09:00:00Z", ["abuse_or_neglect": "suspected", "harm_source": typed], ["panic attacks"])
            ])
            #expect(answer.withheld.map(\.id) == [id], "\(typed)")
            #expect(!answer.contacts.contains { $0.id == id })
            #expect(answer.warnings.contains { $0.code == .contactFactLookAlike && $0.suggestions == [id] }, "\(typed)")
        }
    }

    @Test("a policy default of a contact fact names no one: check warns, and the answer withholds no one")
    func contactFactDefaultNamesNoOne() throws {
        for value in ["lee", "Lee Walker", "someone-else"] {
            let policy = Self.policy.replacingOccurrences(
                of: "    source_of_harm: true\n", with: "    source_of_harm: true\n    default: \(value)\n")
            let found = try LibraryFixture.diagnostics(["policy/policy.yaml": policy, "people/kit.yaml": Self.plan])
            #expect(
                found == [
                    "policy/policy.yaml:16:14: warning: a contact fact's default names no one (contacts differ from plan to plan); it is ignored"
                ])
            let library = try TemporaryLibrary(["policy/policy.yaml": policy, "people/kit.yaml": Self.plan])
            defer { library.remove() }
            let (loaded, plan) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
            for facts in [[:], ["abuse_or_neglect": "suspected"]] {
                let source = SourceLocation(file: "obs.yaml", line: 1)
                let observation = Observation(
                    at: Timestamp(parsing: "2026-11-24T09:00:00Z")!, signs: [SourcedText(text: "panic", source: source)],
                    facts: facts.map { ObservedFact(fact: $0.key, value: $0.value, factSource: source, valueSource: source) },
                    source: source)
                let answer = try Evaluator(policy: loaded, plan: plan).evaluate(
                    [observation], now: Timestamp(parsing: "2026-11-24T09:00:00Z")!)
                #expect(answer.withheld.isEmpty)
                #expect(answer.contacts.map(\.id) == ["aunt", "lee"])
            }
        }
    }

    @Test("a refusal read as ECT by its wording alone is decided by an assessment of the ECT decision, as one written ECT is", arguments: ["E.C.T.", "electro-convulsive therapy", "ECT treatment"])
    func ectWordingLinksToTheAssessment(treatment: String) throws {
        let library = try TemporaryLibrary.shipped(changing: ["people/priya.yaml": [("    - treatment: ECT\n", "    - treatment: \(treatment)\n")]])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "priya", today: nil)
        for (status, applies) in [("lacks", true), ("has", false)] {
            let answer = try Evaluator(policy: policy, plan: plan).evaluate(
                [try ShippedRules.observation(capacity: ["ect=\(status)"])], now: ShippedRules.now)
            let line = try #require(answer.refusals.first { $0.treatment == treatment })
            #expect(line.ect)
            #expect(line.appliesNow == applies, "\(treatment) \(status)")
        }
    }

    @Test("check: the new keys are located and typed, with what was expected")
    func checkMessages() throws {
        let bad = Self.policy
            .replacingOccurrences(of: "    ask: overdose\n    message", with: "    ask: detained\n    message")
            .replacingOccurrences(of: "source_of_harm: true\n    asks", with: "source_of_harm: true\n    asks")
            .replacingOccurrences(of: "  - id: detained\n    type: bool", with: "  - id: detained\n    type: bool\n    not_asked: no")
        let planText = Self.plan
            .replacingOccurrences(of: "hours: \"Mon-Fri 09:00-17:00\"", with: "hours: \"weekdays 9-5\"")
            .replacingOccurrences(of: "type: property_and_affairs", with: "type: money")
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": bad, "people/kit.yaml": planText])
        #expect(found.contains("policy/policy.yaml:27:16: error: 'not_asked' is for enum facts; fact 'detained' is bool"))
        #expect(found.contains { $0.hasPrefix("policy/policy.yaml:") && $0.hasSuffix("error: red flag 'possible-overdose' points at fact 'detained', which has no 'asks' text; give the fact the question staff ask") })
        #expect(found.contains { $0.contains("error: 'hours' cannot be 'weekdays 9-5'; write 24h, or weekly windows like \"Mon-Fri 09:00-17:00\"") })
        #expect(found.contains { $0.contains("error: 'type' cannot be 'money'") })
        // Bad hours never stop an answer: the team, on the route at early, is shown with the warning.
        let library = try TemporaryLibrary([
            "policy/policy.yaml": Self.policy,
            "people/kit.yaml": planText.replacingOccurrences(of: "type: money", with: "type: property_and_affairs")
                .replacingOccurrences(of: "early: [aunt, lee]", with: "early: [aunt, lee, cmht]"),
        ])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let night = Timestamp(parsing: "2026-11-24T03:00:00Z")!
        var observation = Observation(at: night, source: SourceLocation(file: "obs", line: 1))
        observation.signs = [SourcedText(text: "panic", source: observation.source)]
        let answer = try Evaluator(policy: policy, plan: plan).evaluate([observation], now: night)
        #expect(answer.contacts.contains { $0.id == "cmht" && $0.openNow == nil })
        #expect(answer.warnings.contains { $0.code == .contactHoursInvalid })
    }
}
