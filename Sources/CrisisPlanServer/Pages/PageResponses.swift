import Foundation
import Hummingbird

/// Responses every page route may give that are not a rendered template.
enum PageResponses {
    /// A 303 to a path on this server, spaces and other characters a header may not hold
    /// percent-encoded.
    static func redirect(_ location: String) -> Response {
        let encoded = location.utf8.map { byte -> String in
            byte > 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
        return Response(status: .seeOther, headers: [.location: encoded])
    }

    /// Only a path on this server: never `//elsewhere` or `https://elsewhere`.
    static func safe(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/"
    }
}
