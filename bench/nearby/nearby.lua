-- wrk: GET /api/requests/nearby around random points in Haarlem, as a logged-in resident.
-- WRK_TOKEN (access token) and WRK_CATEGORY (optional) come from the environment; WRK_DELAY_MS
-- (optional) makes each connection wait that long between requests, to pace the load to a rate.
local token = os.getenv("WRK_TOKEN")
local category = os.getenv("WRK_CATEGORY")
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0") or 0
local counter = 0

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end

function delay()
  return pause
end

function request()
  local lat = 52.345 + math.random() * 0.070
  local lon = 4.600 + math.random() * 0.090
  local path = string.format("/api/requests/nearby?lat=%.6f&lon=%.6f&radius=5000&limit=20", lat, lon)
  if category and category ~= "" then
    path = path .. "&category=" .. category
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

dofile("bench/wrk-report.lua")
