# kvsctl scenario of integration_test.sh: ./kvsctl, the command-line client (README.md, "kvsctl"), used against the
# 3-node cluster of it/cluster.sh as a new user would: values in and out, exit codes, listings, prefix deletes, a watch
# across nodes and over a node restart, and the admin commands. Sourced by integration_test.sh after it/cluster.sh,
# whose nodes and helpers (boot, halt, node_url, eventually, modes_are) it uses; test_cluster runs it last, on the
# auth-on cluster of test_restart_all. Each kvsctl call starts a JVM (about 1 s), so each behaviour is asked once.
# shellcheck shell=bash disable=SC2153  # ROOT, WORK, PORT_BASE, NODE_PIDS... are the harness's

# kvsctl ARGS...: ./kvsctl as a user would run it, without any KVS_ENDPOINT or KVS_TOKEN the caller's shell may export
kvsctl() { env -u KVS_ENDPOINT -u KVS_TOKEN "$ROOT/kvsctl" "$@"; }

# ctl NODE ARGS...: kvsctl on NODE with n1's root token, which every node accepts (one cluster_secret). Its stdout is
# a pipe, so it prints JSON.
ctl() { kvsctl --endpoint "$(node_url "$1")" --token-file "$WORK/n1/data/root.token" "${@:2}"; }

# like DESCRIPTION ACTUAL PATTERN: ACTUAL matches the glob PATTERN
# shellcheck disable=SC2053  # the pattern is a glob on purpose
like() { if [[ $2 == $3 ]]; then pass "$1"; else fail "$1" "expected [$3], got [$2]"; fi; }

# exits CODE DESCRIPTION COMMAND...: COMMAND (kvsctl, ctl) ends with exit code CODE; stdin is not a terminal. Leaves
# its stdout in OUT and its stderr in ERR; a failure shows what it said on stderr.
exits() {
  local code=$1 description=$2 rc
  shift 2
  "$@" < /dev/null > "$WORK/ctl.out" 2> "$WORK/ctl.err"; rc=$?
  OUT=$(cat "$WORK/ctl.out"); ERR=$(cat "$WORK/ctl.err")
  if [[ $rc == "$code" ]]; then pass "$description"; else fail "$description" "exit $rc, not $code: ${ERR:0:300}"; fi
}

prints() { # NODE KEY EXPECTED: kvsctl get KEY on NODE prints EXPECTED
  local seen
  seen=$(ctl "$1" get "$2" 2>&1)
  echo "get $2 on $1: $seen"
  [[ $seen == "$3" ]]
}

watching() { # NODE: NODE's /metrics counts at least one open watch (kvs_watchers)
  local seen
  seen=$(curl -s --max-time 5 -H 'Accept: text/plain' "$(node_url "$1")/metrics" | grep '^kvs_watchers[{ ]')
  echo "$1: ${seen:-no kvs_watchers gauge}"
  [[ ${seen##* } =~ ^[0-9.]+$ ]] && (( ${seen##* } > 0 ))
}

has_lines() { # FILE N: FILE holds at least N lines
  echo "$1 has $(wc -l < "$1") lines (want $2)"
  (( $(wc -l < "$1") >= $2 ))
}

refused_on() { # NODE TOKEN: a put with TOKEN on NODE ends with exit 3
  local rc
  kvsctl --endpoint "$(node_url "$1")" --token "$2" put ctl/token/revoked '1' > /dev/null 2>&1; rc=$?
  echo "put with the revoked token on $1: exit $rc"
  (( rc == 3 ))
}

# start_watch NODE FILE ARGS...: kvsctl watch ARGS on NODE in the background, its lines in FILE, stderr in FILE.err;
# sets WATCH_PID (kvsctl's own: the launcher and env exec java)
start_watch() {
  kvsctl --endpoint "$(node_url "$1")" --token-file "$WORK/n1/data/root.token" watch "${@:3}" \
    < /dev/null > "$2" 2> "$2.err" &
  WATCH_PID=$!
}

# watch_ends DESCRIPTION FILE TIMEOUT: the watch WATCH_PID ends with exit 0 within TIMEOUT seconds; it is killed when
# it overruns. A failure shows its last line on stderr.
watch_ends() {
  local deadline=$((SECONDS + $3)) rc
  while kill -0 "$WATCH_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  if kill -0 "$WATCH_PID" 2>/dev/null; then
    kill "$WATCH_PID"; wait "$WATCH_PID" 2>/dev/null
    fail "$1" "still running after $3 s: killed"
    return
  fi
  wait "$WATCH_PID"; rc=$?
  if (( rc == 0 )); then pass "$1"; else fail "$1" "exit $rc: $(tail -n 1 "$2.err" | cut -c1-200)"; fi
}

events() { # FILE: the watch's lines as "event key data" joined by ";"
  jq -r '"\(.event) \(.key) \(.data | tojson)"' "$1" 2>&1 | paste -sd';'
}

ids_increase() { # FILE: every line's id is a number above the line before's
  jq -s '[.[].id | tonumber] | . == (sort | unique)' "$1" 2>&1
}

test_kvsctl_basics() {
  local port=$((PORT_BASE + 19)) doc='{"hello":"kvsctl","n":[1,2.5,null],"ok":true}'
  exits 0 "kvsctl --version exits 0" kvsctl --version
  like "kvsctl --version prints kvsctl and the build's version" "$OUT" "kvsctl 1.*"
  exits 0 "kvsctl --help exits 0" kvsctl --help
  like "kvsctl --help lists the exit codes" "$OUT" "*Exit codes:*5  the node is unreachable*"

  exits 0 "put with --token-file on n1 exits 0" ctl n1 put ctl/doc "$doc"
  check "put prints the new version's uuid and timestamp" "true" \
    "$(jq '(.uuid | test("^[0-9a-f]{8}-[0-9a-f-]{27}$")) and (.timestamp | type == "number")' <<< "$OUT" 2>&1)"
  check "get on n1 prints exactly the JSON put stored" "$doc" "$(ctl n1 get ctl/doc)"
  eventually 10 "get on n2 prints it too (replicated from n1)" prints n2 ctl/doc "$doc"

  exits 1 "get of an absent key exits 1 (not found)" ctl n1 get ctl/absent
  exits 2 "an unknown option exits 2 (usage)" ctl n1 get ctl/doc --no-such-option
  exits 2 "a put of a value that is not JSON exits 2 (usage)" ctl n1 put ctl/bad '{"a":'
  exits 3 "a put without a token exits 3 (anonymous writes are off)" \
    kvsctl --endpoint "$(node_url n1)" put ctl/anonymous '1'
  like "...saying the node's 401 on stderr" "$ERR" "kvsctl: 401: *"
  exits 4 "put --if-absent on an existing key exits 4 (precondition failed)" ctl n1 put ctl/doc '2' --if-absent
  exits 0 "put --ttl 1h exits 0" ctl n1 put ctl/ttl '"soon gone"' --ttl 1h
  local version
  version=$(jq -r .uuid <<< "$OUT" 2>/dev/null)
  exits 4 "put --if-match with another version exits 4" \
    ctl n1 put ctl/ttl '2' --if-match 00000000-0000-4000-8000-000000000000
  exits 0 "put --if-match with the current version exits 0" ctl n1 put ctl/ttl '"kept"' --if-match "$version"
  exits 0 "get --meta exits 0" ctl n1 get --meta ctl/doc
  check "get --meta prints the key's owner and permission bits" true \
    "$(jq 'has("owner_uuid") and has("permissions")' <<< "$OUT" 2>&1)"
  exits 0 "get --history exits 0" ctl n1 get --history ctl/ttl
  check "get --history prints the key's versions, newest first" '["kept","soon gone"]' \
    "$(jq -c '[.revisions[].data]' <<< "$OUT" 2>&1)"
  check "nothing listens on 127.0.0.1:$port, the endpoint of the next check" 000 \
    "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health")"
  exits 5 "a command against an endpoint nothing listens on exits 5 (unreachable)" \
    kvsctl --endpoint "http://127.0.0.1:$port" --token-file "$WORK/n1/data/root.token" health
}

test_kvsctl_ls_and_del() {
  local out rc key failed=()
  out=$(echo '{"from":"stdin"}' | ctl n1 put ctl/ls/a -); rc=$?
  check "put KEY - reads the value from stdin" "0 true" "$rc $(jq 'has("uuid")' <<< "$out" 2>&1)"
  for key in b/1 b/2; do ctl n1 put "ctl/ls/$key" "\"$key\"" > /dev/null 2>&1 || failed+=("$key"); done
  check "put ctl/ls/b/1 and ctl/ls/b/2 succeed" "" "${failed[*]}"
  check "ls ctl/ls prints one level: the folder ctl/ls/b/ with its 2 keys first, then the key ctl/ls/a" \
    '["ctl/ls/b/",2];"ctl/ls/a"' "$(ctl n1 ls ctl/ls | jq -c 'if has("prefix") then [.prefix, .keys] else .key end' |
      paste -sd';')"
  check "ls -R --values ctl/ls lists all three keys with their values, the first as it came from stdin" \
    'ctl/ls/a {"from":"stdin"};ctl/ls/b/1 "b/1";ctl/ls/b/2 "b/2"' \
    "$(ctl n1 ls -R --values ctl/ls | jq -r '"\(.key) \(.data | tojson)"' | paste -sd';')"

  exits 0 "del of a key exits 0" ctl n1 del ctl/ls/a
  exits 1 "get of the deleted key exits 1" ctl n1 get ctl/ls/a
  exits 2 "del --prefix off a terminal without --yes exits 2" ctl n1 del --prefix ctl/ls/b/
  like "...saying to add --yes" "$ERR" "*would delete 2 keys under*add --yes*"
  exits 0 "del --prefix --yes exits 0" ctl n1 del --prefix ctl/ls/b/ --yes
  check "del --prefix --yes prints what the node deleted: both keys, which the refusal had left" \
    '{"deleted":2,"skipped":0}' "$(jq -c . <<< "$OUT" 2>&1)"
  check "ls -R ctl/ls then prints nothing" "" "$(ctl n1 ls -R ctl/ls 2>&1)"
}

# A watch on n2 sees the changes made on n1 as they replicate, and stops by itself after --count of them.
test_kvsctl_watch_across_nodes() {
  local file="$WORK/watch-n2"
  start_watch n2 "$file" ctl/watch/ --count 3
  eventually 15 "kvsctl watch on n2 is connected (n2's kvs_watchers gauge)" watching n2 ||
    { kill "$WATCH_PID" 2>/dev/null; return 1; }
  ctl n1 put ctl/watch/1 '{"n":1}' > /dev/null && ctl n1 put ctl/watch/2 '{"n":2}' > /dev/null &&
    ctl n1 del ctl/watch/1
  check "put, put and del on n1 succeed" 0 $?
  watch_ends "the watch on n2 exits 0 by itself after --count 3 events" "$file" 20
  check "it printed the three changes, in order, one JSON line each" \
    'put ctl/watch/1 {"n":1};put ctl/watch/2 {"n":2};delete ctl/watch/1 null' "$(events "$file")"
  check "their ids strictly increase" true "$(ids_increase "$file")"
}

# A watch on n3 reconnects by itself while n3 restarts and resumes after the last event it printed: the change made
# after the restart comes next, with nothing lost or repeated.
test_kvsctl_watch_resumes() {
  local file="$WORK/watch-n3"
  start_watch n3 "$file" ctl/resume/ --count 2
  eventually 15 "kvsctl watch on n3 is connected (n3's kvs_watchers gauge)" watching n3 ||
    { kill "$WATCH_PID" 2>/dev/null; return 1; }
  ctl n3 put ctl/resume/1 '{"n":1}' > /dev/null
  eventually 10 "the watch on n3 prints the first change" has_lines "$file" 1
  halt n3
  boot n3 || { kill "$WATCH_PID" 2>/dev/null; return 1; }
  eventually 30 "restarted n3 ends in mode normal" modes_are normal n3
  exits 0 "put on restarted n3 exits 0" ctl n3 put ctl/resume/2 '{"n":2}'
  watch_ends "the watch exits 0 by itself after the second change" "$file" 20
  check "it printed ctl/resume/1, then ctl/resume/2: nothing lost or repeated over the restart" \
    'put ctl/resume/1 {"n":1};put ctl/resume/2 {"n":2}' "$(events "$file")"
  check "their ids increase (n3's sequence survives its restart)" true "$(ids_increase "$file")"
  like "it said on stderr that it was reconnecting" "$(grep -cE 'reconnecting|retrying' "$file.err")" "[1-9]*"
}

test_kvsctl_admin() {
  local user group token jti file
  exits 0 "members exits 0" ctl n1 members
  check "members lists n1 n2 n3 alive" "n1:alive n2:alive n3:alive" \
    "$(jq -r '[.[] | "\(.id):\(.status)"] | sort | join(" ")' <<< "$OUT" 2>&1)"
  exits 0 "status exits 0" ctl n2 status
  check "status prints /sync/status, with its peers" true "$(jq 'has("peers")' <<< "$OUT" 2>&1)"
  exits 0 "health exits 0" ctl n3 health
  check "health prints status ok" ok "$(jq -r .status <<< "$OUT" 2>&1)"

  exits 0 "user add ctluser exits 0" ctl n1 user add ctluser
  user=$(jq -r .uuid <<< "$OUT" 2>/dev/null)
  like "user add prints the new user's uuid" "$user" "????????-????-????-????-????????????"
  check "user ls lists ctluser with that uuid" "$user" \
    "$(ctl n1 user ls | jq -r '.[] | select(.nickname == "ctluser") | .uuid' 2>&1)"
  exits 0 "group add ctlgroup exits 0" ctl n1 group add ctlgroup
  group=$(jq -r .uuid <<< "$OUT" 2>/dev/null)
  exits 0 "group add-member ctlgroup ctluser exits 0" ctl n1 group add-member ctlgroup ctluser
  check "group ls shows ctluser's uuid among ctlgroup's members" true \
    "$(ctl n1 group ls | jq --arg g "$group" --arg u "$user" \
      'any(.[] | select(.uuid == $g) | .members[] | if type == "object" then .uuid else . end; . == $u)' 2>&1)"
  exits 0 "group rm-member ctlgroup ctluser (by uuid) exits 0" ctl n1 group rm-member "$group" "$user"
  exits 0 "group rm ctlgroup exits 0" ctl n1 group rm ctlgroup
  check "group ls no longer lists ctlgroup" false "$(ctl n1 group ls | jq 'any(.[]; .name == "ctlgroup")' 2>&1)"

  exits 0 "token create ctluser --scopes read,write exits 0" ctl n1 token create ctluser --scopes read,write
  token=$(jq -r .token <<< "$OUT" 2>/dev/null); jti=$(jq -r .jti <<< "$OUT" 2>/dev/null)
  exits 0 "a put with that --token exits 0" kvsctl --endpoint "$(node_url n1)" --token "$token" put ctl/token/k '1'
  exits 0 "token revoke JTI exits 0" ctl n1 token revoke "$jti"
  eventually 10 "a put with the revoked token on n2 exits 3 (unauthorised): the revocation on n1 replicates" \
    refused_on n2 "$token"
  exits 0 "user rm ctluser exits 0" ctl n1 user rm ctluser
  exits 1 "user rm ctluser again exits 1 (no such user)" ctl n1 user rm ctluser

  exits 0 "backup create exits 0" ctl n1 backup create
  file=$(jq -r .file <<< "$OUT" 2>/dev/null)
  like "backup create names the archive" "$file" "kvs-n1-*.tar.zst"
  check "backup ls lists that archive" true \
    "$(ctl n1 backup ls | jq --arg f "$file" 'any(.backups[]; .file == $f)' 2>&1)"
  exits 0 "compact exits 0" ctl n1 compact
  check "compact prints the log's bytes before and after" true \
    "$(jq 'has("bytes_before") and has("bytes_after")' <<< "$OUT" 2>&1)"
  exits 0 "audit verify exits 0" ctl n1 audit verify
  check "audit verify finds the chain valid" true "$(jq .valid <<< "$OUT" 2>&1)"
}

# kvsctl against the running auth-on cluster n1 n2 n3 (test_restart_all); restarts n3 on the way.
test_kvsctl() {
  local started=$SECONDS
  test_kvsctl_basics
  test_kvsctl_ls_and_del
  test_kvsctl_watch_across_nodes
  test_kvsctl_watch_resumes
  test_kvsctl_admin
  echo "      kvsctl scenario: $((SECONDS - started)) s"
}
