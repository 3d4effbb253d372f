import Testing

@testable import CrisisPlanServer

/// The respond and CDS routes take JSON only: `application/json` or any `+json` type, in any
/// case, with parameters or spaces; anything else is refused (415) before the body is read.
@Suite("Media types the answer routes take")
struct MediaTypeTests {
    @Test(
        "JSON in any case, with parameters, and +json types are taken",
        arguments: [
            "application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            " application/json ", "application/fhir+json", "APPLICATION/FHIR+JSON; fhirVersion=4.0", "application/+json",
            "application/\tjson",
        ])
    func taken(_ type: String) {
        #expect(RespondRoute.isJSON(type))
    }

    @Test(
        "other types, and JSON only after a parameter, are refused",
        arguments: [
            "", "text/plain", "application/xml", "application/jsonx", "application/json+xml", "text/json",
            "application+json", "application/", "json", "text/plain; type=application/json", "application/js on+",
            "application/fhir+jsonp", "text/fhir+json",
        ])
    func refused(_ type: String) {
        #expect(!RespondRoute.isJSON(type))
    }
}
