/// The two faces of the service, each its own router group with its own sign-in and errors.
enum RouteSurface: Sendable, Equatable {
    /// `/v1/…`, `/healthz`, `/readyz`, `/openapi.yaml`, `/metrics`: bearer tokens only, JSON errors.
    case api
    /// Everything a browser opens: the session cookie (or a bearer token), CSRF on every form,
    /// every error a page.
    case pages
}
