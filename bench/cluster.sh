#!/usr/bin/env bash
# kvs cluster benchmark (issue 6): real nodes started with ./kvs on loopback ports. Not part of `mvn verify`.
#
#   bench/cluster.sh              full run: 3 rounds on a fresh 3-node cluster, then the anti-entropy bytes phase
#                                 on a 2-node cluster (35-45 min on 2 busy shared cores)
#   bench/cluster.sh --quick      smoke run: 1 round, 100 lag probes, 20,000 keys for the bytes phase, 1 bytes run
#   bench/cluster.sh --rounds N   N rounds of the 3-node phase (default 3)
#   bench/cluster.sh --phases bytes,cluster   only some phases, in this order
#   bench/cluster.sh --no-build   reuse target/kvs.war
#   bench/cluster.sh --wait-quiet 30          first wait up to 30 minutes for a 1-minute load average below 1
#
# Every cluster timing key keeps its default (gossip 1-2 s, member_suspect_timeout 2 s, member_remove_timeout 30 s,
# sync_interval 30 s, catchup_interval 5 s, throttle_delay_ms 10, fetch_delay_ms 5); auth, rate limiting, tamper log
# and backups are off, as in bench/run.sh. Each round of the 3-node phase (ports 19201-19203):
#  1. formation: node1 starts alone; once it is healthy, node2 (seed node1) and node3 (seeds node1, node2) start
#     together; time from the LAST node's first /health 200 to every node's /members/ showing 3 alive;
#  2. replication lag, after WARMUP_SECONDS of unmeasured writes on every node, LAG_RUNS times: new keys written to
#     node1 at a fixed rate; lag = from a write's acknowledgement until the LAST of node2 and node3 shows that
#     version. One poller per peer takes the keys in write order (see ReplicationLag.java), so measuring does not
#     load the nodes measured. Once idle (LAG_WRITES keys at LAG_RATE/s), once under load (LOAD_LAG_RATE/s to node1
#     for LOAD_LAG_SECONDS);
#  3. catch-up, node frozen: node3 gets SIGSTOP, 10,000 keys are written to node1 (wrk, 32 connections), node3 gets
#     SIGCONT at once; time from SIGCONT to equal Merkle roots on all nodes (push retries and anti-entropy both help);
#  4. catch-up, node removed: the same, but node3 stays frozen until node1 and node2 have removed it
#     (member_remove_timeout), which drops their push queues: anti-entropy alone brings the 10,000 keys over;
#  5. failure detection: kill -9 of node3's process group; time until neither node1 nor node2 lists it alive.
# Bytes phase (ports 19211-19212, durability async): node1 and node2 hold AE_KEYS keys (written to node1, pushed to node2); then, AE_RUNS
# times: node2 frozen, removed by node1, 1 key written to node1 (so no push delivers it), node2 resumed;
# the round that repairs it is measured by a packet capture of the two ports (bench/cluster/http_bytes.py: root and
# python3), by HTTP request (see bench/cluster/src/.../AntiEntropyBytes.java). The bytes node1 and node2 exchange
# while the AE_KEYS keys are written and pushed come from the kernel's per-socket counters (ss -ti), for comparison.
# Results: stdout and target/bench-cluster/<date-time>/ (summary.txt, runs.tsv, facts.txt, logs/, timelines).
# Environment overrides: ROUNDS, WARMUP_SECONDS, LAG_RUNS, LAG_WRITES, LAG_RATE, LOAD_LAG_RATE, LOAD_LAG_SECONDS, LOAD_RATE, CATCHUP_KEYS, AE_KEYS, AE_RUNS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
WRK_SCRIPT="$BENCH/wrk/kv.lua"
# shellcheck source=lib/processes.sh
. "$BENCH/lib/processes.sh"
. "$BENCH/lib/session.sh"
# shellcheck source=lib/load.sh
. "$BENCH/lib/load.sh"
# shellcheck source=lib/cluster-nodes.sh
. "$BENCH/lib/cluster-nodes.sh"
# shellcheck source=lib/cluster-report.sh
. "$BENCH/lib/cluster-report.sh"

COMMAND_LINE="bench/cluster.sh $*"
PHASES="cluster,bytes"
BUILD=true
QUICK=false
WAIT_QUIET_MINUTES=0
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT" -eq 0 ]; then
        case "$1" in
            --rounds) ROUNDS="$2"; SHIFT=2 ;;
            --phases) PHASES="$2"; SHIFT=2 ;;
            *) unknown_option "$1" ;;
        esac
    fi
    shift "$SHIFT"
done
if $QUICK; then
    : "${ROUNDS:=1}" "${WARMUP_SECONDS:=10}" "${LAG_RUNS:=1}" "${LAG_WRITES:=100}" "${LOAD_LAG_SECONDS:=15}" "${AE_KEYS:=20000}" "${AE_RUNS:=1}"
fi
: "${ROUNDS:=3}" "${WARMUP_SECONDS:=30}" "${LAG_RUNS:=2}" "${LAG_WRITES:=500}" "${LAG_RATE:=20}" "${LOAD_RATE:=100}" "${CATCHUP_KEYS:=10000}"
: "${LOAD_LAG_RATE:=500}" "${LOAD_LAG_SECONDS:=60}"
: "${AE_KEYS:=100000}" "${AE_RUNS:=3}"

open_session "$ROOT/target/bench-cluster/$(date +%Y%m%d-%H%M%S)"

# measured FIGURE RUN RESULT_LINE FIELD: one row of runs.tsv (nothing when the tool failed).
measured() {
    local value; value=$(result_field "$3" "$4")
    [ -n "$value" ] && printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$value" "$RUN_LOAD" >>"$RUNS_TSV"
    return 0
}

build() {
    if $BUILD; then build_kvs; fi
    say "building the measuring tool"
    build_tool
}

# catch_up ROUND VARIANT: freezes node3, writes CATCHUP_KEYS keys to node1, resumes node3 (at once, or once removed).
catch_up() {
    local round="$1" variant="$2" result
    RUN_LOAD=$(load1)
    say "round $round: catch-up ($variant): node3 frozen, $CATCHUP_KEYS keys to node1"
    kill -STOP "${PIDS[3]}"
    read -r seconds rate failed < <(load_keys kvs "${URLS[1]}" "$CATCHUP_KEYS" "r$round-catchup-$variant")
    record "r${round}_catchup_${variant}_load" "$seconds s, $rate writes/s, $failed failed"
    if [ "$variant" = removed ]; then
        result=$(tool "r$round-removed" removed --nodes "${URLS[1]},${URLS[2]}" --member node3)
        record "r${round}_catchup_removed_wait" "$(result_field "$result" removed_after_ms) ms after the load"
    fi
    result=$(tool "r$round-catchup-$variant" catchup --nodes "${URLS[1]},${URLS[2]},${URLS[3]}" \
        --laggard "${URLS[3]}" --laggard-id node3 --cont-pid "${PIDS[3]}" --prefix bench/)
    measured "catchup_${variant}_ms" "$round" "$result" catchup_ms
    record "r${round}_catchup_${variant}" "$result"
    say "round $round: catch-up ($variant): $result"
}

cluster_round() {
    local round="$1" n started result
    local -a configs=()
    PIDS=(); URLS=()
    for n in 1 2 3; do
        URLS[n]=$(node_url $((19200 + n)))
        mkdir -p "$WORK/r$round/node$n"
        configs[n]="$WORK/r$round/node$n.yaml"
    done
    write_node_config "${configs[1]}" node1 19201 "$WORK/r$round/node1/data"
    write_node_config "${configs[2]}" node2 19202 "$WORK/r$round/node2/data" 19201
    write_node_config "${configs[3]}" node3 19203 "$WORK/r$round/node3/data" 19201 19202
    RUN_LOAD=$(load1)
    say "round $round: starting node1 (load average $RUN_LOAD)"
    started=$(now); start_node "r$round-node1" "${configs[1]}"; PIDS[1]=$GROUP
    await_healthy "r$round-node1" 19201 "${PIDS[1]}" "$started" || exit 1
    record "r${round}_boot_node1_s" "$BOOT_S"
    say "round $round: node1 healthy after $BOOT_S s; starting node2 and node3"
    start_node "r$round-node2" "${configs[2]}"; PIDS[2]=$GROUP
    start_node "r$round-node3" "${configs[3]}"; PIDS[3]=$GROUP
    RUN_LOAD=$(load1)
    result=$(tool "r$round-formation" formation --nodes "${URLS[1]},${URLS[2]},${URLS[3]}")
    measured formation_ms "$round" "$result" formation_ms
    measured normal_ms "$round" "$result" normal_ms
    record "r${round}_formation" "$result"
    say "round $round: formed: $result"
    warn_foreign_ports node1 "${PIDS[1]}" 19200 19299

    # A JIT-cold Payara answers many times slower than a warm one (DESIGN §4): warm the three nodes up first.
    say "round $round: warm-up, $WARMUP_SECONDS s of writes on every node"
    tool "r$round-warmup" lag --writer "${URLS[1]}" --peers "${URLS[2]},${URLS[3]}" --writes $((WARMUP_SECONDS * LAG_RATE)) \
        --rate "$LAG_RATE" --prefix "warmup/r$round" --load-nodes "${URLS[1]},${URLS[2]},${URLS[3]}" \
        --load-rate "$LOAD_RATE" >/dev/null
    local kind run
    for run in $(seq 1 "$LAG_RUNS"); do
        for kind in idle load; do
            RUN_LOAD=$(load1)
            # idle: a trickle of measured writes; load: the measured writes ARE the load (issue 11: 500/s to one node).
            local writes=$LAG_WRITES rate=$LAG_RATE
            [ "$kind" = load ] && { writes=$((LOAD_LAG_SECONDS * LOAD_LAG_RATE)); rate=$LOAD_LAG_RATE; }
            say "round $round: replication lag $run, $kind ($writes writes at $rate/s)"
            result=$(tool "r$round-lag$run-$kind" lag --writer "${URLS[1]}" --peers "${URLS[2]},${URLS[3]}" \
                --writes "$writes" --rate "$rate" --prefix "lag/r$round/$run/$kind")
            measured "lag_${kind}_p50" "$round.$run" "$result" p50_ms
            measured "lag_${kind}_p99" "$round.$run" "$result" p99_ms
            record "r${round}_lag${run}_$kind" "$result"
            say "round $round: $result"
        done
    done

    catch_up "$round" frozen
    catch_up "$round" removed

    RUN_LOAD=$(load1)
    say "round $round: failure detection (kill -9 node3)"
    result=$(tool "r$round-detect" detect --nodes "${URLS[1]},${URLS[2]}" --kill-group "${PIDS[3]}" --victim node3)
    measured detect_ms "$round" "$result" detect_ms
    say "round $round: $result"
    for n in 1 2 3; do stop_group "${PIDS[n]}"; done
    rm -rf "$WORK/r$round"
}

bytes_phase() {
    local n started result stop_file="$WORK/meter.stop"
    local url1 url2 pid1 pid2
    url1=$(node_url 19211); url2=$(node_url 19212)
    mkdir -p "$WORK/ae/node1" "$WORK/ae/node2"
    write_node_config "$WORK/ae/node1.yaml" node1 19211 "$WORK/ae/node1/data"
    write_node_config "$WORK/ae/node2.yaml" node2 19212 "$WORK/ae/node2/data" 19211
    # The figure is bytes, not time: asynchronous durability loads the keys several times faster on a busy machine.
    for n in 1 2; do echo "durability: async" >>"$WORK/ae/node$n.yaml"; done
    if [ "$(id -u)" != 0 ] || ! command -v python3 >/dev/null; then
        say "bytes: skipped: the packet capture (bench/cluster/http_bytes.py) needs root and python3"
        return 0
    fi
    say "bytes: starting a 2-node cluster"
    started=$(now); start_node ae-node1 "$WORK/ae/node1.yaml"; pid1=$GROUP
    await_healthy ae-node1 19211 "$pid1" "$started" || exit 1
    start_node ae-node2 "$WORK/ae/node2.yaml"; pid2=$GROUP
    result=$(tool ae-formation formation --nodes "$url1,$url2")
    say "bytes: formed: $result"

    say "bytes: writing $AE_KEYS keys to node1 (pushed to node2), load average $(load1)"
    rm -f "$stop_file"
    tool ae-push-meter meter --pids "$pid1,$pid2" --ports 19211,19212 --until-file "$stop_file" >"$WORK/push-bytes" &
    local meter=$!
    read -r seconds rate failed < <(load_keys kvs "$url1" "$AE_KEYS" ae-load)
    record ae_load "$AE_KEYS keys in $seconds s, $rate writes/s, $failed failed"
    result=$(tool ae-converge converge --nodes "$url1,$url2" --timeout-s 600)
    touch "$stop_file"; wait "$meter" || true
    record ae_converge_after_load "$result"
    record ae_push_bytes "$(result_field "$(cat "$WORK/push-bytes")" bytes) node-to-node bytes while writing and replicating the $AE_KEYS keys"
    say "bytes: converged ($result); node-to-node bytes meanwhile: $(fact_value ae_push_bytes)"

    local run
    for run in $(seq 1 "$AE_RUNS"); do
        RUN_LOAD=$(load1)
        say "bytes run $run: node2 frozen, 1 key written to node1, node2 resumed once removed (load average $RUN_LOAD)"
        tool "ae-ready-r$run" converge --nodes "$url1,$url2" >/dev/null
        result=$(tool "ae-bytes-r$run" ae-bytes --writer "$url1" --laggard "$url2" --laggard-id node2 \
            --laggard-pid "$pid2" --ports 19211,19212 --key "bench/differs/r$run" \
            --capture-script "$BENCH/cluster/http_bytes.py" --capture-file "$RESULTS/ae-capture-r$run.tsv")
        measured ae_round_bytes "$run" "$result" round_bytes
        measured ae_round_requests "$run" "$result" round_requests
        record "ae_r$run" "$result"
        say "bytes run $run: $result"
    done
    record ae_key_count "$(tool ae-root converge --nodes "$url1,$url2")"
    stop_group "$pid1"; stop_group "$pid2"
}

fact_value() { awk -F= -v k="$1" '$1 == k { v = substr($0, length(k) + 2) } END { print v }' "$FACTS"; }

wait_quiet
RUN_STARTED=$(now)
build
describe_machine "settings: ROUNDS=$ROUNDS WARMUP_SECONDS=$WARMUP_SECONDS LAG_RUNS=$LAG_RUNS LAG_WRITES=$LAG_WRITES LAG_RATE=$LAG_RATE LOAD_LAG_RATE=$LOAD_LAG_RATE LOAD_LAG_SECONDS=$LOAD_LAG_SECONDS LOAD_RATE=$LOAD_RATE CATCHUP_KEYS=$CATCHUP_KEYS AE_KEYS=$AE_KEYS AE_RUNS=$AE_RUNS"
for phase in ${PHASES//,/ }; do
    case "$phase" in
        cluster) for round in $(seq 1 "$ROUNDS"); do cluster_round "$round"; done ;;
        bytes) bytes_phase ;;
        *) echo "unknown phase: $phase" >&2; exit 2 ;;
    esac
done
{
    echo
    echo "kvs cluster benchmark: medians over the runs (one a round; lag: $LAG_RUNS a round, $LAG_WRITES writes each)"
    print_cluster_table
    echo
    echo "facts:"; sed 's/^/  /' "$FACTS"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "total time: $(seconds_since "$RUN_STARTED") s; results in ${RESULTS#"$ROOT"/}"
} | tee "$RESULTS/summary.txt"
