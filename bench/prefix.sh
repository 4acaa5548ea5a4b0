#!/usr/bin/env bash
# kvs prefix-operations benchmark (issue 14, SPEC §10), against etcd measured in the same run. Not part of `mvn verify`.
#
#   bench/prefix.sh               full run: ROUNDS=3 rounds of KEYS=100000 keys
#   bench/prefix.sh --quick       one round of 20,000 keys
#   bench/prefix.sh --no-build    reuse target/kvs.war
#   bench/prefix.sh --wait-quiet 30   first wait up to 30 minutes for a 1-minute load average below 1
#
# One kvs node (auth, rate limiting, tamper log, clustering and backups off, durability fsync) and one etcd 3.4
# member (v2 API, WAL fsynced per commit), one after the other. Each round writes keys bench/k0000000.. once each
# (wrk, 32 connections), then times with curl:
#  - kvs  GET /kv/_range?separator=/ (the top level: one prefix, bench/, with its count of every key), and
#         DELETE /kv/_range?prefix=bench/ (a tombstone for every key);
#  - etcd DELETE /v2/keys/bench?recursive=true (the same keys as one directory).
# Then checks that nothing is left. Medians over the rounds, and kvs / etcd of the delete time.
# Results go to target/bench-prefix/<timestamp>/: summary.md, facts.txt, logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
WRK_SCRIPT="$BENCH/wrk/kv.lua"
. "$BENCH/lib/processes.sh"
. "$BENCH/lib/session.sh"
. "$BENCH/lib/load.sh"
. "$BENCH/lib/targets.sh"

COMMAND_LINE="bench/prefix.sh $*"
BUILD=true
QUICK=false
WAIT_QUIET_MINUTES=0
while [ $# -gt 0 ]; do
    common_option "$@"
    [ "$SHIFT" -ne 0 ] || unknown_option "$1"
    shift "$SHIFT"
done
if $QUICK; then
    : "${ROUNDS:=1}" "${KEYS:=20000}"
fi
: "${ROUNDS:=3}" "${KEYS:=100000}"

open_session "$ROOT/target/bench-prefix/$(date +%Y%m%d-%H%M%S)"
command -v wrk >/dev/null || { echo "wrk is missing: run bench/run.sh once (it installs it)" >&2; exit 1; }
command -v etcd >/dev/null || { echo "etcd is missing: run bench/run.sh once (it installs it)" >&2; exit 1; }
wait_quiet
if $BUILD; then build_kvs; fi
describe_machine "settings: ROUNDS=$ROUNDS KEYS=$KEYS"

# timed OUT METHOD URL: runs one request; prints its seconds, the answer goes to OUT.
timed() {
    curl -s -o "$1" -w '%{time_total}' -X "$2" "$3"
}

mkdir -p "$WORK/kvs"; write_kvs_config "$WORK/kvs.yaml" "$WORK/kvs/data"
say "starting kvs"
start_kvs prefix "$WORK/kvs.yaml" || exit 1
for round in $(seq 1 "$ROUNDS"); do
    read -r load_s load_rate failed < <(load_keys kvs "$KVS_URL" "$KEYS" "kvs-$round")
    say "kvs round $round: loaded $KEYS keys in $load_s s ($load_rate/s, $failed failed)"
    level_s=$(timed "$RESULTS/kvs-level-$round.json" GET "$KVS_URL/kv/_range?separator=/")
    grep -q "\"prefix\":\"bench/\",\"keys\":$KEYS" "$RESULTS/kvs-level-$round.json" \
        || echo "  warning: the level listing did not count $KEYS keys: $(head -c 300 "$RESULTS/kvs-level-$round.json")" >&2
    delete_s=$(timed "$RESULTS/kvs-delete-$round.json" DELETE "$KVS_URL/kv/_range?prefix=bench/")
    grep -q "\"deleted\":$KEYS," "$RESULTS/kvs-delete-$round.json" \
        || echo "  warning: kvs deleted other than $KEYS: $(cat "$RESULTS/kvs-delete-$round.json")" >&2
    left=$(curl -s "$KVS_URL/kv/_range?prefix=bench/&limit=1" | grep -c '"key"' || true)
    say "kvs round $round: level ${level_s} s, delete ${delete_s} s ($(cat "$RESULTS/kvs-delete-$round.json")), keys left: $left"
    record "kvs_level_s_$round" "$level_s"; record "kvs_delete_s_$round" "$delete_s"
done
stop_group "$GROUP"

say "starting etcd"
start_etcd || exit 1
for round in $(seq 1 "$ROUNDS"); do
    read -r load_s load_rate failed < <(load_keys etcd "$ETCD_URL" "$KEYS" "etcd-$round")
    say "etcd round $round: loaded $KEYS keys in $load_s s ($load_rate/s, $failed failed)"
    delete_s=$(timed "$RESULTS/etcd-delete-$round.json" DELETE "$ETCD_URL/v2/keys/bench?recursive=true")
    left=$(http_status "$ETCD_URL/v2/keys/bench/k0000000")
    say "etcd round $round: delete ${delete_s} s, first key now answers $left"
    record "etcd_delete_s_$round" "$delete_s"
done
stop_group "$GROUP"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
facts_median() { grep "^$1_" "$FACTS" | cut -d= -f2 | median; }
kvs_level=$(facts_median kvs_level_s); kvs_delete=$(facts_median kvs_delete_s); etcd_delete=$(facts_median etcd_delete_s)
{
    echo "# Prefix operations, $KEYS keys, median of $ROUNDS rounds"
    echo
    echo "| | kvs | etcd | kvs / etcd time |"
    echo "|---|---|---|---|"
    echo "| delete every key under bench/ | $kvs_delete s | $etcd_delete s | $(awk -v a="$kvs_delete" -v b="$etcd_delete" 'BEGIN { printf "%.2f", a / b }') |"
    echo "| one level of the top (count of bench/) | $kvs_level s | - | - |"
} | tee "$RESULTS/summary.md"
