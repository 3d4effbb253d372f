-- wrk script for Benchmarks/serve.sh: one request, built once by wrk itself — the cheapest
-- client wrk has, so the ceiling and the audited route are measured the same way. BODY is the
-- observations document, TOKEN the bearer token (when set).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
