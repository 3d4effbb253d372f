-- wrk script for Benchmarks/serve.sh: POSTs the shared workload's observation documents in
-- turn, each to its own person's respond route (or, for the ceiling, all to PATH).
local bodies, people = {}, {}
local next_index = 1
local fixed_path = os.getenv("PATH_OVERRIDE")
local token = os.getenv("TOKEN")

function init(args)
  for line in io.lines(os.getenv("OBSERVATIONS")) do
    bodies[#bodies + 1] = line
    people[#people + 1] = string.match(line, '"person":"([^"]+)"')
  end
  -- Threads start at different places, so they do not ask for the same person together.
  next_index = (math.random(#bodies))
end

function request()
  local body = bodies[next_index]
  local path = fixed_path or ("/v1/people/" .. people[next_index] .. "/respond")
  next_index = next_index % #bodies + 1
  local headers = {["Content-Type"] = "application/json"}
  if token then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", path, headers, body)
end
