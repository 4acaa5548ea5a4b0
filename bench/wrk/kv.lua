-- wrk script for bench/run.sh: one request mix against kvs-shaped or etcd v2 routes, set by environment variables.
--   BENCH_API     kvs  (PUT /kv/<key> with a JSON body, GET /kv/<key>)
--                 etcd (PUT /v2/keys/<key> with a form body value=<the same JSON>, GET /v2/keys/<key>)
--   BENCH_OP      get | put | mix (half and half) over a key space of BENCH_KEYS keys, picked at random;
--                 load: writes keys 0 .. BENCH_KEYS-1 exactly once each (threads share the range), then stops
--   BENCH_KEYS    size of the key space (default 10000)
--   BENCH_THREADS the -t given to wrk (load only: how the range is shared)
--   BENCH_DONE_DIR (load only) each thread creates done-<thread> there when its share is written: wrk itself runs
--                 for its whole -d, so the caller watches for these files and ends wrk early with SIGINT
--   BENCH_TOKEN   (kvs) a bearer token sent with every request, for a node with auth on
-- done() prints one machine-readable line starting with RESULT (latencies in microseconds).

local api = os.getenv("BENCH_API") or "kvs"
local op = os.getenv("BENCH_OP") or "get"
local keys = tonumber(os.getenv("BENCH_KEYS") or "10000")
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local doneDir = os.getenv("BENCH_DONE_DIR")
local token = os.getenv("BENCH_TOKEN")

local route = api == "etcd" and "/v2/keys/bench/k" or "/kv/bench/k"
local contentType = api == "etcd" and "application/x-www-form-urlencoded" or "application/json"
local putHeaders = { ["Content-Type"] = contentType }
local getHeaders = {}
if token and token ~= "" then
   putHeaders["Authorization"] = "Bearer " .. token
   getHeaders["Authorization"] = "Bearer " .. token
end

local function keyPath(n)
   return string.format("%s%07d", route, n)
end

-- About 100 bytes of JSON, different for every key.
local function document(n)
   return string.format('{"id":%d,"name":"user-%07d","email":"user-%07d@example.com","active":true,"tags":["bench","kvs"]}',
      n, n, n)
end

local function formEncode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function putRequest(n)
   local body = document(n)
   if api == "etcd" then
      body = "value=" .. formEncode(body)
   end
   return wrk.format("PUT", keyPath(n), putHeaders, body)
end

local function getRequest(n)
   return wrk.format("GET", keyPath(n), getHeaders)
end

-- Threads are numbered in setup(), which runs in the main Lua state before the threads start.
local allThreads = {}
function setup(thread)
   thread:set("threadId", #allThreads)
   table.insert(allThreads, thread)
end

-- Globals, not locals, so that done() can read them with thread:get().
issued, answered, failed, share = 0, 0, 0, 0

-- wrk 4.1 calls request() once on its first thread to check the script, before any connection opens: in load mode
-- that call must not use up a key, or that key would never be written (run.sh checks the first and last keys).
local checkCallPending = false

function init(args)
   math.randomseed(os.time() * 1000 + (threadId or 0))
   checkCallPending = threadId == 0
   if op == "load" then
      -- Keys threadId, threadId + threads, ... below keys belong to this thread.
      share = math.floor((keys - (threadId or 0) + threads - 1) / threads)
   end
end

function request()
   if op == "load" then
      -- Past its share a connection asks for an absent key until response() has seen every write answered:
      -- the 404 tells those extra requests apart, and the key count stays exact.
      if checkCallPending then
         checkCallPending = false
         return putRequest(threadId)
      end
      if issued >= share then
         return wrk.format("GET", route .. "absent", getHeaders)
      end
      issued = issued + 1
      return putRequest((threadId or 0) + (issued - 1) * threads)
   end
   local n = math.random(0, keys - 1)
   if op == "put" or (op == "mix" and math.random() < 0.5) then
      return putRequest(n)
   end
   return getRequest(n)
end

if op == "load" then
   function response(status, headers, body)
      if status == 404 then
         return
      end
      answered = answered + 1
      if status >= 300 then
         failed = failed + 1
      end
      if answered == share then
         if doneDir then
            io.open(string.format("%s/done-%d", doneDir, threadId or 0), "w"):close()
         end
         wrk.thread:stop()
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local statusErrors = e.status
   if op == "load" then
      -- The absent-key probes answer 404 on purpose; only failed writes count.
      statusErrors = 0
      for _, thread in ipairs(allThreads) do
         statusErrors = statusErrors + thread:get("failed")
      end
   end
   io.write(string.format(
      "RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d duration_us=%d status_errors=%d socket_errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
      summary.requests, summary.duration, statusErrors, e.connect + e.read + e.write + e.timeout))
end
