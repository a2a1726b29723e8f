-- The list partners run most: status + currency + a created range (last 30 days), newest first, page 1 of 20.
local token = os.getenv("TOKEN")
local path = "/external-api/v1/debts?status=in_progress&currency=EUR&created_from=" .. os.getenv("CREATED_FROM")
  .. "&created_to=" .. os.getenv("CREATED_TO") .. "&sort=-created_at&page=1&limit=20"
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
