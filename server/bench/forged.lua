-- GET a resource with a forged bearer token, a different one on every request: a well-formed RFC 9068 header
-- naming the server's real signing key (BENCH_KID), so that each token costs the server a full signature check
-- before it is refused with 401, and a random 64-byte ES256 signature, so that no cache can answer it.
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local function b64url(s)
  local out, bits, n = {}, 0, 0
  for i = 1, #s do
    bits = bits * 256 + s:byte(i)
    n = n + 8
    while n >= 6 do
      n = n - 6
      local v = math.floor(bits / 2 ^ n) % 64
      out[#out + 1] = alphabet:sub(v + 1, v + 1)
    end
    bits = bits % (2 ^ n)
  end
  if n > 0 then
    local v = (bits * 2 ^ (6 - n)) % 64
    out[#out + 1] = alphabet:sub(v + 1, v + 1)
  end
  return table.concat(out)
end

local prefix = b64url('{"kid":"' .. os.getenv("BENCH_KID") .. '","typ":"at+jwt","alg":"ES256"}') .. "." ..
  b64url('{"iss":"forged","sub":"forged","aud":"forged","exp":4102444800,"iat":1700000000,"jti":"forged",' ..
    '"client_id":"forged","company_id":"forged","scope":"company:read"}') .. "."

setup = function(thread)
  thread:set("seed", math.random(1, 1e9))
end

init = function()
  math.randomseed(os.time() + (seed or 0))
end

request = function()
  local sig = {}
  for i = 1, 86 do
    local v = math.random(1, 64)
    sig[i] = alphabet:sub(v, v)
  end
  wrk.headers["Authorization"] = "Bearer " .. prefix .. table.concat(sig)
  return wrk.format("GET")
end

dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
