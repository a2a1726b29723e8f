-- POST /external-api/v1/debts with a different debtor (phone) on every request, so that debts do not all queue on
-- one debtor's row.
local token = os.getenv("TOKEN")
local counter = 0
local thread_id = 0
setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local n = (thread_id * 5000000 + counter + tonumber(os.getenv("PHONE_BASE") or "0")) % 10000000
  local body = string.format('{"firstname":"Bench","lastname":"Post","phone":"+3375%07d","amount":125.50,'
    .. '"currency":"EUR","internal_id":"POST-%d-%d","object":"Benchmark invoice"}', n, thread_id, counter)
  return wrk.format("POST", "/external-api/v1/debts",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
