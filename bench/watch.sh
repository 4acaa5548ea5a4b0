#!/usr/bin/env bash
# kvs watch benchmark (issue 14): real nodes started with ./kvs on loopback ports. Not part of `mvn verify`.
#
#   bench/watch.sh               full run (about 10 min on 2 cores)
#   bench/watch.sh --quick       smoke run: short warm-up, one round, 200 latency probes
#   bench/watch.sh --watchers N  idle watches held open in the throughput phase (default 1000)
#   bench/watch.sh --no-build    reuse target/kvs.war
#   bench/watch.sh --wait-quiet 30   first wait up to 30 minutes for a 1-minute load average below 1
#
# On a 2-node cluster (ports 19301-19302; auth, rate limiting, tamper log and backups off, durability fsync):
#  1. throughput beside open watches (SPEC §7: 1,000 open watchers leave GET/PUT throughput within 10 %): ROUNDS
#     interleaved rounds of wrk GET and PUT at 32 connections on node1, RUN_SECONDS each, first with no watch open,
#     then with WATCHERS watches of keys nothing writes held open on node1 (one client, no thread per stream);
#     medians, and the ratio with / without;
#  2. watch delay: WRITES new keys at RATE/s to node1 with one watch on node1 and one on node2; for each
#     acknowledged write, the time from its acknowledgement until each watch received its event (on node2 that
#     includes the replication lag).
# Results go to target/bench-watch/<timestamp>/: summary.md, facts.txt, logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
WRK_SCRIPT="$BENCH/wrk/kv.lua"
. "$BENCH/lib/processes.sh"
. "$BENCH/lib/session.sh"
. "$BENCH/lib/load.sh"
. "$BENCH/lib/cluster-nodes.sh"

COMMAND_LINE="bench/watch.sh $*"
BUILD=true
QUICK=false
WAIT_QUIET_MINUTES=0
WATCHERS=1000
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT" -eq 0 ]; then
        case "$1" in
            --watchers) WATCHERS="$2"; SHIFT=2 ;;
            *) unknown_option "$1" ;;
        esac
    fi
    shift "$SHIFT"
done
if $QUICK; then
    : "${ROUNDS:=1}" "${WARMUP_MIN:=20}" "${WARMUP_MAX:=40}" "${WRITES:=200}"
fi
: "${ROUNDS:=3}" "${RUN_SECONDS:=8}" "${WARMUP_MIN:=60}" "${WARMUP_MAX:=120}" "${WARMUP_ROUND:=10}"
: "${KEY_SPACE:=10000}" "${WRITES:=1000}" "${RATE:=100}"

open_session "$ROOT/target/bench-watch/$(date +%Y%m%d-%H%M%S)"
command -v wrk >/dev/null || { echo "wrk is missing: run bench/run.sh once (it installs it) or apt-get install wrk" >&2; exit 1; }
wait_quiet
if $BUILD; then build_kvs; fi
say "building the measuring tool"
build_tool
describe_machine "settings: ROUNDS=$ROUNDS RUN_SECONDS=$RUN_SECONDS WATCHERS=$WATCHERS WRITES=$WRITES RATE=$RATE"

declare -a URLS PIDS
for n in 1 2; do
    URLS[n]=$(node_url $((19300 + n)))
    mkdir -p "$WORK/node$n"
done
write_node_config "$WORK/node1.yaml" node1 19301 "$WORK/node1/data"
write_node_config "$WORK/node2.yaml" node2 19302 "$WORK/node2/data" 19301
for n in 1 2; do
    started=$(now)
    start_node "node$n" "$WORK/node$n.yaml"
    PIDS[n]=$GROUP
    await_healthy "node$n" $((19300 + n)) "$GROUP" "$started"
    say "node$n healthy after $BOOT_S s"
done

say "writing $KEY_SPACE keys, warming up"
load_keys kvs "${URLS[1]}" "$KEY_SPACE" watch >/dev/null
warm_up node1 kvs "${URLS[1]}" "$WARMUP_MIN" "$WARMUP_MAX"

# one_case LABEL OP: one wrk run at 32 connections on node1; appends "LABEL OP rps p99_us" to the runs file.
one_case() {
    local line; line=$(run_wrk "$RESULTS/wrk/$1-$2.txt" kvs "${URLS[1]}" "$2" 32 "$RUN_SECONDS" "$KEY_SPACE")
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(result_field "$line" rps)" "$(result_field "$line" p99_us)" >>"$RUNS_TSV"
}

for round in $(seq 1 "$ROUNDS"); do
    say "round $round: without watches"
    one_case none get; one_case none put
    release="$WORK/release-$round"
    # not through tool(): its RESULT line (all watches open) must be read while it still holds them
    java -cp "$TOOL_CLASSES:$(cat "$TOOL_CLASSPATH_FILE")" io.kvs.bench.cluster.ClusterBench watch-hold \
        --node "${URLS[1]}" --watchers "$WATCHERS" --until-file "$release" \
        >"$WORK/hold-$round.out" 2>>"$RESULTS/logs/tool-hold-$round.log" &
    holder=$!
    until grep -q '^RESULT' "$WORK/hold-$round.out" 2>/dev/null; do
        kill -0 "$holder" 2>/dev/null || break
        sleep 0.5
    done
    say "round $round: $(cat "$WORK/hold-$round.out")"
    one_case watched get; one_case watched put
    touch "$release"
    wait "$holder" || true
done

say "watch delay: $WRITES writes at $RATE/s to node1, watches on node1 and node2"
delay=$(tool delay watch-latency --writer "${URLS[1]}" --peers "${URLS[2]}" --writes "$WRITES" --rate "$RATE" \
    --prefix "bench-watch-$(date +%s)")
echo "$delay" >"$RESULTS/delay.txt"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
rps_median() { awk -F'\t' -v l="$1" -v o="$2" '$1 == l && $2 == o { print $3 }' "$RUNS_TSV" | median; }
{
    echo "# kvs watch benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "\`$COMMAND_LINE\` on $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| case (node1, wrk -c32, median of $ROUNDS) | no watch open | $WATCHERS watches open | with / without |"
    echo "|---|---|---|---|"
    for op in get put; do
        without=$(rps_median none $op); with=$(rps_median watched $op)
        printf '| %s req/s | %.0f | %.0f | %s |\n' "${op^^}" "$without" "$with" \
            "$(awk -v a="$with" -v b="$without" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    done
    echo
    echo "Watch delay, acknowledgement to event ($WRITES writes at $RATE/s to node1):"
    echo
    echo '```'
    echo "$delay"
    echo '```'
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"
