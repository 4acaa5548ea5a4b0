# wrk drivers for bench/run.sh (sourced). Needs WRK_SCRIPT, RESULTS (the results folder) and RUNS_TSV.

# threads_for CONNECTIONS: one wrk thread for one connection, two (one a core) otherwise.
threads_for() { if [ "$1" -le 1 ]; then echo 1; else echo 2; fi; }

# run_wrk OUT API URL OP CONNECTIONS SECONDS KEYS: one wrk run; prints its RESULT line (see wrk/kv.lua).
run_wrk() {
    local out="$1" api="$2" url="$3" op="$4" connections="$5" seconds="$6" keys="$7"
    local threads; threads=$(threads_for "$connections")
    BENCH_API="$api" BENCH_OP="$op" BENCH_KEYS="$keys" BENCH_THREADS="$threads" \
        wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$WRK_SCRIPT" "$url" >"$out" 2>&1 || true
    grep '^RESULT ' "$out" || echo "RESULT rps=0 p50_us=0 p99_us=0 requests=0 duration_us=0 status_errors=0 socket_errors=1"
}

# result_field LINE NAME: one value of a RESULT line.
result_field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

# load_keys API URL KEYS LABEL: writes keys 0 .. KEYS-1 once each with 32 connections, then checks the first and the
# last key are readable. Prints "<seconds> <writes/s> <failed writes>".
load_keys() {
    local api="$1" url="$2" keys="$3" label="$4"
    local done_dir; done_dir=$(mktemp -d "$WORK/load.XXXXXX")
    local out="$RESULTS/wrk/$label-load.txt" started; started=$(now)
    BENCH_API="$api" BENCH_OP=load BENCH_KEYS="$keys" BENCH_THREADS=2 BENCH_DONE_DIR="$done_dir" \
        wrk -t2 -c32 -d3600s --timeout 10s -s "$WRK_SCRIPT" "$url" >"$out" 2>&1 &
    local wrk_pid=$!
    # wrk runs for its whole -d: end it (SIGINT makes it print its summary) once both threads wrote their share.
    while [ "$(find "$done_dir" -name 'done-*' | wc -l)" -lt 2 ] && kill -0 "$wrk_pid" 2>/dev/null; do
        sleep 0.2
    done
    kill -INT "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" || true
    local seconds; seconds=$(seconds_since "$started")
    local line; line=$(grep '^RESULT ' "$out" || echo "status_errors=-1")
    local failed; failed=$(result_field "$line" status_errors)
    local probe
    for probe in 0 $((keys - 1)); do
        if [ "$(http_status "$url$(key_path "$api" "$probe")")" != 200 ]; then
            echo "  warning: $label: key $probe was not readable after the load" >&2
        fi
    done
    awk -v s="$seconds" -v k="$keys" -v f="$failed" 'BEGIN { printf "%s %.0f %s\n", s, k / s, f }'
}

# key_path API N: the path of key N, as wrk/kv.lua names it.
key_path() {
    if [ "$1" = etcd ]; then printf '/v2/keys/bench/k%07d' "$2"; else printf '/kv/bench/k%07d' "$2"; fi
}

# warm_up NAME API URL MIN MAX: rounds of mixed GET/PUT load at 32 connections until MIN seconds have passed and two
# consecutive rounds agree within 5 %, or MAX seconds have passed. A JIT-cold Payara needs a long warm-up (DESIGN §4).
warm_up() {
    local name="$1" api="$2" url="$3" min="$4" max="$5"
    local round=$WARMUP_ROUND spent=0 previous=0 rps line trace=""
    while [ "$spent" -lt "$max" ]; do
        line=$(run_wrk "$RESULTS/wrk/$name-warmup-$spent.txt" "$api" "$url" mix 32 "$round" "$KEY_SPACE")
        rps=$(result_field "$line" rps)
        spent=$((spent + round))
        trace="$trace ${rps%.*}"
        if [ "$spent" -ge "$min" ] && awk -v a="$rps" -v b="$previous" 'BEGIN { exit !(b > 0 && a / b > 0.95 && a / b < 1.05) }'; then
            break
        fi
        previous=$rps
    done
    echo "  warm-up ${spent} s, mixed req/s per ${round} s round:$trace"
}

# measure NAME API URL [OPS]: RUNS rounds of the cases (OPS, "get put" by default, at 1 and 32 connections),
# interleaved so that a noisy moment spreads over all cases; each run appends a row to RUNS_TSV.
measure() {
    local name="$1" api="$2" url="$3" ops="${4:-get put}" run op connections line
    for run in $(seq 1 "$RUNS"); do
        for op in $ops; do
            for connections in 1 32; do
                line=$(run_wrk "$RESULTS/wrk/$name-$op-c$connections-r$run.txt" "$api" "$url" "$op" "$connections" \
                    "$RUN_SECONDS" "$KEY_SPACE")
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$op" "$connections" "$run" \
                    "$(result_field "$line" rps)" "$(result_field "$line" p50_us)" "$(result_field "$line" p99_us)" \
                    "$(result_field "$line" status_errors)" "$(result_field "$line" socket_errors)" \
                    "$(cut -d' ' -f1 /proc/loadavg)" >>"$RUNS_TSV"
            done
        done
    done
}
