import Foundation
import Dispatch

/// Reads a rules library: the merged policy, and one or all plans.
///
/// `check` loads everything (plans in parallel, one per core); `respond` loads the policy and
/// the one plan it needs. Diagnostics from every file are collected, never thrown one at a time.
public enum RulesLoader {
    /// Reads, parses and decodes a file with a decoder built for it.
    static func load<Value>(
        _ path: String, decode: (FileDecoder, YAMLNode?) -> Value?
    ) -> LoadedFile<Value> {
        let source: SourceFile
        switch FileReader.read(path) {
        case .success(let read):
            source = read
        case .failure(let problem):
            return LoadedFile(
                source: SourceFile(path: path, bytes: []), value: nil,
                diagnostics: [.error("this \(problem.description)", at: SourceLocation(file: path, line: 1))])
        }
        return load(source, decode: decode)
    }

    /// Parses and decodes text already read.
    static func load<Value>(_ source: SourceFile, decode: (FileDecoder, YAMLNode?) -> Value?) -> LoadedFile<Value> {
        let root: YAMLNode?
        var problems: [Diagnostic] = []
        do {
            root = try YAMLParser.parse(source, problems: &problems)
        } catch {
            return LoadedFile(source: source, value: nil, diagnostics: problems + [error])
        }
        let decoder = FileDecoder(file: source.path)
        let value = decode(decoder, root)
        return LoadedFile(source: source, value: value, diagnostics: problems + decoder.diagnostics)
    }

    /// A warning for each file in a rules folder that is not read — an error for a `.yml`
    /// file: it was meant to be read, and a policy run without it (an emergency flag, say)
    /// would answer as if the flag did not exist.
    private static func ignored(_ paths: [String]) -> [Diagnostic] {
        paths.map { path in
            let at = SourceLocation(file: path, line: 1)
            return path.lowercased().hasSuffix(".yml")
                ? .error("a .yml file is not read: only .yaml files are; rename it to end in .yaml", at: at)
                : .warning("not a .yaml file; ignored", at: at)
        }
    }

    /// An error for each plan file whose name differs only by case from an earlier one: PERSON
    /// is found in any case (SPEC v2 §8), so `Sam.yaml` beside `sam.yaml` would make the answer
    /// depend on which file the folder listing gives first.
    public static func caseClashes(_ paths: [String]) -> [Diagnostic] {
        var first: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let name = String(path.split(separator: "/").last ?? "")
            if let earlier = first[name.lowercased()] {
                diagnostics.append(
                    .error(
                        "plan file '\(name)' differs only by case from \(earlier); a person is found by id in any case, so keep one file per person",
                        at: SourceLocation(file: path, line: 1)))
            } else {
                first[name.lowercased()] = path
            }
        }
        return diagnostics
    }

    /// Loads and validates every `policy/*.yaml` file.
    public static func loadPolicy(_ rules: RulesDirectory) -> PolicyLoad {
        var result = PolicyLoad()
        guard let (files, others) = RulesDirectory.yamlFiles(in: rules.policyFolder) else {
            result.diagnostics.append(
                .error(
                    "no policy folder: expected \(rules.policyFolder)/ with at least one .yaml file",
                    at: SourceLocation(file: rules.policyFolder, line: 1)))
            return result
        }
        result.diagnostics += ignored(others)
        if files.isEmpty {
            result.diagnostics.append(
                .error(
                    "no policy files: \(rules.policyFolder)/ holds no .yaml file",
                    at: SourceLocation(file: rules.policyFolder, line: 1)))
            return result
        }
        var fragments: [PolicyFragment] = []
        for path in files {
            let loaded = load(path) { decoder, root in PolicyFileDecoder(decoder: decoder).decode(root) }
            result.sources.append(loaded.source)
            result.diagnostics += loaded.diagnostics
            if let fragment = loaded.value { fragments.append(fragment) }
        }
        var merger = PolicyMerger()
        let policy = merger.merge(fragments, firstFile: files[0])
        result.diagnostics += merger.diagnostics
        var validator = PolicyValidator(policy: policy)
        validator.validate()
        result.diagnostics += validator.diagnostics
        result.policy = policy
        return result
    }

    /// Loads and validates one plan file against a policy.
    public static func loadPlan(at path: String, policy: Policy?, today: CalendarDate?) -> LoadedFile<Plan> {
        loadPlan(at: path, policy: policy, language: policy.map { LanguageCheck(rules: $0.language) }, today: today)
    }

    /// As above, with the policy's language rules compiled once for many plans.
    static func loadPlan(
        at path: String, policy: Policy?, language: LanguageCheck?, today: CalendarDate?
    ) -> LoadedFile<Plan> {
        validated(
            load(path) { decoder, root in PlanFileDecoder(decoder: decoder).decode(root) }, policy: policy,
            language: language, today: today)
    }

    /// A decoded plan checked against itself and the policy; an incomplete plan is dropped.
    private static func validated(
        _ loaded: LoadedFile<Plan>, policy: Policy?, language: LanguageCheck?, today: CalendarDate?
    ) -> LoadedFile<Plan> {
        guard let plan = loaded.value else { return loaded }
        var loaded = loaded
        var validator = PlanValidator(plan: plan, policy: policy)
        validator.validate(
            fileStem: RulesDirectory.personID(ofPlanFile: loaded.source.path), today: today, language: language)
        loaded.diagnostics += validator.diagnostics
        if !plan.isComplete { loaded.value = nil }
        return loaded
    }

    /// Checks plans' text, already read, against one policy, its language rules compiled
    /// once: the service checks the very bytes it digests, so what it serves and what its
    /// version names cannot differ.
    public struct PlanChecker: Sendable {
        let policy: Policy
        let language: LanguageCheck

        public init(policy: Policy) {
            self.policy = policy
            language = LanguageCheck(rules: policy.language)
        }

        public func check(_ source: SourceFile, today: CalendarDate?) -> LoadedFile<Plan> {
            validate(Self.decode(source), today: today)
        }

        /// The plan as its file says it, with what reading it found: the same whatever the
        /// policy, so a plan whose text did not change need not be read again.
        public static func decode(_ source: SourceFile) -> LoadedFile<Plan> {
            RulesLoader.load(source) { decoder, root in PlanFileDecoder(decoder: decoder).decode(root) }
        }

        /// A decoded plan checked against itself and this policy.
        public func validate(_ decoded: LoadedFile<Plan>, today: CalendarDate?) -> LoadedFile<Plan> {
            RulesLoader.validated(decoded, policy: policy, language: language, today: today)
        }
    }

    /// The policy and only the named plan files (`check people/sam.yaml`): each plan is
    /// checked against the library's policy, and nothing else in `people/` is read.
    public static func loadPlans(_ paths: [String], in rules: RulesDirectory, today: CalendarDate?) -> LibraryLoad {
        let policyLoad = loadPolicy(rules)
        var result = LibraryLoad(policy: policyLoad.policy, sources: policyLoad.sources)
        result.diagnostics = policyLoad.diagnostics
        let language = policyLoad.policy.map { LanguageCheck(rules: $0.language) }
        var checked: [(path: String, identifiers: [Person.Identifier])] = []
        for path in paths {
            let loaded = loadPlan(at: path, policy: policyLoad.policy, language: language, today: today)
            result.sources.append(loaded.source)
            result.diagnostics += loaded.diagnostics
            result.fileCount += 1
            checked.append((loaded.source.path, loaded.value?.person.identifiers ?? []))
        }
        result.diagnostics += sharedIdentifiers(of: checked, in: rules)
        return result
    }

    /// One identifier on two people, for plans checked on their own: each is compared with
    /// every other plan of its library (a record would find the wrong plan, however the check
    /// was called — a hook on one changed file included).
    private static func sharedIdentifiers(
        of checked: [(path: String, identifiers: [Person.Identifier])], in rules: RulesDirectory
    ) -> [Diagnostic] {
        guard checked.contains(where: { !$0.identifiers.isEmpty }),
            let (files, _) = RulesDirectory.yamlFiles(in: rules.peopleFolder)
        else { return [] }
        func same(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
        let checkedPaths = Set(checked.map { same($0.path) })
        let others = ParallelMap.map(files.filter { !checkedPaths.contains(same($0)) }) { path in
            let loaded = load(path) { decoder, root in PlanFileDecoder(decoder: decoder).decode(root) }
            return (path: loaded.source.path, identifiers: loaded.value?.person.identifiers ?? [])
        }
        var owners: [String: String] = [:]
        for (path, identifiers) in others {
            for identifier in identifiers where owners[identifier.system + "|" + identifier.key] == nil {
                owners[identifier.system + "|" + identifier.key] = path
            }
        }
        var diagnostics: [Diagnostic] = []
        for (path, identifiers) in checked {
            for identifier in identifiers {
                let key = identifier.system + "|" + identifier.key
                if let first = owners[key] {
                    diagnostics.append(
                        .error(
                            "identifier \(identifier.system)|\(identifier.value) is also on the plan \(first); an identifier names one person",
                            at: identifier.source))
                } else {
                    owners[key] = path
                }
            }
        }
        return diagnostics
    }

    /// Loads the whole library: the policy, then every plan, in parallel.
    ///
    /// A file's text is kept only when something was found in it (to quote the line), and the
    /// plans only when `keepPlans` is set: `check` needs neither, and freeing them on the
    /// worker threads keeps the 5,000-plan benchmark fast.
    public static func loadLibrary(_ rules: RulesDirectory, today: CalendarDate?, keepPlans: Bool = true) -> LibraryLoad
    {
        let policyLoad = loadPolicy(rules)
        var result = LibraryLoad(policy: policyLoad.policy, sources: policyLoad.sources)
        result.diagnostics = policyLoad.diagnostics
        guard let (files, others) = RulesDirectory.yamlFiles(in: rules.peopleFolder) else {
            result.diagnostics.append(
                .warning(
                    "no people folder: expected \(rules.peopleFolder)/ with one plan per person",
                    at: SourceLocation(file: rules.peopleFolder, line: 1)))
            return result
        }
        result.diagnostics += ignored(others) + caseClashes(files)
        let policy = policyLoad.policy
        let language = policy.map { LanguageCheck(rules: $0.language) }
        let plans = ParallelMap.map(files) { path in
            var loaded = loadPlan(at: path, policy: policy, language: language, today: today)
            let identifiers = loaded.value?.person.identifiers ?? []
            if loaded.diagnostics.isEmpty { loaded.source.bytes = [] }
            if !keepPlans { loaded.value = nil }
            return (loaded, identifiers)
        }
        // One identifier on two people would send a record's lookup to the wrong plan.
        var owners: [String: String] = [:]
        for (loaded, identifiers) in plans {
            result.sources.append(loaded.source)
            result.diagnostics += loaded.diagnostics
            if let plan = loaded.value { result.plans.append(plan) }
            for identifier in identifiers {
                let key = identifier.system + "|" + identifier.key
                if let first = owners[key] {
                    result.diagnostics.append(
                        .error(
                            "identifier \(identifier.system)|\(identifier.value) is also on the plan \(first); an identifier names one person",
                            at: identifier.source))
                } else {
                    owners[key] = loaded.source.path
                }
            }
        }
        // The hazard log, when the library has one: its flags and scenarios must exist.
        let hazards = HazardLog.load(rules, policy: policy)
        result.sources += hazards.sources
        result.diagnostics += hazards.diagnostics
        result.fileCount = policyLoad.sources.count + files.count + hazards.sources.count
        return result
    }
}
