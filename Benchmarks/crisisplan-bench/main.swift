// crisisplan-bench DIR: the shared peer benchmark's workload (../shared/bench/README.md),
// evaluated in-process. Reads DIR/Rules, DIR/observations.jsonl and DIR/expected.jsonl; loads
// the rules once (load_ms), decodes the observations (parse_ms), then evaluates each one in
// order on one thread, timing each call that returns the complete SPEC §6 answer, and compares
// it with the expected line. Prints one JSON line.
import CrisisPlan
import Foundation

func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

struct Expected {
    var stage: String
    var responses: [String]
    var contacts: [String]
    var flags: [String]

    /// Whether `answer` gives this stage, these responses and contacts in this order, and these
    /// flags in any order (flag ids are distinct).
    func matches(_ answer: Answer) -> Bool {
        answer.stage.id == stage && answer.ownResponses.elementsEqual(responses) { $0.action == $1 }
            && answer.contacts.elementsEqual(contacts) { $0.id == $1 } && answer.flags.count == flags.count
            && answer.flags.allSatisfy { flags.contains($0.id) }
            && flags.allSatisfy { id in answer.flags.contains { $0.id == id } }
    }
}

func scalars(_ node: YAMLNode?) -> [String] {
    guard case .sequence(let items)? = node?.content else { return [] }
    return items.compactMap { if case .scalar(let s) = $0.content { return s.text } else { return nil } }
}

func field(_ node: YAMLNode, _ key: String) -> YAMLNode? {
    guard case .mapping(let entries) = node.content else { return nil }
    return entries.first { $0.key == key }?.value
}

func lines(_ path: String) -> [ArraySlice<UInt8>] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data).split(separator: UInt8(ascii: "\n"))
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: crisisplan-bench DIR") }
let directory = arguments[1]

// Load the rules once.
let loadStart = monotonicNanoseconds()
let library = RulesLoader.loadLibrary(RulesDirectory(directory + "/Rules"), today: nil)
if let error = library.diagnostics.first(where: { $0.severity == .error }) { fail(error.summary) }
guard let policy = library.policy else { fail("no policy") }
let compiled = CompiledPolicy(policy)
var evaluators: [String: Evaluator] = [:]
for plan in library.plans {
    evaluators[plan.person.id] = Evaluator(context: EvaluationContext(policy: compiled, plan: plan))
}
let loadMs = Double(monotonicNanoseconds() - loadStart) / 1e6

// Decode the observations (parse_ms: every request to the service is such a document, read
// into a typed observation with the source of every value), then the expected answers (timed
// nowhere).
// The documents are read from the file and split into lines first, untimed, as a reader
// timed on the same documents (CPython's json.loads per line) gets them.
let documents = lines(directory + "/observations.jsonl")
let parseStart = monotonicNanoseconds()
var timelines: [ObservationTimeline] = []
timelines.reserveCapacity(documents.count)
for (number, line) in documents.enumerated() {
    let source = SourceFile(path: "observations.jsonl:\(number + 1)", bytes: Array(line))
    do {
        timelines.append(try ObservationDecoder.decode(source))
    } catch {
        fail(error.diagnostics.first?.summary ?? "bad observation line \(number + 1)")
    }
}
let parseMs = Double(monotonicNanoseconds() - parseStart) / 1e6
var expected: [Expected] = []
for line in lines(directory + "/expected.jsonl") {
    guard let node = try? YAMLParser.parse(SourceFile(path: "expected.jsonl", bytes: Array(line))),
        case .scalar(let stage)? = field(node, "stage")?.content
    else { fail("bad expected line") }
    expected.append(
        Expected(
            stage: stage.text, responses: scalars(field(node, "responses")), contacts: scalars(field(node, "contacts")),
            flags: scalars(field(node, "flags"))))
}
guard timelines.count == expected.count else { fail("observations and expected answers differ in count") }

// Evaluate.
var durations: [UInt64] = []
durations.reserveCapacity(timelines.count)
var mismatches = 0
let clock = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
// BENCH_WARMUP=N evaluates every observation N times before the timed loop (answers
// discarded): for allocation profiles, whose difference between N=0 and N=1 is what one
// evaluation of every observation allocates.
for _ in 0..<(Int(ProcessInfo.processInfo.environment["BENCH_WARMUP"] ?? "") ?? 0) {
    for timeline in timelines {
        guard let person = timeline.person, let evaluator = evaluators[person] else { continue }
        _ = try? evaluator.evaluate(timeline.observations, now: timeline.now(override: nil, clock: clock))
    }
}
// As the peers' runner does, the first 1,000 observations are evaluated once, untimed, before
// the timed loop (BENCH_WARMUP_FIRST=0 turns it off).
for timeline in timelines.prefix(max(0, Int(ProcessInfo.processInfo.environment["BENCH_WARMUP_FIRST"] ?? "") ?? 1000)) {
    guard let person = timeline.person, let evaluator = evaluators[person] else { continue }
    _ = try? evaluator.evaluate(timeline.observations, now: timeline.now(override: nil, clock: clock))
}
// Timed as the peers' runner times: its loop evaluates and keeps each answer, and compares
// them with the expected answers, and frees them, after the loop. Here each answer is compared
// and freed as soon as it is timed — keeping all 100,000 would add page faults to the timed
// calls — and `eval_s` adds up the wall time of each iteration up to that point.
var evalNanoseconds: UInt64 = 0
let loopStart = monotonicNanoseconds()
for (index, timeline) in timelines.enumerated() {
    let iterationStart = monotonicNanoseconds()
    guard let person = timeline.person, let evaluator = evaluators[person] else {
        fail("unknown person on line \(index + 1)")
    }
    let now = timeline.now(override: nil, clock: clock)
    let start = monotonicNanoseconds()
    let answer: Answer
    do {
        answer = try evaluator.evaluate(timeline.observations, now: now)
    } catch {
        fail(error.diagnostics.first?.summary ?? "bad input on line \(index + 1)")
    }
    let end = monotonicNanoseconds()
    durations.append(end - start)
    evalNanoseconds += end - iterationStart
    if !expected[index].matches(answer) {
        mismatches += 1
        if mismatches <= 3 {
            let got = Expected(
                stage: answer.stage.id, responses: answer.ownResponses.map(\.action),
                contacts: answer.contacts.map(\.id), flags: answer.flags.map(\.id).sorted())
            FileHandle.standardError.write(
                Data("MISMATCH line \(index + 1): expected \(expected[index]), got \(got)\n".utf8))
        }
    }
}
let evalSeconds = Double(evalNanoseconds) / 1e9
// The whole loop, checking and freeing included, printed beside `eval_s` as `loop_s`.
let loopSeconds = Double(monotonicNanoseconds() - loopStart) / 1e9
durations.sort()
let sorted = durations
let percentile = { (p: Double) -> Double in
    sorted.isEmpty ? 0 : Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
}
let rounded = { (value: Double) in (value * 100).rounded() / 100 }
print(
    "{\"engine\": \"crisisplan\", \"version\": \"\(ProductVersion.current)\", \"parse_ms\": \(rounded(parseMs)), \"load_ms\": \(rounded(loadMs)), "
        + "\"evals\": \(timelines.count), \"eval_s\": \(String(format: "%.3f", evalSeconds)), "
        + "\"loop_s\": \(String(format: "%.3f", loopSeconds)), "
        + "\"evals_per_s\": \(Int(Double(timelines.count) / max(evalSeconds, 1e-9))), "
        + "\"p50_us\": \(rounded(percentile(0.5))), \"p99_us\": \(rounded(percentile(0.99))), \"mismatches\": \(mismatches)}"
)
