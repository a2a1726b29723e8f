-- GET a resource with a bearer token (BENCH_AUTH = "Bearer ..."): token validation on every request.
wrk.method = "GET"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")
