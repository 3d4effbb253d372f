import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /v1/people/{id}/respond`: the answer for an observations document in JSON, byte for
/// byte what `crisisplan respond ID --observations - --json` prints for the same body, the
/// body named `<request>`.
struct RespondRoute: Sendable {
    static let bodyLimit = FileReader.limit
    let answering: AnsweringService

    @Sendable func respond(_ request: Request, _ context: ServerContext) async throws -> Response {
        let library = try answering.library()
        let person = try answering.person(in: library, context: context)
        let body = try await JSONBody.read(request, limit: Self.bodyLimit, what: "observations are")
        let at = try request.uri.queryParameters.get("at").map(Self.time)
        let answer: Answer
        do throws(BadInput) {
            answer = try answering.answer(
                SourceFile(path: "<request>", bytes: Array(body.readableBytesView)), person: person, at: at,
                context: context)
        } catch {
            throw APIError.badInput(error)
        }
        return JSONResponse.make(AnswerJSON.written(answer), headers: [.rulesVersion: library.version])
    }

    /// `application/json`, or any `+json` type, with or without parameters. Read as bytes,
    /// without making a lowercased copy: every answer's request is checked.
    static func isJSON(_ type: String) -> Bool {
        var essence: [UInt8] = []
        essence.reserveCapacity(32)
        for byte in type.utf8 {
            if byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            essence.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        // A text that begins `application/` and ends `+json` cannot have them overlap.
        return essence.elementsEqual("application/json".utf8)
            || (essence.starts(with: "application/".utf8) && essence.suffix(5).elementsEqual("+json".utf8))
    }

    static func time(_ typed: String) throws -> Timestamp {
        guard let time = Timestamp(parsing: typed) else {
            throw APIError(
                status: .badRequest, code: "bad-input",
                message: "error: --at takes a time with a zone, like 2026-11-24T10:30:00Z; found '\(typed.prefix(64))'",
                source: nil)
        }
        return time
    }
}
