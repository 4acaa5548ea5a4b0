# Process control for bench/run.sh (sourced). Every target runs in its own session (setsid), so its process group
# id is the PID we started, and stopping it never touches a process the benchmark did not start.

STARTED_GROUPS=()

now() { date +%s.%N; }

# seconds_since START: elapsed seconds with millisecond precision.
seconds_since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# start_group LOG COMMAND... : starts COMMAND in a new session, output to LOG; sets GROUP to its PID (= its group id).
# Not meant for $( ): the list of started groups must stay in this shell for the cleanup.
start_group() {
    local log="$1"; shift
    setsid "$@" >"$log" 2>&1 </dev/null &
    GROUP=$!
    STARTED_GROUPS+=("$GROUP")
    disown "$GROUP" # no "Killed" job notices: the benchmark kills on purpose
}

group_alive() { [ -n "$(ps -o pid= -g "$1" 2>/dev/null)" ]; }

# wait_group_exit PGID SECONDS: waits for every process of the group to end; false on timeout.
wait_group_exit() {
    local deadline=$(( $(date +%s) + $2 ))
    while group_alive "$1"; do
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        sleep 0.1
    done
}

# stop_group PGID: SIGTERM to the whole group, SIGKILL after 60 s.
stop_group() {
    group_alive "$1" || return 0
    kill -TERM -- "-$1" 2>/dev/null || true
    if ! wait_group_exit "$1" 60; then
        echo "  warning: group $1 ignored SIGTERM for 60 s; killed" >&2
        kill -KILL -- "-$1" 2>/dev/null || true
        wait_group_exit "$1" 10 || true
    fi
}

stop_all_groups() {
    local pid
    for pid in "${STARTED_GROUPS[@]}"; do
        stop_group "$pid"
    done
}

# wait_http_200 URL SECONDS [PGID]: polls every 0.1 s until URL answers 200; false on timeout or when the group
# has ended.
wait_http_200() {
    local deadline=$(( $(date +%s) + $2 ))
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1")" = 200 ]; do
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        [ -n "${3:-}" ] && ! group_alive "$3" && return 1
        sleep 0.1
    done
}

# http_status URL: the status code of a GET.
# http_status URL: the status of a GET, with the bench token when one is set (kvs-auth).
http_status() {
    local -a auth=()
    [ -n "${BENCH_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $BENCH_TOKEN")
    curl -s -o /dev/null -m 5 -w '%{http_code}' "${auth[@]}" "$1"
}

# jvm_of_group PGID: the java process of the group with the largest RSS (the Payara JVM, whether a launcher
# supervises it as a child or boots it in its own process).
jvm_of_group() {
    ps -o pid=,rss=,comm= -g "$1" 2>/dev/null | awk '$3 == "java" && $2 > max { max = $2; pid = $1 } END { print pid }'
}

# rss_mb PID: resident set size in MB from /proc/PID/status (VmRSS).
rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# group_rss_mb PGID: the summed RSS of every process of the group.
group_rss_mb() { ps -o rss= -g "$1" | awk '{ s += $1 } END { printf "%d", s / 1024 }'; }

# listening_ports PGID: TCP ports the group listens on, one a line.
listening_ports() {
    local pid
    for pid in $(ps -o pid= -g "$1"); do
        ss -Hltnp 2>/dev/null | grep "pid=$pid," | awk '{ n = split($4, a, ":"); print a[n] }'
    done | sort -un
}

# warn_foreign_ports NAME PGID LOW HIGH: says so when a target listens outside the benchmark's port range.
warn_foreign_ports() {
    local port
    for port in $(listening_ports "$2"); do
        if [ "$port" -lt "$3" ] || [ "$port" -gt "$4" ]; then
            echo "  warning: $1 listens on port $port, outside $3-$4" >&2
        fi
    done
}

# cpu_snapshot PGID: "<busy> <total> <steal> <ours>" in clock ticks since boot: the machine's busy and total time
# (/proc/stat), its steal time, and the CPU time of the target's group plus this script and every child it reaped
# (wrk, curl). Two snapshots tell how much CPU other processes took meanwhile: the benchmark's noise.
cpu_snapshot() {
    local pid ours=0 ticks
    for pid in $(ps -o pid= -g "$1" 2>/dev/null) $$; do
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }') || continue
        ours=$((ours + ${ticks:-0}))
    done
    awk -v ours="$ours" '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9, ours; exit }' /proc/stat
}

# foreign_cpu BEFORE AFTER: the share of all cores that other processes used between two snapshots, and the steal.
foreign_cpu() {
    awk -v b="$1" -v a="$2" 'BEGIN {
        split(b, x, " "); split(a, y, " "); total = y[2] - x[2]
        if (total <= 0) { print "-"; exit }
        foreign = (y[1] - x[1]) - (y[4] - x[4]); if (foreign < 0) foreign = 0
        printf "%.0f%% of all cores (steal %.0f%%)", 100 * foreign / total, 100 * (y[3] - x[3]) / total }'
}
