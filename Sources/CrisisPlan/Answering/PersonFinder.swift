import Foundation

/// Finds the plan a crisis worker means (SPEC v2 §8): PERSON is an id in any case, or — only
/// when no id matches — the person's name, normalised, when exactly one plan has it. Anything
/// else is bad input naming at most five of the closest ids and names, never the whole list.
///
/// The command line looks in the `people/` folder; the service in the library it has loaded.
/// Both go through `find`, so both say the same thing.
public enum PersonFinder {
    /// The path of the person's plan file.
    public static func path(for person: String, in rules: RulesDirectory) throws(BadInput) -> String {
        let exact = rules.planPath(for: person)
        // The common case without listing the folder (5,000 plans take longer to list than to answer).
        if !person.isEmpty, !person.hasPrefix("."), person.allSatisfy({ $0 != "/" }),
            FileManager.default.fileExists(atPath: exact)
        {
            return exact
        }
        let files = RulesDirectory.yamlFiles(in: rules.peopleFolder)?.yaml ?? []
        let index = try find(
            person, ids: files.map(RulesDirectory.personID(ofPlanFile:)), name: { nameOfPerson(files[$0]) },
            identifiers: { identifiersOfPerson(files[$0]) }, folder: rules.peopleFolder)
        return files[index]
    }

    /// The position of the person among `ids` (plan file names), looking at names — read by
    /// `name`, only when no id matches — as SPEC says.
    public static func find(
        _ person: String, ids: [String], name: (Int) -> String?,
        identifiers: (Int) -> [(system: String, key: String)] = { _ in [] }, folder: String
    ) throws(BadInput) -> Int {
        if let exact = ids.firstIndex(of: person) { return exact }
        let byCase = ids.indices.filter { ids[$0].lowercased() == person.lowercased() }
        if byCase.count == 1 { return byCase[0] }
        if byCase.count > 1 {
            throw BadInput(
                "error: '\(person)' matches more than one plan by id: "
                    + byCase.map { ids[$0] }.joined(separator: ", ") + "; give the id exactly",
                suggestions: byCase.map { ids[$0] })
        }
        // Then an identifier: `system|value`, or a value only one person has (spaces and
        // hyphens aside, as NHS numbers are written both ways).
        var system: String?
        var value = person
        if let bar = person.lastIndex(of: "|") {
            system = String(person[..<bar])
            value = String(person[person.index(after: bar)...])
        }
        let key = Person.Identifier.key(value)
        var shared: BadInput?
        if !key.isEmpty, key.contains(where: \.isNumber) || system != nil {
            let byIdentifier = ids.indices.filter { index in
                identifiers(index).contains { (system == nil || $0.system == system) && $0.key == key }
            }
            if byIdentifier.count == 1 { return byIdentifier[0] }
            if byIdentifier.count > 1 {
                shared = BadInput(
                    "error: the identifier '\(person)' belongs to more than one plan: "
                        + byIdentifier.map { ids[$0] }.joined(separator: ", ") + "; give their id",
                    suggestions: byIdentifier.map { ids[$0] })
                // `system|value` names one identifier; a bare value only one person has counts,
                // and one that several have does not, so their names are looked at next.
                if let shared, system != nil { throw shared }
            }
        }
        let wanted = TextNormalizer.normalize(person)
        let names = ids.indices.map(name)
        let byName = ids.indices.filter { names[$0].map(TextNormalizer.normalize) == wanted }
        if byName.count == 1 { return byName[0] }
        if byName.isEmpty, let shared { throw shared }
        if byName.count > 1 {
            throw BadInput(
                "error: more than one person is called '\(person)': "
                    + byName.map { "'\(ids[$0])'" }.joined(separator: ", ") + "; give their id",
                suggestions: byName.map { ids[$0] })
        }
        var candidates: [String] = []
        var owners: [Int] = []
        for index in ids.indices {
            for candidate in [ids[index], names[index]].compactMap({ $0 }) {
                candidates.append(candidate)
                owners.append(index)
            }
        }
        var near: [Int] = []
        for candidate in Suggestion.nearest(person, in: candidates, limit: 10) {
            guard let position = candidates.firstIndex(of: candidate), !near.contains(owners[position]) else {
                continue
            }
            near.append(owners[position])
            // At most five, and never everyone: a list of all the people is no suggestion.
            if near.count == min(5, ids.count - 1) { break }
        }
        let hint =
            near.isEmpty
            ? "" : "; did you mean " + near.map { "'\(ids[$0])'" + (names[$0].map { " (\($0))" } ?? "") }
                .joined(separator: ", ") + "?"
        throw BadInput(
            "error: unknown person '\(TerminalText.visible(person))': no plan in \(folder)/ has that id or name\(hint)",
            suggestions: near.map { ids[$0] })
    }

    /// `person.name` from a plan file, read without validating the rest; `nil` when unreadable.
    /// `person.identifiers` from a plan file, read without validating the rest.
    private static func identifiersOfPerson(_ path: String) -> [(system: String, key: String)] {
        guard let source = RulesDirectory.read(path), let root = try? YAMLParser.parse(source),
            case .mapping(let entries) = root.content,
            let person = entries.first(where: { $0.key == "person" })?.value,
            case .mapping(let fields) = person.content,
            let list = fields.first(where: { $0.key == "identifiers" })?.value,
            case .sequence(let items) = list.content
        else { return [] }
        return items.compactMap { item in
            guard case .mapping(let entry) = item.content,
                case .scalar(let system)? = entry.first(where: { $0.key == "system" })?.value.content,
                case .scalar(let value)? = entry.first(where: { $0.key == "value" })?.value.content,
                // An NHS number that fails its check finds no one, as the loaded plan keeps none.
                system.text != Person.Identifier.nhsNumber || NHSNumber.problem(value.text) == nil
            else { return nil }
            return (system.text, Person.Identifier.key(value.text))
        }
    }

    private static func nameOfPerson(_ path: String) -> String? {
        guard let source = RulesDirectory.read(path), let root = try? YAMLParser.parse(source),
            case .mapping(let entries) = root.content,
            let person = entries.first(where: { $0.key == "person" })?.value,
            case .mapping(let fields) = person.content,
            let name = fields.first(where: { $0.key == "name" })?.value,
            case .scalar(let scalar) = name.content
        else { return nil }
        return scalar.text
    }
}
