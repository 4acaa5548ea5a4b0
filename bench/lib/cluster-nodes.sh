# Nodes and the measuring tool for bench/cluster.sh (sourced). Needs ROOT, BENCH, WORK, RESULTS and processes.sh.

CLUSTER_HOST=127.0.0.1
TOOL_CLASSES="$ROOT/target/bench-cluster/classes"
TOOL_CLASSPATH_FILE="$ROOT/target/bench-cluster/json-classpath.txt"
BOOT_TIMEOUT=600

node_url() { echo "http://$CLUSTER_HOST:$1"; }

# write_node_config FILE NODE_ID PORT DATA_DIR [SEED_PORT...]: a cluster node with the features the benchmark does
# not measure turned off (auth, and with it request signing, rate limiting, tamper log, backups); every cluster
# timing key keeps its default.
write_node_config() {
    local file="$1" id="$2" port="$3" data="$4" seeds="" seed
    shift 4
    for seed in "$@"; do seeds+="${seeds:+, }\"$CLUSTER_HOST:$seed\""; done
    cat >"$file" <<EOF
node_id: $id
bind_address: $CLUSTER_HOST
port: $port
data_dir: "$data"
seed_nodes: [$seeds]
clustering_enabled: true
auth_enabled: false
rate_limiting_enabled: false
tamper_logging_enabled: false
backup_enabled: false
EOF
}

# start_node LABEL CONFIG: starts ./kvs CONFIG in its own session; sets GROUP (= the node's PID once the launcher has
# exec'd Payara Micro). Does not wait.
start_node() {
    (cd "$ROOT" && exec setsid ./kvs "$2" >"$RESULTS/logs/$1.log" 2>&1 </dev/null) &
    GROUP=$!
    STARTED_GROUPS+=("$GROUP")
    disown "$GROUP"
}

# await_healthy LABEL PORT PGID STARTED: waits for /health 200; sets BOOT_S.
await_healthy() {
    if wait_http_200 "$(node_url "$2")/health" "$BOOT_TIMEOUT" "$3"; then
        BOOT_S=$(seconds_since "$4")
    else
        echo "  error: $1 not healthy after $(seconds_since "$4") s; see $RESULTS/logs/$1.log" >&2
        return 1
    fi
}

# build_tool: compiles bench/cluster/src (JSON-P from the project's own test dependencies: no new artifact).
build_tool() {
    if [ ! -s "$TOOL_CLASSPATH_FILE" ]; then
        mkdir -p "$(dirname "$TOOL_CLASSPATH_FILE")"
        (cd "$ROOT" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt") \
            >"$RESULTS/logs/build-tool.log" 2>&1 || { echo "mvn dependency:build-classpath failed" >&2; exit 1; }
        tr ':' '\n' <"$WORK/classpath.txt" | grep -E '/(parsson|jakarta\.json-api)-[0-9][^/]*\.jar$' \
            | paste -sd: >"$TOOL_CLASSPATH_FILE"
    fi
    rm -rf "$TOOL_CLASSES"; mkdir -p "$TOOL_CLASSES"
    # shellcheck disable=SC2046 # one argument per source file
    javac -d "$TOOL_CLASSES" -cp "$(cat "$TOOL_CLASSPATH_FILE")" $(find "$BENCH/cluster/src" -name '*.java') \
        >>"$RESULTS/logs/build-tool.log" 2>&1 || { echo "tool build failed: $RESULTS/logs/build-tool.log" >&2; exit 1; }
}

# tool LABEL SUBCOMMAND ARGS...: runs the measuring tool; its stderr goes to logs/tool-LABEL.log; prints its RESULT
# line, or "RESULT failed=1" when it failed.
tool() {
    local label="$1"; shift
    local out
    out=$(java -cp "$TOOL_CLASSES:$(cat "$TOOL_CLASSPATH_FILE")" io.kvs.bench.cluster.ClusterBench "$@" \
        2>>"$RESULTS/logs/tool-$label.log") || true
    echo "$out" >>"$RESULTS/logs/tool-$label.log"
    grep '^RESULT ' <<<"$out" || { echo "  warning: $label failed, see logs/tool-$label.log" >&2; echo "RESULT failed=1"; }
}
