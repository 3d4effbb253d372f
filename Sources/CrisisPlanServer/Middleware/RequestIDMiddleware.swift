import HTTPTypes
import Hummingbird

/// `X-Request-Id` on every response, errors included (SPEC v2 §9): the caller's own, when it
/// sent one, else the id Hummingbird gives the request and puts in every log line about it,
/// so a report can be matched to the logs.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.requestID] = Self.propagated(request.headers[.requestID]) ?? context.id
        return response
    }

    /// An id a load balancer or the calling system already gave the request, kept so that a
    /// request can be followed across systems — when it is a plain token of at most 128
    /// characters; anything else is replaced, never echoed into a header.
    static func propagated(_ incoming: String?) -> String? {
        guard let incoming, (1...128).contains(incoming.utf8.count),
            incoming.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            })
        else { return nil }
        return incoming
    }
}
