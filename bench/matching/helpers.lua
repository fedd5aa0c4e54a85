-- wrk: GET /api/requests/{id}/helpers for random requests of the logged-in resident (their own
-- requests, so the owner may rank them). WRK_TOKEN and WRK_IDS (a file of request ids) come from
-- the environment.
local token = os.getenv("WRK_TOKEN")
local ids = {}

function init(args)
  for line in io.lines(os.getenv("WRK_IDS")) do
    table.insert(ids, line)
  end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/requests/" .. id .. "/helpers?limit=20", { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  io.write(string.format('{"requests": %d, "duration_s": %.2f, "rps": %.1f, "errors": %d, "non2xx": %d, ' ..
      '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
