import Foundation
import Hummingbird
import Prometheus

/// `GET /openapi.yaml` (the API, exactly) and `GET /metrics` (Prometheus text format).
struct DocumentRoutes: Sendable {
    let registry: PrometheusCollectorRegistry

    /// The OpenAPI 3.1 document shipped in the module's resources.
    static let openAPI: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "openapi: 3.1.0\n" }
        return text
    }()

    @Sendable func openAPI(_ request: Request, _ context: ServerContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: Self.openAPI)))
    }

    @Sendable func metrics(_ request: Request, _ context: ServerContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
