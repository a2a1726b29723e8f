-- POST /token, grant_type=client_credentials, HTTP Basic client authentication (BENCH_AUTH = "Basic ...").
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
