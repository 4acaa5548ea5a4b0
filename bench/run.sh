#!/usr/bin/env bash
# kvs benchmark: the single entry point. Not part of `mvn verify`.
#
#   bench/run.sh            full run (about 12-15 min on 2 cores)
#   bench/run.sh --quick    smoke run: short warm-up, one short run per case, 100,000 keys (about 4 min)
#   bench/run.sh --targets noop,etcd   only some of the targets (kvs, kvs-auth, noop, etcd, kvs-cluster,
#                                      etcd-cluster); the kvs capacity phase runs with kvs
#   bench/run.sh --no-build            reuse target/kvs.war and bench/noop/target/noop.war
#   bench/run.sh --wait-quiet 30       first wait up to 30 minutes for the machine to be idle (1-minute load average
#                                      below 1): on a shared machine, other processes' CPU skews every figure
#   bench/run.sh --profile             also record a JFR of kvs and of the no-op WAR under GET and PUT load and
#                                      summarise their hottest frames in results/profile-*.txt
#
# What it does, on this machine, one target at a time (they would share the same 2 cores):
#  1. installs wrk and etcd-server (Debian's etcd 3.4) with apt-get when missing (needs root);
#  2. builds kvs (`mvn -q -B -DskipTests package` at the repository root) and the no-op WAR under bench/noop/;
#  3. throughput phase, for each target: start it, write a key space of 10,000 keys, warm up with mixed load until
#     the throughput settles (a JIT-cold Payara needs minutes), then RUNS interleaved rounds of GET and PUT at 1
#     connection (wrk -t1 -c1) and at 32 (-t2 -c32), RUN_SECONDS each; the table shows the median of the runs.
#       kvs    ./kvs with bench config: auth, rate limiting, clustering, tamper log, backups off; durability fsync
#       kvs-auth   the same with auth on: every request carries a read+write token of an ordinary user "bench"
#              (created with the node's root token), so token verification and key permissions run on each request
#       noop   the container's ceiling: bench/noop's no-op JAX-RS GET/PUT /kv/{key} on the same Payara Micro with the
#              kvs launcher's own JVM flags, Payara options and pre-boot file (read from the running node)
#       etcd   etcd 3.4, v2 API (PUT /v2/keys/<key> value=<the same JSON>), fsync on every commit (its default)
#  4. cluster phase: a 3-node kvs cluster (kvs-cluster), then a 3-node etcd cluster (etcd-cluster), each warmed up,
#     durable PUT to the first node at 1 and 32 connections (kvs acknowledges after its local fsync and pushes to
#     the peers; etcd after a raft quorum has it on disk); then kvs's replication lag under load: LOAD_LAG_RATE
#     writes/s to node1 for LOAD_LAG_SECONDS, from each acknowledgement until both peers show the key (one listing
#     poller per peer, bench/cluster/src: measuring does not load the nodes measured);
#  5. capacity phase, kvs only: boot time, RSS idle, load LOAD_KEYS keys of ~100 bytes with 32 connections, RSS,
#     restart time after SIGTERM and after kill -9 (which makes the node recover without its clean-shutdown marker).
# Ports: 18301 kvs, 18302 no-op, 18303/18304 etcd client/peer, 18311-18313 the kvs cluster, 18321-18326 the etcd
# cluster, all on 127.0.0.1. Everything it started is stopped
# on exit, by process group id. Results: stdout and bench/results/<date-time>/ (summary.txt, runs.tsv, the raw wrk
# outputs and every process log). Environment overrides: RUNS, RUN_SECONDS, KEY_SPACE, LOAD_KEYS, WARMUP_MIN,
# WARMUP_MAX, WARMUP_ROUND, LOAD_LAG_RATE, LOAD_LAG_SECONDS, BENCH_PORT_BASE (18300: the ports above are base+n).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
WRK_SCRIPT="$BENCH/wrk/kv.lua"
# shellcheck source=lib/processes.sh
. "$BENCH/lib/processes.sh"
. "$BENCH/lib/session.sh"
# shellcheck source=lib/load.sh
. "$BENCH/lib/load.sh"
# shellcheck source=lib/targets.sh
. "$BENCH/lib/targets.sh"
# shellcheck source=lib/report.sh
. "$BENCH/lib/report.sh"
# shellcheck source=lib/profile.sh
. "$BENCH/lib/profile.sh"
# shellcheck source=lib/cluster-nodes.sh
. "$BENCH/lib/cluster-nodes.sh"
# shellcheck source=lib/cluster-targets.sh
. "$BENCH/lib/cluster-targets.sh"

COMMAND_LINE="bench/run.sh $*"
TARGETS="kvs,kvs-auth,noop,etcd,kvs-cluster,etcd-cluster"
BUILD=true
QUICK=false
PROFILE=false
WAIT_QUIET_MINUTES=0
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT" -eq 0 ]; then
        case "$1" in
            --profile) PROFILE=true; SHIFT=1 ;;
            --targets) TARGETS="$2"; SHIFT=2 ;;
            *) unknown_option "$1" ;;
        esac
    fi
    shift "$SHIFT"
done
if $QUICK; then
    : "${RUNS:=1}" "${RUN_SECONDS:=3}" "${KEY_SPACE:=2000}" "${LOAD_KEYS:=100000}"
    : "${WARMUP_MIN:=10}" "${WARMUP_MAX:=10}" "${WARMUP_ROUND:=5}" "${LOAD_LAG_SECONDS:=10}"
fi
: "${RUNS:=3}" "${RUN_SECONDS:=6}" "${KEY_SPACE:=10000}" "${LOAD_KEYS:=1000000}"
: "${WARMUP_MIN:=60}" "${WARMUP_MAX:=120}" "${WARMUP_ROUND:=10}"
: "${LOAD_LAG_RATE:=500}" "${LOAD_LAG_SECONDS:=60}"
wants() { [[ ",$TARGETS," == *",$1,"* ]]; }

RUN_STARTED=$(now)
open_session "$BENCH/results/$(date +%Y%m%d-%H%M%S)"

install_tools() {
    command -v wrk >/dev/null && command -v etcd >/dev/null && command -v curl >/dev/null && return
    [ "$(id -u)" = 0 ] || { echo "wrk, etcd-server and curl are needed: run as root, or install them" >&2; exit 1; }
    say "installing wrk, etcd-server, curl"
    apt-get update -q >"$RESULTS/logs/apt.log" 2>&1
    # Captured first: with pipefail, grep -q closing the pipe early would fail the pipeline with SIGPIPE.
    local policy; policy=$(apt-cache policy etcd-server)
    grep -q 'Candidate: 3\.4\.' <<<"$policy" \
        || { echo "Debian's etcd-server is not 3.4.x here: $(grep Candidate <<<"$policy")" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk etcd-server curl >>"$RESULTS/logs/apt.log" 2>&1
}

build() {
    $BUILD || return 0
    if wants kvs || wants kvs-auth || wants kvs-cluster; then
        build_kvs
    fi
    say "building the no-op WAR"
    (cd "$BENCH/noop" && mvn -q -B package) >"$RESULTS/logs/build-noop.log" 2>&1 \
        || { echo "no-op build failed: $RESULTS/logs/build-noop.log" >&2; exit 1; }
}

# bench_target NAME API URL WARMUP_MIN: key space, warm-up, measured runs, on a target already started.
bench_target() {
    say "$1: load average $(cut -d' ' -f1-3 /proc/loadavg); writing $KEY_SPACE keys"
    load_keys "$2" "$3" "$KEY_SPACE" "$1-keyspace" >/dev/null
    warm_up "$1" "$2" "$3" "$4" "$WARMUP_MAX"
    say "$1: measuring ($RUNS x 4 runs of $RUN_SECONDS s)"
    local before; before=$(cpu_snapshot "$GROUP")
    measure "$1" "$2" "$3"
    record "noise_$1" "$(foreign_cpu "$before" "$(cpu_snapshot "$GROUP")")"
    say "$1: other processes used $(fact "noise_$1") meanwhile"
    if $PROFILE && [ "$1" != etcd ]; then
        say "$1: profiling GET and PUT at 32 connections"
        profile_case "$1" "$2" "$3" get "$GROUP" $((RUN_SECONDS * 2))
        profile_case "$1" "$2" "$3" put "$GROUP" $((RUN_SECONDS * 2))
    fi
}

throughput_phase() {
    local noop_command="$WORK/noop-command"
    if wants kvs; then
        mkdir -p "$WORK/kvs-a"; write_kvs_config "$WORK/kvs-a.yaml" "$WORK/kvs-a/data"
        cp "$WORK/kvs-a.yaml" "$RESULTS/kvs-config.yaml"
        say "kvs: starting"
        start_kvs a "$WORK/kvs-a.yaml" || exit 1
        record boot_s "$BOOT_S"
        say "kvs: healthy after $BOOT_S s"
        warn_foreign_ports kvs "$GROUP" "$BENCH_PORT_BASE" $((BENCH_PORT_BASE + 99))
        noop_command_from_kvs "$GROUP" >"$noop_command"
        bench_target kvs kvs "$KVS_URL" "$WARMUP_MIN"
        stop_group "$GROUP"
    fi
    if wants kvs-auth; then
        mkdir -p "$WORK/kvs-auth"; write_kvs_config "$WORK/kvs-auth.yaml" "$WORK/kvs-auth/data" true
        say "kvs, auth on: starting"
        start_kvs auth "$WORK/kvs-auth.yaml" || exit 1
        BENCH_TOKEN=$(bench_user_token "$WORK/kvs-auth/data") || exit 1
        export BENCH_TOKEN
        bench_target kvs-auth kvs "$KVS_URL" "$WARMUP_MIN"
        unset BENCH_TOKEN
        stop_group "$GROUP"
    fi
    if wants noop; then
        if [ -s "$noop_command" ]; then
            echo "  no-op WAR runs with the kvs node's own Payara command line" 
        else
            noop_fallback_command >"$noop_command"
            echo "  no-op WAR runs with the fallback command line (no kvs node ran, or it boots Payara in-process)"
        fi
        tr '\0' ' ' <"$noop_command" | tee "$RESULTS/noop-command.txt"; echo
        say "no-op WAR: starting"
        start_noop "$noop_command" || exit 1
        record noop_boot_s "$BOOT_S"
        warn_foreign_ports no-op "$GROUP" "$BENCH_PORT_BASE" $((BENCH_PORT_BASE + 99))
        bench_target noop kvs "$NOOP_URL" "$WARMUP_MIN"
        stop_group "$GROUP"
    fi
    if wants etcd; then
        say "etcd: starting"
        start_etcd || exit 1
        record etcd_boot_s "$BOOT_S"
        # Go needs no JIT warm-up; a short one still fills caches and settles the WAL files.
        bench_target etcd etcd "$ETCD_URL" 20
        stop_group "$GROUP"
    fi
}

# capacity_phase: boot, RSS, LOAD_KEYS keys, restarts; kvs only, on a fresh data_dir.
capacity_phase() {
    local config="$WORK/kvs-b.yaml" jvm result
    mkdir -p "$WORK/kvs-b"; write_kvs_config "$config" "$WORK/kvs-b/data"
    say "capacity: starting a fresh kvs node"
    start_kvs b "$config" || exit 1
    record boot2_s "$BOOT_S"
    sleep 10
    jvm=$(jvm_of_group "$GROUP")
    record rss_idle_mb "$(rss_mb "$jvm")"; record rss_idle_total_mb "$(group_rss_mb "$GROUP")"
    say "capacity: loading $LOAD_KEYS keys"
    record load_keys "$LOAD_KEYS"
    read -r seconds rate failed < <(load_keys kvs "$KVS_URL" "$LOAD_KEYS" kvs-capacity)
    record load_s "$seconds"; record load_rate "$rate"; record load_failed "$failed"
    result=$(run_wrk "$RESULTS/wrk/kvs-get-loaded.txt" kvs "$KVS_URL" get 32 "$RUN_SECONDS" "$LOAD_KEYS")
    record get_loaded_rps "$(result_field "$result" rps)"
    sleep 5
    record rss_loaded_mb "$(rss_mb "$jvm")"; record rss_loaded_total_mb "$(group_rss_mb "$GROUP")"
    # What the RSS is made of: the heap's share, and the largest mappings (the index file is one of them).
    { jcmd "$jvm" GC.heap_info; echo; pmap -x "$jvm" | sort -k3 -n -r | head -15; } >"$RESULTS/memory-loaded.txt" 2>&1 || true
    record data_dir_mb "$(du -sm "$WORK/kvs-b/data" 2>/dev/null | cut -f1)"

    say "capacity: SIGTERM and restart"
    local stopping; stopping=$(now)
    kill -TERM "$GROUP"
    if wait_group_exit "$GROUP" 120; then record stop_sigterm_s "$(seconds_since "$stopping")"; else
        record stop_sigterm_s "did not stop in 120 s"; kill -KILL -- "-$GROUP"; wait_group_exit "$GROUP" 10 || true
    fi
    start_kvs b-restart "$config" || true
    record restart_sigterm_s "$BOOT_S"
    sleep 5
    jvm=$(jvm_of_group "$GROUP"); record rss_restart_mb "$(rss_mb "$jvm")"

    say "capacity: kill -9 and restart"
    kill -KILL -- "-$GROUP"; wait_group_exit "$GROUP" 10 || true
    start_kvs b-kill9 "$config" || true
    record restart_kill9_s "$BOOT_S"
    sleep 5
    jvm=$(jvm_of_group "$GROUP"); record rss_kill9_mb "$(rss_mb "$jvm")"
    local probe readable=0
    for probe in 0 1 $((LOAD_KEYS / 2)) $((LOAD_KEYS - 2)) $((LOAD_KEYS - 1)); do
        [ "$(http_status "$KVS_URL$(key_path kvs "$probe")")" = 200 ] && readable=$((readable + 1))
    done
    record keys_after_restart "$readable of 5 probed"
    stop_group "$GROUP"
}

wait_quiet
RUN_STARTED=$(now)
install_tools
build
describe_machine "etcd: $(etcd --version | head -1)" "wrk: $(wrk -v 2>&1 | head -1)" \
    "settings: RUNS=$RUNS RUN_SECONDS=$RUN_SECONDS KEY_SPACE=$KEY_SPACE LOAD_KEYS=$LOAD_KEYS WARMUP_MIN=$WARMUP_MIN WARMUP_MAX=$WARMUP_MAX WARMUP_ROUND=$WARMUP_ROUND"
throughput_phase
cluster_phase
if wants kvs; then capacity_phase; fi
{
    echo
    echo "Throughput (median of $RUNS runs of $RUN_SECONDS s each; wrk -t1 -c1 and -t2 -c32; PUT = durable, ~100 B JSON):"
    print_table
    echo
    print_cluster_table
    echo
    wants kvs && print_facts && echo
    print_checks && echo
    echo "CPU taken by other processes during the measured runs: kvs $(fact noise_kvs), no-op $(fact noise_noop), etcd $(fact noise_etcd)"
    echo "total time: $(seconds_since "$RUN_STARTED") s; results in ${RESULTS#"$ROOT"/}"
} | tee "$RESULTS/summary.txt"
