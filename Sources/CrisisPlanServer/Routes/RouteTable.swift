import Hummingbird

/// Every route of the service, with who may call it and what its audit record is called:
/// this file is the role table. A route is added here or nowhere — `DeclaredRoutes` is the only
/// way to the router, and it takes no route without its access.
struct RouteTable {
    let api: DeclaredRoutes
    let pages: DeclaredRoutes

    func register(_ routes: ServiceRoutes) {
        // For load balancers and tools: no sign-in, no plan content.
        api.get("/healthz", .open, audit: nil, use: routes.health.health)
        api.get("/readyz", .open, audit: nil, use: routes.health.ready)
        api.get("/openapi.yaml", .open, audit: nil, use: routes.documents.openAPI)
        api.post("/v1/login", .open, audit: "sign-in", use: routes.login.login)

        // The API.
        api.get("/v1/people", .findPeople, audit: "people.search", use: routes.people.search)
        api.get("/v1/people/:id", .readPlan, audit: "people.read", use: routes.people.read)
        api.post("/v1/people/:id/respond", .answer, audit: "people.respond", use: routes.respond.respond)
        api.get("/v1/people/:id/fhir", .readPlan, audit: "people.fhir", use: routes.people.fhir)
        api.get("/v1/audit", .governance, audit: "audit.read", use: routes.audit.list)
        api.get("/v1/checks", .governance, audit: "checks.read", use: routes.checks.checks)
        api.get("/v1/admin/status", .admin, audit: "admin.status", use: routes.admin.status)
        api.post("/v1/admin/reload", .admin, audit: "admin.reload", use: routes.admin.reload)
        api.get("/metrics", .admin, audit: nil, use: routes.documents.metrics)

        // CDS Hooks, for the trust's record system: discovery carries no plan content.
        api.get("/cds-services", .open, audit: nil, use: routes.cds.discovery)
        api.post("/cds-services/crisisplan-patient-view", .cdsClient, audit: "cds.patient-view", use: routes.cds.patientView)
        api.post(
            "/cds-services/crisisplan-patient-view/feedback", .cdsClient, audit: "cds.feedback", use: routes.cds.feedback)

        // The pages.
        pages.get("/login", .open, audit: nil, use: routes.pages.loginForm)
        pages.post("/login", .open, audit: "sign-in", use: routes.pages.login)
        pages.get("/static/crisisplan.css", .open, audit: nil, use: routes.pages.stylesheet)
        pages.get("/favicon.ico", .open, audit: nil, use: routes.pages.favicon)
        pages.get("/", .signedIn, audit: nil, use: routes.pages.start)
        pages.post("/logout", .signedIn, audit: "sign-out", use: routes.pages.logout)
        pages.get("/people", .findPeople, audit: "page.search", use: routes.pages.search)
        pages.get("/people/:id", .readPlan, audit: "page.person", use: routes.pages.person)
        pages.get("/people/:id/print", .readPlan, audit: "page.print", use: routes.pages.print)
        // The print view's own stylesheet holds the running head (name, plan date): a plan read,
        // recorded under its own action so that `page.print` counts print views.
        pages.get("/people/:id/print.css", .readPlan, audit: "page.print-style", use: routes.pages.printStyle)
        pages.post("/people/:id/answer", .answer, audit: "page.answer", use: routes.pages.answer)
        pages.post("/people/:id/feedback", .answer, audit: "page.feedback", use: routes.pages.feedback)
        pages.get("/training", .training, audit: "page.training", use: routes.training.list)
        pages.get("/training/:number", .training, audit: "page.training", use: routes.training.show)
        pages.post("/training/:number", .training, audit: "page.training", use: routes.training.choose)
        pages.get("/governance/audit", .governance, audit: "page.audit", use: routes.governance.audit)
        pages.get("/governance/checks", .governance, audit: "page.checks", use: routes.governance.checks)
        pages.get("/governance/follow-through", .governance, audit: "page.follow-through", use: routes.governance.followThrough)
    }
}

/// The handlers, each holding only what it needs.
struct ServiceRoutes {
    var health: HealthRoutes
    var documents: DocumentRoutes
    var login: LoginRoute
    var people: PeopleRoutes
    var respond: RespondRoute
    var audit: AuditRoutes
    var checks: ChecksRoute
    var admin: AdminRoutes
    var pages: PageRoutes
    var training: TrainingRoutes
    var governance: GovernanceRoutes
    var cds: CDSRoutes
}
