#!/usr/bin/env bash
# System tests against real kvs nodes started by ./kvs: the seed README's API examples, crash and restart durability,
# and the cluster scenarios of it/cluster.sh, the last of which runs ./kvsctl against the cluster (it/kvsctl.sh).
# Run by `mvn verify` (integration-test phase) or standalone after `mvn package`: bash integration_test.sh
# Needs curl and jq. Nodes listen on ports KVS_IT_PORT (default 18110) and up; their files go to target/it-*/.
set -uo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PORT_BASE=${KVS_IT_PORT:-18110}
BOOT_TIMEOUT=${KVS_IT_BOOT_TIMEOUT:-300}
mkdir -p "$ROOT/target"
WORK=$(mktemp -d "$ROOT/target/it-XXXXXX")
PASSED=0
FAILED=0

# ---------------------------------------------------------------- harness

finish() {
  local status=$?
  # Only this shell's own background jobs (nodes, writers) are stopped.
  for pid in $(jobs -p); do
    kill -9 "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  if (( status != 0 && FAILED == 0 )); then
    FAILED=$((FAILED + 1))
    echo "FAIL: the script stopped early (status $status)"
  fi
  echo "$PASSED passed, $FAILED failed"
  (( FAILED == 0 )) && rm -rf "$WORK"
  exit $(( FAILED > 0 ? 1 : 0 ))
}
trap finish EXIT
trap 'exit 130' INT TERM

pass() { PASSED=$((PASSED + 1)); echo "ok:   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $1${2:+ -- $2}"; }

# check DESCRIPTION EXPECTED ACTUAL
check() { if [[ $2 == "$3" ]]; then pass "$1"; else fail "$1" "expected [$2], got [$3]"; fi; }

# Writes a node config with the features the tests do not exercise switched off; YAML lines from stdin add keys or
# replace those defaults.
write_config() { # NAME PORT [BIND_ADDRESS]
  local extra default
  extra=$(cat)
  { [[ -n $extra ]] && printf '%s\n' "$extra"
    while IFS= read -r default; do
      grep -q "^${default%%:*}:" <<< "$extra" || printf '%s\n' "$default"
    done <<YAML
node_id: "$1"
bind_address: "${3:-127.0.0.1}"
port: $2
data_dir: "$WORK/$1/data"
backup_path: "$WORK/$1/backups"
auth_enabled: false
rate_limiting_enabled: false
clustering_enabled: false
backup_enabled: false
YAML
  } > "$WORK/$1.yaml"
}

start_node() { # NAME: starts ./kvs with $WORK/NAME.yaml; sets NODE_PID
  "$ROOT/kvs" "$WORK/$1.yaml" >> "$WORK/$1.log" 2>&1 &
  NODE_PID=$!
}

stop_node() { # PID: SIGTERM, then waits up to 30 s; returns 1 if it had to kill -9
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null; return 0; }
    sleep 0.1
  done
  kill -9 "$1"; wait "$1" 2>/dev/null
  return 1
}

wait_healthy() { # BASE_URL PID NAME
  local deadline=$((SECONDS + BOOT_TIMEOUT))
  while (( SECONDS < deadline )); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$1/health") == 200 ]] && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  echo "node $3 did not answer /health with 200 within $BOOT_TIMEOUT s; last log lines:"
  grep -v "^\s*$" "$WORK/$3.log" | tail -n 15 | cut -c1-300
  return 1
}

# request METHOD URL [BODY]: sets STATUS, BODY and HEADERS of the answer; sends TOKEN, when set, as bearer token
request() {
  local args=(-s -X "$1" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}')
  [[ -n ${TOKEN:-} ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  STATUS=$(curl "${args[@]}" "$2")
  BODY=$(cat "$WORK/body")
  HEADERS=$(tr -d '\r' < "$WORK/headers")
}

json() { jq -c "$@" <<< "$BODY" 2>/dev/null; }

# ---------------------------------------------------------------- tests

test_invalid_config_stops_before_binding() {
  printf 'compression_level: 20\n' | write_config bad "$PORT_BASE"
  local message status
  message=$("$ROOT/kvs" "$WORK/bad.yaml" 2>&1 >/dev/null); status=$?
  check "invalid config exits non-zero" 1 "$status"
  check "invalid config message names file and key" \
    "kvs: config error in $WORK/bad.yaml: compression_level: must be 1..19, got 20" "$message"
  check "invalid config prepares nothing" absent "$([[ -e $WORK/bad/data ]] && echo present || echo absent)"
}

# ./kvs refuses, before Payara starts, a data_dir a running node holds and a joining auth node without cluster_secret.
test_launcher_refusals() { # RUNNING_NODE_NAME RUNNING_NODE_PID
  local message status lock="$WORK/$1/data/store/lock"
  printf 'node_id: "twin"\nport: %s\ndata_dir: "%s"\n' "$PORT_BASE" "$WORK/$1/data" > "$WORK/twin.yaml"
  message=$("$ROOT/kvs" "$WORK/twin.yaml" 2>&1 >/dev/null); status=$?
  check "a second node on a data_dir in use exits 1 before Payara" 1 "$status"
  check "the refusal names the data_dir's lock and its holder" \
    "kvs: another kvs node (pid $2) holds $lock: two nodes cannot share a data_dir" "$message"
  printf 'node_id: "joiner"\nport: %s\ndata_dir: "%s"\nseed_nodes: ["127.0.0.1:%s"]\nauth_enabled: true\n' \
    "$PORT_BASE" "$WORK/joiner/data" "$PORT_BASE" > "$WORK/joiner.yaml"
  message=$("$ROOT/kvs" "$WORK/joiner.yaml" 2>&1 >/dev/null); status=$?
  check "a joining auth node without cluster_secret exits 1 before Payara" 1 "$status"
  check "the refusal says what to copy from where" yes \
    "$([[ $message == *"copy cluster_secret from the first node's configuration, or the content of its"* ]] && echo yes)"
}

test_readme_examples() { # BASE_URL
  local base=$1 uuid
  request PUT "$base/kv/users/john/profile" '{"name":"John Doe","age":30,"email":"john@example.com"}'
  check "PUT profile -> 200" 200 "$STATUS"
  uuid=$(json -r .uuid)
  check "PUT answers a v4 uuid and a timestamp" true \
    "$(json '(.uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")) and (.timestamp | type == "number")')"
  check "PUT sets ETag to the uuid" "etag: \"$uuid\"" "$(grep -i '^etag:' <<< "$HEADERS" | sed 's/^[Ee][Tt][Aa][Gg]/etag/')"

  request GET "$base/kv/users/john/profile"
  check "GET profile -> 200" 200 "$STATUS"
  check "GET answers the full StoredValue" "$uuid {\"name\":\"John Doe\",\"age\":30,\"email\":\"john@example.com\"} number" \
    "$(json -r '"\(.uuid) \(.data | tojson) \(.timestamp | type)"')"

  request PUT "$base/kv/cache/session/abc123" '{"data":{"user_id":"john"}, "ttl":"1h"}'
  check "PUT with {data, ttl} -> 200" 200 "$STATUS"
  request GET "$base/kv/cache/session/abc123"
  check "envelope stores only data" '{"user_id":"john"}' "$(json .data)"

  request GET "$base/kv/_range?prefix=cache/&include_values=true"
  check "_range by prefix lists the key with its value" '[{"key":"cache/session/abc123","data":{"user_id":"john"}}],null' \
    "$(json '[.items[] | {key, data}]'),$(json .next_start_key)"

  request DELETE "$base/kv/users/john/profile"
  check "DELETE -> 204" 204 "$STATUS"
  request GET "$base/kv/users/john/profile"
  check "GET after DELETE -> 404 with a JSON error" "404 string" "$STATUS $(json -r '.error | type')"

  request PUT "$base/kv/cache/short" '{"data":1,"ttl":"1s"}'
  sleep 1.5
  request GET "$base/kv/cache/short"
  check "value with ttl 1s is gone after 1.5 s" 404 "$STATUS"

  request GET "$base/health"
  check "/health" '{"status":"ok","mode":"normal","member_count":1,"node_id":"readme"}' \
    "$(json '{status, mode, member_count, node_id}')"
  request GET "$base/members/"
  check "/members/ lists this node alive" '["readme","alive"]' "$(json '[.[] | select(.id == "readme") | .id, .status]')"
}

test_listens_only_on_bind_address_and_port() { # PID PORT BIND_ADDRESS
  check "node does not answer on 127.0.0.1 when bound to $3" 000 \
    "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$2/health")"
  if command -v ss > /dev/null; then
    check "node listens on $3:$2 only (TCP)" "$3:$2" \
      "$(ss -ltnpH | grep "pid=$1," | awk '{print $4}' | sed 's/^\[::ffff:\(.*\)\]/\1/' | sort -u | paste -sd' ')"
  fi
}

# One writer: PUTs fresh keys in a loop until the node stops answering; logs each attempt, then each acknowledgement.
writer() { # BASE_URL ID
  local n=0 key value
  while :; do
    n=$((n + 1)); key="crash/w$2/k$n"; value="{\"writer\":$2,\"n\":$n,\"pad\":\"$RANDOM$RANDOM$RANDOM\"}"
    case $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -H 'Content-Type: application/json' \
        --data-binary "$value" "$1/kv/$key") in
      200) printf '%s\t%s\n' "$key" "$value" >> "$WORK/acks" ;;
      000) return ;;
    esac
  done
}

# Every acknowledged write must be readable with its exact value.
check_acknowledged() { # BASE_URL LABEL
  local start="" expected_count missing
  : > "$WORK/stored"
  while :; do
    request GET "$1/kv/_range?prefix=crash/&include_values=true&limit=10000${start:+&start_key=$start}"
    [[ $STATUS == 200 ]] || { fail "$2: _range -> $STATUS" "$BODY"; return; }
    json -r '.items[] | "\(.key)\t\(.data | tojson)"' >> "$WORK/stored"
    start=$(json -r '.next_start_key // empty' | jq -Rr @uri)
    [[ -n $start ]] || break
  done
  expected_count=$(wc -l < "$WORK/acks")
  missing=$(sort "$WORK/acks" | comm -23 - <(sort "$WORK/stored") | wc -l)
  echo "      $2: $expected_count acknowledged writes checked, $(wc -l < "$WORK/stored") keys stored"
  check "$2: every acknowledged write is present with its exact value" 0 "$missing"
  (( expected_count > 0 )) || fail "$2: no write was acknowledged"
}

test_crash_and_restart() {
  local name=crash base="http://127.0.0.1:$((PORT_BASE + 2))" writers=() pid
  : > "$WORK/acks"
  write_config "$name" $((PORT_BASE + 2)) < /dev/null
  start_node "$name"; pid=$NODE_PID
  wait_healthy "$base" "$pid" "$name" || { fail "crash node boots"; return; }
  for w in 1 2 3 4; do writer "$base" "$w" & writers+=($!); done
  local deadline=$((SECONDS + 15))
  while (( $(wc -l < "$WORK/acks") < 300 && SECONDS < deadline )); do sleep 0.2; done
  kill -9 "$pid"
  wait "${writers[@]}" "$pid" 2>/dev/null
  start_node "$name"; pid=$NODE_PID
  wait_healthy "$base" "$pid" "$name" || { fail "node restarts after kill -9"; return; }
  check_acknowledged "$base" "after kill -9"

  for n in $(seq 1 50); do
    request PUT "$base/kv/crash/clean/k$n" "{\"n\":$n}"
    [[ $STATUS == 200 ]] && printf 'crash/clean/k%s\t{"n":%s}\n' "$n" "$n" >> "$WORK/acks"
  done
  stop_node "$pid"
  check "node stops within 30 s of SIGTERM" 0 $?
  start_node "$name"; pid=$NODE_PID
  wait_healthy "$base" "$pid" "$name" || { fail "node restarts after SIGTERM"; return; }
  check_acknowledged "$base" "after SIGTERM"
  stop_node "$pid"
}

# Issue 12 #5: kill -9 while a compaction runs. The compaction swaps the index to its copies 2,048 keys at a time; an
# overwrite of a key already swapped links its previous revision into the copy. The node is killed once the copy is
# past its first swap, while POST /admin/compaction is still in flight. After the
# restart every value and every overwritten key's history must read back exactly, and a compaction must complete.
COMPACT_KEYS=7000

compact_value() { # KEY_NUMBER VERSION PAD: about 8 KB that compression cannot shrink
  printf '{"k":%s,"v":%s,"pad":"%s"}' "$1" "$2" "$3"
}

# Overwrites keys FROM..TO, in the order compaction copies them, one at a time; logs each acknowledged key.
overwriter() { # BASE_URL FROM TO
  local n=$(($2 - 1)) pad
  while read -r pad; do
    n=$((n + 1))
    case $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -H 'Content-Type: application/json' \
        --data-binary "$(compact_value "$n" 2 "$pad")" "$1/kv/bulk/k$(printf %05d "$n")") in
      200) echo "$n" >> "$WORK/overwritten" ;;
      000) return ;;
    esac
  done < <(sed -n "$2,$3p" "$WORK/pads")
}

check_compacted() { # BASE_URL LABEL
  local wrong=0 n pad expected
  for n in $(sort -n "$WORK/overwritten"); do
    request GET "$1/kv/bulk/k$(printf %05d "$n")?history=true"
    pad=$(sed -n "${n}p" "$WORK/pads")
    expected=$(printf '[%s,%s]' "$(compact_value "$n" 2 "$pad")" "$(compact_value "$n" 1 "$pad")" | jq -c .)
    [[ $(json '[.revisions[].data]') == "$expected" ]] || wrong=$((wrong + 1))
  done
  check "$2: each of the $(wc -l < "$WORK/overwritten") keys overwritten during the compaction has both versions in its history" 0 "$wrong"
  wrong=0
  for n in $(seq 1 97 "$COMPACT_KEYS"); do
    request GET "$1/kv/bulk/k$(printf %05d "$n")"
    grep -qx "$n" "$WORK/overwritten" && expected=2 || expected=1
    [[ $(json .data) == "$(compact_value "$n" "$expected" "$(sed -n "${n}p" "$WORK/pads")" | jq -c .)" ]] ||
      wrong=$((wrong + 1))
  done
  check "$2: every sampled key reads its latest acknowledged value" 0 "$wrong"
}

test_crash_during_compaction() {
  local name=compact base="http://127.0.0.1:$((PORT_BASE + 7))" pid compaction overwriting=() n=0 pad before hit=false
  : > "$WORK/overwritten"
  head -c $((COMPACT_KEYS * 6000)) /dev/urandom | base64 -w 8000 > "$WORK/pads"
  printf 'compression_enabled: false\n' | write_config "$name" $((PORT_BASE + 7))
  start_node "$name"; pid=$NODE_PID
  wait_healthy "$base" "$pid" "$name" || { fail "compaction node boots"; return; }
  while read -r pad; do # one curl config entry per PUT, quotes escaped for the config syntax
    n=$((n + 1))
    (( n > 1 )) && echo next
    printf 'url = "%s/kv/bulk/k%05d"\nrequest = "PUT"\nheader = "Content-Type: application/json"\n' "$base" "$n"
    printf 'data = "{\\"k\\":%s,\\"v\\":1,\\"pad\\":\\"%s\\"}"\noutput = "/dev/null"\nsilent\n' "$n" "$pad"
  done < "$WORK/pads" > "$WORK/load.curl"
  curl --parallel --parallel-max 8 -K "$WORK/load.curl" > /dev/null 2>&1
  before=$(du -sb "$WORK/$name/data/store/log" | cut -f1)
  curl -s -o /dev/null -X POST "$base/admin/compaction" & compaction=$!
  # Four writers overwrite keys of the first 2,048 the compaction copies and swaps (16.6 MB of its 57 MB output);
  # those acknowledged after the swap link their previous revision into the copy. The kill comes at 24 MB.
  for n in 1 501 1001 1501; do overwriter "$base" "$n" $((n + 499)) & overwriting+=($!); done
  for _ in $(seq 1 500); do
    (( $(du -sb "$WORK/$name/data/store/log" | cut -f1) > before + (24 << 20) )) && break
    sleep 0.01
  done
  kill -0 "$compaction" 2>/dev/null && hit=true
  kill -9 "$pid"
  wait "${overwriting[@]}" "$compaction" "$pid" 2>/dev/null
  check "the node was killed past the first swap of a compaction still in flight" true "$hit"
  start_node "$name"; pid=$NODE_PID
  wait_healthy "$base" "$pid" "$name" || { fail "node restarts after kill -9 during compaction"; return; }
  check_compacted "$base" "after kill -9 during compaction"
  request POST "$base/admin/compaction"
  check "a compaction after the restart runs to its end" 200 "$STATUS"
  check_compacted "$base" "after the next compaction"
  stop_node "$pid"
}

# Lists every live key with its value, one "key<TAB>json" line each, in key order.
dump_keys() { # BASE_URL
  local start=""
  while :; do
    request GET "$1/kv/_range?include_values=true&limit=10000${start:+&start_key=$start}"
    [[ $STATUS == 200 ]] || { echo "_range -> $STATUS"; return; }
    json -r '.items[] | "\(.key)\t\(.data | tojson)"'
    start=$(json -r '.next_start_key // empty' | jq -Rr @uri)
    [[ -n $start ]] || break
  done
}

test_backup_restore_and_json_logs() {
  local base="http://127.0.0.1:$((PORT_BASE + 3))" copy="http://127.0.0.1:$((PORT_BASE + 4))" pid archive status
  printf 'tamper_logging_enabled: true\n' | write_config ops $((PORT_BASE + 3))
  start_node ops; pid=$NODE_PID
  wait_healthy "$base" "$pid" ops || { fail "ops node boots"; return; }
  for n in $(seq 1 300); do
    curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' \
      --data-binary "{\"n\":$n,\"tags\":[\"a\",\"b\"],\"pad\":\"$RANDOM$RANDOM\"}" "$base/kv/backup/k$n"
  done
  request PUT "$base/kv/backup/k7" '"overwritten"'
  request DELETE "$base/kv/backup/k8"
  request POST "$base/admin/backups"
  check "POST /admin/backups -> 200 with the live key count" "200 299" "$STATUS $(json .keys)"
  archive="$WORK/ops/backups/$(json -r .file)"
  check "backup archive is named kvs-{node_id}-{yyyyMMdd-HHmmss}.tar.zst" true \
    "$([[ $(basename "$archive") =~ ^kvs-ops-[0-9]{8}-[0-9]{6}\.tar\.zst$ && -s $archive ]] && echo true || echo false)"
  dump_keys "$base" > "$WORK/before-backup"
  request PUT "$base/kv/backup/after" '1'
  request GET "$base/admin/backups"
  check "GET /admin/backups lists the archive" "$(basename "$archive")" "$(json -r '.backups[0].file')"
  check "node logs are JSON lines (all but the launcher's own kvs: lines)" true \
    "$(grep -v '^kvs: ' "$WORK/ops.log" | jq -e -s 'length > 10' 2> /dev/null)"
  check "kvs's own records are in the JSON log" true \
    "$(grep '^{' "$WORK/ops.log" | jq -r 'select(.LoggerName | startswith("io.kvs.")) | .LogMessage' | grep -q '^backup ' && echo true || echo false)"

  printf 'tamper_logging_enabled: true\n' | write_config ops-copy $((PORT_BASE + 4))
  "$ROOT/kvs" restore "$archive" "$WORK/ops-copy.yaml" 2>> "$WORK/ops-copy.log"; status=$?
  check "./kvs restore into an empty data_dir succeeds" 0 "$status"
  "$ROOT/kvs" restore "$archive" "$WORK/ops-copy.yaml" 2>> "$WORK/ops-copy.log"; status=$?
  check "./kvs restore refuses a data_dir that is not empty" 1 "$status"
  "$ROOT/kvs" restore "$archive" "$WORK/ops.yaml" 2> /dev/null; status=$?
  check "./kvs restore refuses while the node runs" 1 "$status"
  stop_node "$pid"

  start_node ops-copy; pid=$NODE_PID
  wait_healthy "$copy" "$pid" ops-copy || { fail "restored node boots"; return; }
  dump_keys "$copy" > "$WORK/restored"
  check "restored node serves exactly the keys and values of the backup ($(wc -l < "$WORK/before-backup") keys)" "" \
    "$(diff "$WORK/before-backup" "$WORK/restored" | head -5)"
  request GET "$copy/audit/verify"
  check "restored audit chain verifies" true "$(json .valid)"
  stop_node "$pid"
}

# Issue 12 #6: a backup of a node with auth on, restored where its tokens would not verify (no cluster_secret: a new
# one would be generated) and no new root would be made because users exist.
test_restore_keeps_a_way_in() {
  local base="http://127.0.0.1:$((PORT_BASE + 5))" copy="http://127.0.0.1:$((PORT_BASE + 6))" pid archive status
  printf 'auth_enabled: true\n' | write_config locked $((PORT_BASE + 5))
  start_node locked; pid=$NODE_PID
  wait_healthy "$base" "$pid" locked || { fail "auth node boots"; return; }
  TOKEN=$(cat "$WORK/locked/data/root.token")
  request POST "$base/auth/users" '{"nickname":"alice"}'
  request PUT "$base/kv/locked/k" '{"v":1}'
  request POST "$base/admin/backups"
  check "auth node: a user, a key and a backup" 200 "$STATUS"
  archive="$WORK/locked/backups/$(json -r .file)"
  TOKEN=
  stop_node "$pid"
  check "the first start recorded the token key's fingerprint (0600)" 600 \
    "$(stat -c %a "$WORK/locked/data/jwt-key.fingerprint" 2>/dev/null)"
  mv "$WORK/locked/data/cluster.secret" "$WORK/locked/cluster.secret.moved"
  "$ROOT/kvs" "$WORK/locked.yaml" >> "$WORK/locked.log" 2>&1; status=$?
  check "a start that would orphan every token (cluster.secret gone) is refused" 1 "$status"
  check "...saying what to do" true "$(tail -1 "$WORK/locked.log" | grep -q 'reset-root' && echo true || echo false)"

  printf 'auth_enabled: true\n' | write_config unlocked $((PORT_BASE + 6))
  "$ROOT/kvs" restore "$archive" "$WORK/unlocked.yaml" 2>> "$WORK/unlocked.log"; status=$?
  check "restore where no token would verify is refused" 1 "$status"
  check "...and leaves data_dir empty" "" "$(ls -A "$WORK/unlocked/data" 2>/dev/null)"
  "$ROOT/kvs" restore "$archive" "$WORK/unlocked.yaml" --reset-root 2>> "$WORK/unlocked.log"; status=$?
  check "restore --reset-root succeeds" 0 "$status"
  start_node unlocked; pid=$NODE_PID
  wait_healthy "$copy" "$pid" unlocked || { fail "restored auth node boots"; return; }
  TOKEN=$(cat "$WORK/unlocked/data/root.token" 2>/dev/null)
  request GET "$copy/auth/users"
  check "the new root token works and sees the backup's users" "200 true" \
    "$STATUS $(json 'any(.[]; .nickname == "alice")')"
  request GET "$copy/kv/locked/k"
  check "...and the backup's data" "200 1" "$STATUS $(json .data.v)"
  TOKEN=
  stop_node "$pid"
  check "the reset request is gone after the start" false \
    "$([[ -e $WORK/unlocked/data/reset-root ]] && echo true || echo false)"
}

test_single_nodes() {
  test_invalid_config_stops_before_binding

  write_config readme $((PORT_BASE + 1)) 127.0.0.2 < /dev/null
  start_node readme
  if wait_healthy "http://127.0.0.2:$((PORT_BASE + 1))" "$NODE_PID" readme; then
    pass "node boots and answers /health"
    test_listens_only_on_bind_address_and_port "$NODE_PID" $((PORT_BASE + 1)) 127.0.0.2
    test_readme_examples "http://127.0.0.2:$((PORT_BASE + 1))"
    test_launcher_refusals readme "$NODE_PID"
  else
    fail "node boots and answers /health"
  fi
  stop_node "$NODE_PID"

  test_crash_and_restart

  test_crash_during_compaction

  test_backup_restore_and_json_logs

  test_restore_keeps_a_way_in

  test_quick_start
}

# shellcheck source=it/readme.sh
source "$ROOT/it/readme.sh"
# shellcheck source=it/cluster.sh
source "$ROOT/it/cluster.sh"
# shellcheck source=it/kvsctl.sh
source "$ROOT/it/kvsctl.sh"

# ---------------------------------------------------------------- main

for tool in curl jq; do
  command -v "$tool" > /dev/null || { fail "$tool is installed"; exit 1; }
done
echo "kvs integration tests in $WORK"
# KVS_IT_SUITES picks the parts to run when set (default: both), e.g. KVS_IT_SUITES=cluster.
for suite in ${KVS_IT_SUITES-single cluster}; do
  case $suite in
    single) test_single_nodes ;;
    cluster) test_cluster ;;
    readme) test_quick_start ;; # part of single; alone, for working on README
    *) fail "KVS_IT_SUITES names a known suite (single, cluster, readme)" "got $suite" ;;
  esac
done
