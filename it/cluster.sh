# Cluster scenarios of integration_test.sh (SPEC §3-§4): real nodes n1..n4 on 127.0.0.1, ports PORT_BASE+11..14.
# Sourced by integration_test.sh, whose harness (check, request, write_config, start_node, stop_node, wait_healthy,
# dump_keys) it uses. One 3-node cluster serves every scenario in turn; timings are tight so that each wait is
# seconds, and every wait is a poll with a deadline.
# shellcheck shell=bash disable=SC2153  # ROOT, WORK, STATUS, NODE_PID... are the harness's

declare -A NODE_PIDS=()
# Who seeds on whom: n1 starts the cluster, the others join through one or two members.
declare -A SEEDS=([n1]="" [n2]="n1" [n3]="n1 n2" [n4]="n1")
# The chronicle flags of the node's launcher, plus what Payara's manifest adds inside the node (as in surefire).
TOOL_JVM_FLAGS=(--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true)

node_port() { echo $((PORT_BASE + 10 + ${1#n})); }
node_url() { echo "http://127.0.0.1:$(node_port "$1")"; }

# cluster_config NAME: a clustered node that seeds on SEEDS[NAME]; extra YAML lines from stdin.
cluster_config() {
  local name=$1 seeds=() seed
  for seed in ${SEEDS[$name]}; do seeds+=("\"127.0.0.1:$(node_port "$seed")\""); done
  { cat; cat <<YAML
clustering_enabled: true
seed_nodes: [$(IFS=,; echo "${seeds[*]}")]
gossip_interval_min: 1
gossip_interval_max: 1
sync_interval: 3
catchup_interval: 1
member_suspect_timeout: 2
member_remove_timeout: 15
throttle_delay_ms: 0
fetch_delay_ms: 0
YAML
  } | write_config "$name" "$(node_port "$name")"
}

launch() { # NAME...: starts the nodes at once
  local name
  for name in "$@"; do start_node "$name"; NODE_PIDS[$name]=$NODE_PID; done
}

boot() { # NAME...: starts the nodes at once and waits until each answers /health; fails the scenario otherwise
  local name
  launch "$@"
  for name in "$@"; do
    wait_healthy "$(node_url "$name")" "${NODE_PIDS[$name]}" "$name" || { fail "node $name boots"; return 1; }
  done
}

halt() { # NAME...: SIGTERM to all at once, then waits for each
  local name
  for name in "$@"; do kill -TERM "${NODE_PIDS[$name]}" 2>/dev/null; done
  for name in "$@"; do
    stop_node "${NODE_PIDS[$name]}" || fail "node $name stops within 30 s of SIGTERM"
    unset "NODE_PIDS[$name]"
  done
}

# eventually TIMEOUT DESCRIPTION CONDITION...: runs CONDITION until it succeeds (pass) or TIMEOUT seconds have gone
# by (fail, showing what CONDITION printed last: the state it saw).
eventually() {
  local timeout=$1 description=$2 started=$EPOCHREALTIME seen
  shift 2
  local deadline=$((SECONDS + timeout))
  while :; do
    if seen=$("$@" 2>&1); then
      pass "$description ($(elapsed_ms "$started") ms)"
      return 0
    fi
    (( SECONDS < deadline )) || break
    sleep 0.3
  done
  fail "$description within $timeout s" "$(paste -sd';' <<< "$seen")"
  return 1
}

elapsed_ms() { # EPOCHREALTIME_AT_START
  local now=$EPOCHREALTIME
  echo $(( (${now/./} - ${1/./}) / 1000 ))
}

# ---------------------------------------------------------------- conditions: print what they see, succeed if it holds

# get_field NODE PATH JQ_ARGS...: jq applied to the answer of GET PATH, or "HTTP <status>" when it is not 200
get_field() {
  local answer
  answer=$(curl -s --max-time 10 -w '\n%{http_code}' ${TOKEN:+-H "Authorization: Bearer $TOKEN"} "$(node_url "$1")$2")
  if [[ ${answer##*$'\n'} == 200 ]]; then jq -c "${@:3}" <<< "${answer%$'\n'*}"; else echo "HTTP ${answer##*$'\n'}"; fi
}

# version_of NODE KEY: the uuid of the version NODE serves for KEY, or its status code (404 once deleted)
version_of() {
  local seen
  seen=$(get_field "$1" "/kv/$2" -r .uuid)
  echo "${seen#HTTP }"
}

versions_agree() { # KEY EXPECTED NODE...: every NODE serves EXPECTED (a uuid, or 404) for KEY
  local key=$1 expected=$2 node seen held=0
  shift 2
  for node in "$@"; do
    seen=$(version_of "$node" "$key")
    echo "$key on $node: $seen (want $expected)"
    [[ $seen == "$expected" ]] || held=1
  done
  return $held
}

# see_alive IDS NODE...: each NODE lists exactly the members IDS (space-separated), all alive, and counts them in /health
see_alive() {
  local ids=$1 node view count held=0 expected
  shift
  expected=$(tr ' ' '\n' <<< "$ids" | sort | sed 's/$/:alive/' | paste -sd' ')
  for node in "$@"; do
    view=$(get_field "$node" /members/ -r '[.[] | "\(.id):\(.status)"] | sort | join(" ")')
    count=$(get_field "$node" /health .member_count)
    echo "$node sees [$view], member_count $count"
    [[ $view == "$expected" && $count == $(wc -w <<< "$ids") ]] || held=1
  done
  return $held
}

not_alive_on() { # GONE NODE: NODE lists GONE no longer alive (suspect, or dropped)
  local status
  status=$(get_field "$2" /members/ -r "[.[] | select(.id == \"$1\") | .status] | first // \"absent\"")
  echo "$2 lists $1 as $status"
  [[ $status == suspect || $status == absent ]]
}

modes_are() { # MODE NODE...
  local mode=$1 node seen held=0
  shift
  for node in "$@"; do
    seen=$(get_field "$node" /health -r .mode)
    echo "$node: mode $seen"
    [[ $seen == "$mode" ]] || held=1
  done
  return $held
}

same_data() { # NODE...: every NODE holds exactly the keys and values of the first (dump_keys)
  local node held=0
  for node in "$@"; do dump_keys "$(node_url "$node")" > "$WORK/dump.$node"; done
  for node in "${@:2}"; do
    if ! cmp -s "$WORK/dump.$1" "$WORK/dump.$node"; then
      echo "$node differs from $1 ($(wc -l < "$WORK/dump.$node") vs $(wc -l < "$WORK/dump.$1") keys):" \
        "$(diff "$WORK/dump.$1" "$WORK/dump.$node" | grep '^[<>]' | head -3 | paste -sd' ')"
      held=1
    fi
  done
  return $held
}

# roots_agree NODE...: each NODE's /sync/status is in_sync, all with one root, equal to each GET /sync/merkle/root
roots_agree() {
  local node held=0 status roots=()
  for node in "$@"; do
    status=$(get_field "$node" /sync/status '"\(.in_sync) \(.root) \([.peers[] | .equal] | all)"')
    roots+=("$(get_field "$node" /sync/merkle/root -r .hash)")
    echo "$node: in_sync, root, peers equal: $status; merkle root ${roots[-1]}"
    [[ $status == "\"true ${roots[0]} true\"" ]] || held=1
  done
  return $held
}

# ---------------------------------------------------------------- writers

put() { # NODE KEY JSON: PUT, prints the new version's uuid (or the status code when not 200)
  local answer
  answer=$(curl -s --max-time 10 -w '\n%{http_code}' -X PUT -H 'Content-Type: application/json' \
    ${TOKEN:+-H "Authorization: Bearer $TOKEN"} --data-binary "$3" "$(node_url "$1")/kv/$2")
  if [[ ${answer##*$'\n'} == 200 ]]; then jq -r .uuid <<< "${answer%$'\n'*}"; else echo "${answer##*$'\n'}"; fi
}

remove() { # NODE KEY: DELETE, prints the status code
  curl -s -o /dev/null --max-time 10 -w '%{http_code}' -X DELETE ${TOKEN:+-H "Authorization: Bearer $TOKEN"} \
    "$(node_url "$1")/kv/$2"
}

# write_keys PREFIX FIRST LAST NODE...: PUTs PREFIX/kFIRST..kLAST (value {"n", "by"}), spread over the NODEs
write_keys() {
  local prefix=$1 first=$2 last=$3 failed=() n node
  shift 3
  for n in $(seq "$first" "$last"); do
    node=${*:n % $# + 1:1}
    [[ $(put "$node" "$prefix/k$n" "{\"n\":$n,\"by\":\"$node\"}") =~ ^[0-9a-f-]{36}$ ]] || failed+=("$prefix/k$n@$node")
  done
  check "PUT $prefix/k$first..k$last on $* succeeds" "" "${failed[*]}"
}

# delete_keys PREFIX FIRST LAST NODE...: DELETEs PREFIX/kFIRST..kLAST, spread over the NODEs; adds them to DELETED
delete_keys() {
  local prefix=$1 first=$2 last=$3 failed=() n node
  shift 3
  for n in $(seq "$first" "$last"); do
    node=${*:n % $# + 1:1}
    [[ $(remove "$node" "$prefix/k$n") == 204 ]] || failed+=("$prefix/k$n@$node")
    DELETED+=("$prefix/k$n")
  done
  check "DELETE $prefix/k$first..k$last on $* succeeds" "" "${failed[*]}"
}

deleted_stay_deleted() { # NODE LABEL: NODE answers 404 for every key in DELETED
  local key seen=()
  for key in "${DELETED[@]}"; do
    [[ $(version_of "$1" "$key") == 404 ]] || seen+=("$key")
  done
  check "$2: the ${#DELETED[@]} deleted keys answer 404 on $1" "" "${seen[*]}"
}

# contender NODE: overwrites race/k0..k9 for a few rounds, deleting some on the way, as fast as NODE answers;
# appends each status code that is not a success to $WORK/contention-errors
contender() {
  local round key status
  for round in 1 2 3 4 5 6; do
    for key in 0 1 2 3 4 5 6 7 8 9; do
      if (( (round + key) % 4 == 0 )); then
        status=$(remove "$1" "race/k$key")
      else
        status=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
          --data-binary "{\"node\":\"$1\",\"round\":$round}" "$(node_url "$1")/kv/race/k$key")
      fi
      [[ $status == 200 || $status == 204 || $status == 404 ]] || echo "$1 race/k$key: $status" >> "$WORK/contention-errors"
    done
  done
}

# ---------------------------------------------------------------- scenarios, in the order test_cluster runs them

# Before n1 and n2 ever ran: conflicting versions of the same keys, with equal timestamps, in both data directories.
prepare_conflict() {
  local status
  java "${TOOL_JVM_FLAGS[@]}" -Djava.io.tmpdir="$WORK" \
    -cp "$ROOT/target/kvs/WEB-INF/classes:$ROOT/target/kvs/WEB-INF/lib/*" io.kvs.tools.ConflictTool \
    "$WORK/n1.yaml" "$WORK/n2.yaml" > "$WORK/conflict-winners" 2>> "$WORK/conflict-tool.log"
  status=$?
  check "ConflictTool writes n1's and n2's data dirs and prints 12 winners" "0 12" \
    "$status $(wc -l < "$WORK/conflict-winners")"
}

test_formation() {
  local name
  for name in n1 n2 n3; do cluster_config "$name" < /dev/null; done
  prepare_conflict
  boot n1 && boot n2 n3 || return 1
  eventually 60 "3 nodes form a cluster: each lists n1 n2 n3 alive, member_count 3" see_alive "n1 n2 n3" n1 n2 n3 &&
    eventually 30 "n2 and n3 end their bootstrap: every node in mode normal" modes_are normal n1 n2 n3
}

winners_everywhere() { # NODE...: every NODE serves the conflict tool's winner of each key (404 for "deleted")
  local key winner held=0
  while read -r key winner; do
    versions_agree "$key" "${winner/deleted/404}" "$@" || held=1
  done < "$WORK/conflict-winners"
  return $held
}

test_conflict_resolved() {
  eventually 40 "conflicting versions from the tool resolve to its winners on every node" winners_everywhere n1 n2 n3
}

test_replication() {
  local uuid
  uuid=$(put n1 repl/doc '{"hello":"cluster"}')
  eventually 10 "PUT on n1 is readable on n2 and n3" versions_agree repl/doc "$uuid" n2 n3
  uuid=$(put n3 repl/doc '{"hello":"again"}')
  eventually 10 "overwrite on n3 is readable on n1 and n2" versions_agree repl/doc "$uuid" n1 n2
  check "DELETE on n1 -> 204" 204 "$(remove n1 repl/doc)"
  eventually 10 "DELETE on n1 replicates to n2 and n3" versions_agree repl/doc 404 n2 n3
}

test_concurrent_writes() {
  local pids=() node
  : > "$WORK/contention-errors"
  for node in n1 n2 n3; do contender "$node" & pids+=($!); done
  wait "${pids[@]}"
  check "concurrent PUTs and DELETEs of race/k0..k9 on all 3 nodes succeed" "" \
    "$(head -3 "$WORK/contention-errors" | paste -sd' ')"
  eventually 30 "after concurrent writes each key has one value, the same on every node" same_data n1 n2 n3
  eventually 30 "/sync/status in_sync with one root on every node, equal to /sync/merkle/root" roots_agree n1 n2 n3
}

test_frozen_node() {
  local pid=${NODE_PIDS[n3]}
  DELETED=()
  write_keys freeze 1 12 n1 n2 n3
  eventually 10 "freeze/ keys on every node before SIGSTOP" same_data n1 n2 n3
  kill -STOP "$pid"
  delete_keys freeze 1 4 n1 n2
  write_keys freeze 5 16 n1 n2
  eventually 15 "n1 stops listing frozen n3 as alive" not_alive_on n3 n1
  kill -CONT "$pid"
  eventually 40 "n3 after SIGCONT converges: same keys and values as n1 and n2" same_data n1 n2 n3
  deleted_stay_deleted n3 "after SIGSTOP/SIGCONT"
  eventually 30 "n3 is alive again on every node" see_alive "n1 n2 n3" n1 n2 n3
}

test_killed_node() {
  DELETED=()
  write_keys crash 1 12 n1 n2 n3
  eventually 10 "crash/ keys on every node before kill -9" same_data n1 n2 n3
  kill -9 "${NODE_PIDS[n3]}"
  wait "${NODE_PIDS[n3]}" 2>/dev/null
  delete_keys crash 1 4 n1 n2
  write_keys crash 5 16 n1 n2
  boot n3 || return 1
  eventually 60 "n3 restarted after kill -9 catches up with n1 and n2" same_data n1 n2 n3
  deleted_stay_deleted n3 "after kill -9 and restart"
  eventually 30 "restarted n3 is alive on every node" see_alive "n1 n2 n3" n1 n2 n3 &&
    eventually 10 "restarted n3 ends in mode normal" modes_are normal n3
}

# watch_modes NODE TIMEOUT: polls NODE's /health/ready until mode normal; prints the mode/status pairs it went
# through, as "syncing/503 normal/200" (one answer gives both, so they always belong together)
watch_modes() {
  local deadline=$((SECONDS + $2)) seen=() mode answer
  while (( SECONDS < deadline )); do
    answer=$(curl -s --max-time 5 -w '\n%{http_code}' "$(node_url "$1")/health/ready")
    mode=$(jq -r .mode <<< "${answer%$'\n'*}" 2>/dev/null)/${answer##*$'\n'}
    if (( ${#seen[@]} == 0 )) || [[ ${seen[-1]} != "$mode" ]]; then seen+=("$mode"); fi
    [[ $mode == normal/* ]] && break
    sleep 0.1
  done
  echo "${seen[*]}"
}

test_late_joiner() {
  local modes
  write_keys late 1 100 n1 n2 n3
  cluster_config n4 < /dev/null
  boot n4 || return 1
  modes=$(watch_modes n4 60)
  echo "      n4's /health/ready mode/status from its first answer on: $modes"
  check "late n4 ends its bootstrap in mode normal, ready (200)" normal/200 "${modes##* }"
  check "n4's /health/ready answered 503 whenever it was syncing" "" \
    "$(tr ' ' '\n' <<< "$modes" | grep '^syncing/' | grep -v '/503$')"
  eventually 60 "late n4 holds every key written before it existed" same_data n1 n4
  eventually 30 "4 nodes: each lists n1..n4 alive, member_count 4" see_alive "n1 n2 n3 n4" n1 n2 n3 n4
  return 0 # n4 runs: the leave scenario can go on
}

test_leave() {
  request POST "$(node_url n4)/members/leave"
  check "POST /members/leave on n4 -> 2xx" 2 "${STATUS:0:1}"
  eventually 5 "n1 n2 n3 drop n4 at once (not after member_remove_timeout, 15 s)" see_alive "n1 n2 n3" n1 n2 n3
  check "n4 no longer lists itself in its own /members/" "[]" "$(get_field n4 /members/)"
  request GET "$(node_url n4)/health/ready"
  check "n4's /health/ready answers 503 left" "503 left" "$STATUS $(jq -r .status <<< "$BODY" 2>&1)"
  halt n4
}

# Every node stopped, then started at once, this time with auth on and one shared cluster_secret.
test_restart_all() {
  local name secret
  secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
  dump_keys "$(node_url n1)" > "$WORK/before-restart"
  halt n1 n2 n3
  for name in n1 n2 n3; do
    printf 'auth_enabled: true\nallow_anonymous_read: true\ncluster_secret: "%s"\n' "$secret" |
      cluster_config "$name"
    chmod 600 "$WORK/$name.yaml"
  done
  boot n1 n2 n3 || return 1
  eventually 60 "n1 n2 n3 started at once see each other alive" see_alive "n1 n2 n3" n1 n2 n3 &&
    eventually 30 "restarted nodes end in mode normal" modes_are normal n1 n2 n3
  for name in n1 n2 n3; do
    dump_keys "$(node_url "$name")" > "$WORK/after-restart"
    check "$name keeps its data over the restart ($(wc -l < "$WORK/before-restart") keys)" "" \
      "$(diff "$WORK/before-restart" "$WORK/after-restart" | grep '^[<>]' | head -3 | paste -sd' ')"
  done
  return 0 # the nodes run: the token scenario can go on
}

token_writes() { # NODE TOKEN: a PUT with TOKEN on NODE succeeds
  local seen
  seen=$(TOKEN=$2 put "$1" auth/by-alice '{"by":"alice"}')
  echo "PUT on $1 with alice's token: $seen"
  [[ $seen =~ ^[0-9a-f-]{36}$ ]]
}

test_tokens_across_nodes() {
  local root user token
  root=$(cat "$WORK/n1/data/root.token" 2>/dev/null)
  check "n1 wrote {data_dir}/root.token, mode 600" 600 "$(stat -c %a "$WORK/n1/data/root.token" 2>&1)"
  check "n1's data_dir is mode 700" 700 "$(stat -c %a "$WORK/n1/data" 2>&1)"
  check "nothing under n1's data_dir is open to group or others" "" \
    "$(find "$WORK/n1/data" ! -type l -perm /077 2>&1 | head -3 | paste -sd' ')"
  TOKEN=$root request POST "$(node_url n1)/auth/users" '{"nickname":"alice"}'
  check "POST /auth/users on n1 with the root token -> 200" 200 "$STATUS"
  user=$(json -r .uuid)
  TOKEN=$root request POST "$(node_url n1)/auth/tokens" "{\"user_uuid\":\"$user\",\"scopes\":[\"read\",\"write\"]}"
  check "POST /auth/tokens on n1 -> 200" 200 "$STATUS"
  token=$(json -r .token)
  check "anonymous PUT on n2 -> 401" 401 "$(put n2 auth/by-alice '{"by":"anonymous"}')"
  eventually 10 "the token issued on n1 writes on n2" token_writes n2 "$token"
  # (an auth node joining without cluster_secret: test_launcher_refusals, the launcher refuses it before Payara)
  request POST "$(node_url n2)/sync/versions" '[]'
  check "unsigned POST /sync/versions to an auth-on node -> 401 JSON" "401 string" "$STATUS $(json -r '.error | type')"
  request POST "$(node_url n2)/members/gossip" '{}'
  check "unsigned POST /members/gossip to an auth-on node -> 401 JSON" "401 string" "$STATUS $(json -r '.error | type')"
}

# The node kill of issue 12: unsigned node-to-node bodies of 64 MiB, four sent at once and eight sent slowly, used
# to fill a node's heap (it exits on OOM) or hold every worker thread. They are refused from their headers alone.
test_unsigned_bodies_cannot_kill_a_node() {
  local junk="$WORK/junk-64m" url pid slow=() statuses started
  url="$(node_url n2)/sync/versions"
  head -c $((64 << 20)) /dev/zero > "$junk"
  for _ in 1 2 3 4 5 6 7 8; do
    curl -s -o /dev/null --limit-rate 32k -H 'Content-Type: application/json' --data-binary "@$junk" "$url" &
    slow+=($!)
  done
  started=$SECONDS
  statuses=$(for _ in 1 2 3 4; do
      curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' --data-binary "@$junk" "$url" &
    done; wait)
  check "4 parallel unsigned 64 MiB POST /sync/versions -> 401 each" "401 401 401 401" "$(echo $statuses)"
  check "... answered from the headers, within 10 s" 1 "$(( SECONDS - started < 10 ))"
  check "n2 answers /health while 8 slow unsigned uploads run" 200 \
    "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$(node_url n2)/health")"
  kill -0 "${NODE_PIDS[n2]}" 2>/dev/null
  check "n2 still runs after the unsigned bodies" 0 $?
  for pid in "${slow[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${slow[@]}" 2>/dev/null
  rm -f "$junk"
  eventually 10 "n1 still sees n2 alive" see_alive "n1 n2 n3" n1
  check "refused node requests are counted in /metrics" yes "$(curl -s -H 'Accept: text/plain' \
    "$(node_url n2)/metrics" | grep -q '^kvs_node_auth_failures_total{.*reason="missing"' && echo yes)"
}

test_cluster() {
  echo "cluster: nodes n1..n4 on ports $(node_port n1)..$(node_port n4)"
  if test_formation; then
    test_conflict_resolved
    test_replication
    test_concurrent_writes
    test_frozen_node
    test_killed_node
    test_late_joiner && test_leave
    test_restart_all && { test_tokens_across_nodes && test_unsigned_bodies_cannot_kill_a_node; test_kvsctl; }
  fi
  halt "${!NODE_PIDS[@]}"
}
