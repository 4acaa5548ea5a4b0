# README scenario of integration_test.sh: the Quick start's first-key block, run as a newcomer would, against a node
# started by ./kvs from a directory of its own with the shipped defaults (auth on) and only the port changed. Each
# command's output is compared with the "# -> …" line under it ("…" stands for anything), so that README's quick
# start cannot drift from the code. Sourced by integration_test.sh, whose helpers (pass, fail, check, stop_node) it
# uses.
# shellcheck shell=bash disable=SC2153  # ROOT, WORK, PORT_BASE are the harness's

# The fenced block that follows the quick-start marker comment in README.md
quick_start_block() {
  awk '/<!-- quick-start/ { marked = 1; next }
       marked && /^```sh/ { inside = 1; next }
       inside && /^```/ { exit }
       inside' "$ROOT/README.md"
}

# matches TEXT EXPECTED: TEXT is EXPECTED, where "…" in EXPECTED stands for anything
matches() {
  local pattern
  pattern=$(sed 's/[][?*\\]/\\&/g; s/…/*/g' <<< "$2")
  # shellcheck disable=SC2053  # the pattern is a glob on purpose
  [[ $1 == $pattern ]]
}

# run_quick_start DIR PORT: runs each command of the block in DIR, in order, with README's localhost:8080 pointing at
# PORT (kvsctl through KVS_ENDPOINT); variable assignments carry over to the later commands. Stdout is compared.
run_quick_start() {
  local dir=$1 port=$2 line command="" seen="" prelude="" commands=0
  while IFS= read -r line; do
    if [[ $line == '# -> '* ]]; then
      if matches "$seen" "${line#'# -> '}"; then pass "README quick start: $command"
      else fail "README quick start: $command" "expected [${line#'# -> '}], got [${seen:0:300}]"; fi
      continue
    fi
    [[ -z $line || $line == '#'* ]] && continue
    command=${line%%   #*}
    commands=$((commands + 1))
    line=${line//localhost:8080/127.0.0.1:$port}
    seen=$(cd "$dir" && KVS_ENDPOINT="http://127.0.0.1:$port" timeout 300 bash -c "$prelude$line" \
      2> "$WORK/quick-start.err")
    local rc=$?
    if (( rc != 0 )); then
      fail "README quick start: $command" "exit $rc: ${seen:0:300} $(tail -c 300 "$WORK/quick-start.err")"
      return 1
    fi
    [[ $line =~ ^[A-Za-z_]+= ]] && prelude+="$line"$'\n'
  done < <(quick_start_block)
  check "README's quick start block has its commands (marker found)" true "$( (( commands >= 4 )) && echo true)"
}

test_quick_start() {
  local dir="$WORK/quick-start" port=$((PORT_BASE + 5)) pid
  mkdir -p "$dir"
  ln -s "$ROOT/kvsctl" "$dir/kvsctl"
  printf 'port: %s\nbind_address: "127.0.0.1"\n' "$port" > "$dir/config.yaml"
  (cd "$dir" && exec "$ROOT/kvs") >> "$WORK/quick-start.log" 2>&1 &
  pid=$!
  run_quick_start "$dir" "$port"
  stop_node "$pid"
}
