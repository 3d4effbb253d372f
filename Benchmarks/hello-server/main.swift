import Hummingbird

// The ceiling Benchmarks/serve.sh measures crisisplan serve against: the same framework, on
// the same machine, answering a fixed body with no work behind it.
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8081
let router = Router()
router.post("/hello") { _, _ in "hello\n" }
router.get("/hello") { _, _ in "hello\n" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
