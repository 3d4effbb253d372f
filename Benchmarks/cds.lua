-- wrk script for Benchmarks/cds.sh: each request a patient-view hook for one of the library's
-- people, found by NHS number, with a JWT never used before (read from TOKENS; each thread
-- takes every Nth token, so no two requests share a jti).
local tokens, numbers = {}, {}
local index, step = 1, 1
local path = "/cds-services/crisisplan-patient-view"

function setup(thread)
  thread_count = (thread_count or 0) + 1
  thread:set("offset", thread_count)
end

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
  for line in io.lines(os.getenv("NUMBERS")) do numbers[#numbers + 1] = line end
  index = tonumber(offset) or 1
  step = tonumber(os.getenv("THREADS")) or 2
end

function request()
  local token = tokens[index]
  local number = numbers[(index % #numbers) + 1]
  index = index + step
  local body = '{"hook":"patient-view","hookInstance":"bench-' .. index .. '","context":{"userId":"Practitioner/bench","patientId":"p-' ..
    number .. '"},"prefetch":{"patient":{"resourceType":"Patient","id":"p-' .. number ..
    '","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"' .. number .. '"}]}}}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
