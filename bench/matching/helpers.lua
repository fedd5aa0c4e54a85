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

dofile("bench/wrk-report.lua")
