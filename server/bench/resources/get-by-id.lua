-- GET /external-api/v1/debts/{id} over a sample of ids written by BenchLoader (IDS_FILE), picked at random.
local ids = {}
local token = os.getenv("TOKEN")
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/external-api/v1/debts/" .. id, { ["Authorization"] = "Bearer " .. token })
end
