# One benchmark run's bookkeeping, shared by bench/run.sh and bench/cluster.sh: its results folder and facts, progress
# lines, waiting for a quiet machine, the description of the machine, and building kvs.
# Needs ROOT, COMMAND_LINE, WAIT_QUIET_MINUTES, and stop_all_groups from processes.sh.

# open_session DIR: RESULTS=DIR (with wrk/ and logs/), RUNS_TSV and FACTS in it, and a scratch WORK folder; on exit
# every process group the run started is stopped and WORK removed.
open_session() {
    RESULTS="$1"
    mkdir -p "$RESULTS/wrk" "$RESULTS/logs"
    WORK=$(mktemp -d /tmp/kvs-bench.XXXXXX)
    RUNS_TSV="$RESULTS/runs.tsv"
    FACTS="$RESULTS/facts.txt"
    : >"$RUNS_TSV"; : >"$FACTS"
    trap 'stop_all_groups; rm -rf "$WORK"' EXIT
    trap 'exit 130' INT TERM
}

# common_option "$@": takes the options every bench script has: --quick, --no-build, --wait-quiet MINUTES and
# -h/--help (prints the script's header comment). Sets SHIFT to the words it took, 0 when "$1" is not one of them.
common_option() {
    case "$1" in
        --quick) QUICK=true; SHIFT=1 ;;
        --no-build) BUILD=false; SHIFT=1 ;;
        --wait-quiet) WAIT_QUIET_MINUTES="${2:?--wait-quiet needs minutes}"; SHIFT=2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) SHIFT=0 ;;
    esac
}

# unknown_option OPTION: the script's own options did not take it either.
unknown_option() { echo "unknown option: $1 (see --help)" >&2; exit 2; }

say() { echo "[$(date +%H:%M:%S)] $*"; }
# record KEY VALUE: one line of FACTS, read back by the reports.
record() { echo "$1=$2" >>"$FACTS"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# wait_quiet: with --wait-quiet MINUTES, waits up to that long for a 1-minute load average below 1.
wait_quiet() {
    [ "$WAIT_QUIET_MINUTES" -gt 0 ] || return 0
    local deadline=$(( $(date +%s) + WAIT_QUIET_MINUTES * 60 ))
    say "waiting for a 1-minute load average below 1 (now $(load1))"
    until awk '{ exit !($1 < 1) }' /proc/loadavg; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            say "still busy after $WAIT_QUIET_MINUTES min (load $(load1)); going on"
            return 0
        fi
        sleep 10
    done
}

# describe_machine LINE...: what the figures were measured on, with the caller's own lines (tools, settings); also
# written to environment.txt.
describe_machine() {
    {
        echo "date: $(date -Is)"
        echo "command: $COMMAND_LINE"
        echo "kvs commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
        echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d MB", $2 / 1024 }' /proc/meminfo), $(uname -sr)"
        echo "java: $(java -version 2>&1 | head -1)"
        printf '%s\n' "$@"
        echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    } | tee "$RESULTS/environment.txt"
}

# build_kvs: the WAR and Payara Micro, as the launcher runs them.
build_kvs() {
    say "building kvs"
    (cd "$ROOT" && mvn -q -B -DskipTests package) >"$RESULTS/logs/build-kvs.log" 2>&1 \
        || { echo "kvs build failed: $RESULTS/logs/build-kvs.log" >&2; exit 1; }
    [ -f "$ROOT/target/payara-micro.jar" ] || (cd "$ROOT" && mvn -q -B dependency:copy@fetch-payara-micro) \
        >>"$RESULTS/logs/build-kvs.log" 2>&1
}
