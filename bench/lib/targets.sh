# How bench/run.sh starts each target (sourced). Needs ROOT, WORK, RESULTS, FACTS and the ports below.

# BENCH_PORT_BASE moves all four ports (base+1 .. base+4), for a machine where 18300-18399 belongs to someone else.
BENCH_PORT_BASE=${BENCH_PORT_BASE:-18300}
KVS_PORT=$((BENCH_PORT_BASE + 1))
NOOP_PORT=$((BENCH_PORT_BASE + 2))
ETCD_CLIENT_PORT=$((BENCH_PORT_BASE + 3))
ETCD_PEER_PORT=$((BENCH_PORT_BASE + 4))
KVS_URL="http://127.0.0.1:$KVS_PORT"
NOOP_URL="http://127.0.0.1:$NOOP_PORT"
ETCD_URL="http://127.0.0.1:$ETCD_CLIENT_PORT"
BOOT_TIMEOUT=300

# write_kvs_config FILE DATA_DIR [AUTH]: a single node with everything off that the issue's benchmark leaves out
# (auth too, unless AUTH is true); every other key keeps its default.
write_kvs_config() {
    cat >"$1" <<EOF
node_id: bench
bind_address: 127.0.0.1
port: $KVS_PORT
data_dir: "$2"
auth_enabled: ${3:-false}
rate_limiting_enabled: false
clustering_enabled: false
tamper_logging_enabled: false
backup_enabled: false
durability: fsync
EOF
}

# ready NAME URL SECONDS LOG STARTED: waits for URL to answer 200 while GROUP lives; sets BOOT_S to the seconds since
# STARTED, or "-".
ready() {
    if wait_http_200 "$2" "$3" "$GROUP"; then
        BOOT_S=$(seconds_since "$5")
    else
        BOOT_S=-
        echo "  error: $1 not answering 200 on $2 (gave up after $(seconds_since "$5") s); see $4" >&2
        return 1
    fi
}

# start_kvs LABEL CONFIG: starts ./kvs CONFIG and waits for /health 200; sets GROUP and BOOT_S.
start_kvs() {
    local started; started=$(now)
    (cd "$ROOT" && exec setsid ./kvs "$2" >"$RESULTS/logs/kvs-$1.log" 2>&1 </dev/null) &
    GROUP=$!
    STARTED_GROUPS+=("$GROUP")
    disown "$GROUP"
    ready "kvs ($1)" "$KVS_URL/health" "$BOOT_TIMEOUT" "$RESULTS/logs/kvs-$1.log" "$started"
}

# noop_command_from_kvs PGID: the Payara command line of the running kvs node with the no-op WAR, port and an empty
# rootdir put in, so the ceiling runs with exactly the kvs launcher's JVM flags, Payara options and command files.
# Prints nothing when the node boots Payara inside the launcher's own JVM (no --deploy on any command line).
noop_command_from_kvs() {
    local pid arg option=""
    local -a args=() result=()
    for pid in $(ps -o pid= -g "$1"); do
        mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || continue
        [[ " ${args[*]} " == *" --deploy "* ]] && break
        args=()
    done
    [ ${#args[@]} -gt 0 ] || return 0
    for arg in "${args[@]}"; do
        case "$option" in
            --deploy) arg="$ROOT/bench/noop/target/noop.war" ;;
            --port) arg="$NOOP_PORT" ;;
            --rootdir) arg="$WORK/noop-root" ;;
            # The launcher may write its command files into the node's data_dir: keep a copy.
            --*commandfile) cp "$arg" "$WORK/noop-${option#--}"; arg="$WORK/noop-${option#--}" ;;
        esac
        option=""
        case "$arg" in
            -Dkvs.*) continue ;;
            -Djava.io.tmpdir=*) mkdir -p "$WORK/noop-tmp"; arg="-Djava.io.tmpdir=$WORK/noop-tmp" ;;
            --*) option="$arg" ;;
        esac
        result+=("$arg")
    done
    printf '%s\0' "${result[@]}"
}

# noop_fallback_command: the launch DESIGN §4 describes, for when no kvs node ran in this run. --nohazelcast rather
# than --nocluster: with --nocluster Payara still starts Hazelcast on port 6900 and up, outside the benchmark's range.
noop_fallback_command() {
    local flags preboot="$ROOT/payara-config/pre-boot-commands.asadmin"
    flags=$(sed -n 's:.*<kvs.jvmFlags>\(.*\)</kvs.jvmFlags>.*:\1:p' "$ROOT/pom.xml" | head -1)
    # shellcheck disable=SC2086 # the flags are a space-separated list by design
    printf '%s\0' java -Xmx512m $flags -jar "$ROOT/target/payara-micro.jar" \
        --deploy "$ROOT/bench/noop/target/noop.war" --contextroot / --port "$NOOP_PORT" --nohazelcast \
        --disablephonehome --rootdir "$WORK/noop-root" --prebootcommandfile "$preboot"
}

# start_noop NUL_SEPARATED_COMMAND_FILE: starts the ceiling WAR; sets GROUP and BOOT_S (to its first 200).
start_noop() {
    local -a command
    mapfile -d '' -t command <"$1"
    rm -rf "$WORK/noop-root"; mkdir -p "$WORK/noop-root"
    local started; started=$(now)
    start_group "$RESULTS/logs/noop.log" "${command[@]}"
    ready "the no-op WAR" "$NOOP_URL/kv/bench/ready" "$BOOT_TIMEOUT" "$RESULTS/logs/noop.log" "$started"
}

# start_etcd: one etcd 3.4 member with the v2 API and its default durability (the WAL is fsynced on every commit);
# sets GROUP and BOOT_S.
start_etcd() {
    local started; started=$(now)
    start_group "$RESULTS/logs/etcd.log" etcd --name bench --enable-v2 --data-dir "$WORK/etcd-data" \
        --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER_PORT" --logger zap --log-level warn
    ready etcd "$ETCD_URL/health" 60 "$RESULTS/logs/etcd.log" "$started"
}

# bench_user_token DATA_DIR: with the root token the node wrote, creates user "bench" and prints a read+write token
# of it (24 h): the load then runs as an ordinary user, key permissions checked on every request.
bench_user_token() {
    local root user
    root=$(cat "$1/root.token")
    user=$(curl -sf -X POST -H "Authorization: Bearer $root" -H 'Content-Type: application/json' \
        -d '{"nickname":"bench"}' "$KVS_URL/auth/users" | sed -n 's/.*"uuid":"\([^"]*\)".*/\1/p')
    [ -n "$user" ] || { echo "  error: could not create the bench user" >&2; return 1; }
    curl -sf -X POST -H "Authorization: Bearer $root" -H 'Content-Type: application/json' \
        -d '{"user_uuid":"'"$user"'","scopes":["read","write"],"ttl":"24h"}' "$KVS_URL/auth/tokens" \
        | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
