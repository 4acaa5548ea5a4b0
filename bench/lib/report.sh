# The results table of bench/run.sh (sourced). Reads RUNS_TSV (one row a wrk run: target op connections run rps
# p50_us p99_us status_errors socket_errors load1, the 1-minute load average at the end of the run) and FACTS (key=value lines: boot, RSS, restart figures).

# print_table: medians over the runs of each case, per target, then the ratios kvs/ceiling and kvs/etcd.
print_table() {
    awk -F'\t' '
        function median(list,   n, v, i, j, t) {
            n = split(list, v, " ")
            for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        function cell(t, c) {
            if (!((t, c) in rps)) return sprintf("%8s %7s %7s%1s", "-", "-", "-", "")
            return sprintf("%8.0f %7.2f %7.2f%1s", median(rps[t, c]), median(p50[t, c]) / 1000, median(p99[t, c]) / 1000, err[t, c] ? "!" : "")
        }
        function ratio(a, b, c) {
            if (!((a, c) in rps) || !((b, c) in rps) || median(rps[b, c]) == 0) return "      -"
            return sprintf("%7.2f", median(rps[a, c]) / median(rps[b, c]))
        }
        {
            c = toupper($2) " " $3
            rps[$1, c] = rps[$1, c] " " $5; p50[$1, c] = p50[$1, c] " " $6; p99[$1, c] = p99[$1, c] " " $7
            if ($8 + $9 > 0) { err[$1, c] = 1; errors = 1 }
            runs[$1, c]++
            if ($10 != "") {
                if (!($1 in loadMin) || $10 + 0 < loadMin[$1]) loadMin[$1] = $10 + 0
                if (!($1 in loadMax) || $10 + 0 > loadMax[$1]) loadMax[$1] = $10 + 0
            }
        }
        END {
            split("GET 1,GET 32,PUT 1,PUT 32", cases, ",")
            printf "%-8s | %-25s | %-25s | %-25s | %-25s | %-7s | %-7s | %-7s\n", "", "kvs", "kvs, auth on (token)", "no-op JAX-RS (ceiling)", "etcd 3.4 (v2 API)", "kvs /", "kvs /", "auth /"
            printf "%-8s | %8s %7s %7s  | %8s %7s %7s  | %8s %7s %7s  | %8s %7s %7s  | %-7s | %-7s | %-7s\n", "case", "req/s", "p50 ms", "p99 ms", "req/s", "p50 ms", "p99 ms", "req/s", "p50 ms", "p99 ms", "req/s", "p50 ms", "p99 ms", "ceiling", "etcd", "off"
            for (i = 1; i <= 4; i++) {
                c = cases[i]; split(c, w, " ")
                printf "%-8s | %s | %s | %s | %s | %s | %s | %s\n", w[1] " c" w[2], cell("kvs", c), cell("kvs-auth", c), cell("noop", c), cell("etcd", c), ratio("kvs", "noop", c), ratio("kvs", "etcd", c), ratio("kvs-auth", "kvs", c)
            }
            if (errors) print "! some runs of this case had non-2xx answers or socket errors: see runs.tsv"
            line = ""
            split("kvs kvs-auth noop etcd", targets, " ")
            for (i = 1; i <= 4; i++) {
                t = targets[i]
                if (t in loadMin) line = line sprintf("  %s %.2f-%.2f", t, loadMin[t], loadMax[t])
            }
            if (line != "") print "1-minute load average during the measured runs (min-max):" line
        }' "$RUNS_TSV"
}

# fact KEY: a value recorded in FACTS, or "-".
fact() { awk -F= -v k="$1" '$1 == k { v = substr($0, length(k) + 2) } END { print (v == "" ? "-" : v) }' "$FACTS"; }

# median_of TARGET OP CONNECTIONS COLUMN: the median of one column (5 rps, 6 p50_us) over the runs of a case.
median_of() {
    awk -F'\t' -v t="$1" -v o="$2" -v c="$3" -v col="$4" '
        $1 == t && $2 == o && $3 == c { v[++n] = $col }
        END {
            if (n == 0) { print ""; exit }
            for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > x + 0; j--) v[j + 1] = v[j]; v[j + 1] = x }
            print (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
        }' "$RUNS_TSV"
}

# check LABEL VALUE OP LIMIT: one target line; VALUE empty or "-" means not measured.
check() {
    local label="$1" value="$2" op="$3" limit="$4" verdict
    if [ -z "$value" ] || [ "$value" = "-" ]; then
        verdict="not measured"
    elif awk -v v="$value" -v l="$limit" -v o="$op" 'BEGIN { exit !(o == "<=" ? v <= l : v >= l) }'; then
        verdict="met"
    else
        verdict="MISSED"
    fi
    printf '  %-44s %10s  (target %s %s)  %s\n' "$label" "$value" "$op" "$limit" "$verdict"
}

# ratio_of TARGET_A TARGET_B OP CONNECTIONS: median throughput of A over B, two decimals.
ratio_of() {
    local a b; a=$(median_of "$1" "$3" "$4" 5); b=$(median_of "$2" "$3" "$4" 5)
    [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
}

# ms_of TARGET OP CONNECTIONS COLUMN: a median latency column (6 p50_us, 7 p99_us) in ms, two decimals.
ms_of() {
    local us; us=$(median_of "$@")
    [ -n "$us" ] && awk -v v="$us" 'BEGIN { printf "%.2f", v / 1000 }'
}

# print_checks: issue 11's targets, each against this run's medians (ratios at 32 connections).
print_checks() {
    echo "Targets of issue 11 (medians of $RUNS runs; ratios of req/s in this run):"
    check "GET kvs/etcd, 32 connections" "$(ratio_of kvs etcd get 32)" ">=" 1.0
    check "durable PUT kvs/etcd, 32 connections" "$(ratio_of kvs etcd put 32)" ">=" 1.2
    check "GET p50 at 1 connection (ms)" "$(ms_of kvs get 1 6)" "<=" 0.10
    check "durable PUT p50 at 1 connection (ms)" "$(ms_of kvs put 1 6)" "<=" 0.35
    check "GET p99 at 32 connections (ms)" "$(ms_of kvs get 32 7)" "<=" 10
    check "durable PUT p99 at 32 connections (ms)" "$(ms_of kvs put 32 7)" "<=" 10
    check "GET auth on / off, 32 connections" "$(ratio_of kvs-auth kvs get 32)" ">=" 0.85
    check "PUT auth on / off, 32 connections" "$(ratio_of kvs-auth kvs put 32)" ">=" 0.85
    check "3-node PUT kvs/etcd, 1 connection" "$(ratio_of kvs-cluster etcd-cluster put 1)" ">=" 1.0
    check "3-node PUT kvs/etcd, 32 connections" "$(ratio_of kvs-cluster etcd-cluster put 32)" ">=" 1.0
    check "replication lag p50 at $LOAD_LAG_RATE writes/s (ms)" "$(fact lag_load_p50_ms)" "<=" 20
    check "replication lag p99 at $LOAD_LAG_RATE writes/s (ms)" "$(fact lag_load_p99_ms)" "<=" 100
    check "load of $(fact load_keys) keys (writes/s)" "$(fact load_rate)" ">=" 5000
    check "RSS with $(fact load_keys) keys (MB)" "$(fact rss_loaded_mb)" "<=" 600
    check "RSS after the restart (MB)" "$(fact rss_restart_mb)" "<=" 600
    check "restart to healthy after SIGTERM (s)" "$(fact restart_sigterm_s)" "<=" 20
    check "restart to healthy after kill -9 (s)" "$(fact restart_kill9_s)" "<=" 30
    check "boot of an empty node to first 200 (s)" "$(fact boot2_s)" "<=" 10
    echo "  (for reference: kvs/ceiling GET $(ratio_of kvs noop get 32), PUT $(ratio_of kvs noop put 32) at 32 connections)"
}

# print_cluster_table: the 3-node phase, kvs against etcd, and the lag under load.
print_cluster_table() {
    local connections line='%-8s | %8s %7s %7s  | %8s %7s %7s  | %s\n'
    echo "3-node clusters, durable PUT to one node (median of $RUNS runs of $RUN_SECONDS s):"
    printf "$line" "" "kvs" "" "" "etcd 3.4" "(raft)" "" "kvs /"
    printf "$line" "case" "req/s" "p50 ms" "p99 ms" "req/s" "p50 ms" "p99 ms" "etcd"
    for connections in 1 32; do
        printf "$line" "PUT c$connections" \
            "$(median_of kvs-cluster put "$connections" 5 | cut -d. -f1)" "$(ms_of kvs-cluster put "$connections" 6)" \
            "$(ms_of kvs-cluster put "$connections" 7)" \
            "$(median_of etcd-cluster put "$connections" 5 | cut -d. -f1)" "$(ms_of etcd-cluster put "$connections" 6)" \
            "$(ms_of etcd-cluster put "$connections" 7)" "$(ratio_of kvs-cluster etcd-cluster put "$connections")"
    done
    echo "kvs replication lag, $LOAD_LAG_RATE writes/s to node1 for $LOAD_LAG_SECONDS s, ack -> visible on both peers:" \
        "p50 $(fact lag_load_p50_ms) ms, p99 $(fact lag_load_p99_ms) ms (1-minute load average $(fact lag_load_avg))"
}

print_facts() {
    local line='  %-52s %s\n'
    echo "kvs node (RSS of the Payara JVM; in brackets, the node's whole process group, launcher included):"
    printf "$line" "boot, launch to first /health 200 (empty data_dir):" "$(fact boot_s) s (throughput phase), $(fact boot2_s) s (capacity phase)"
    printf "$line" "RSS idle after boot:" "$(fact rss_idle_mb) MB [$(fact rss_idle_total_mb) MB]"
    printf "$line" "load of $(fact load_keys) keys (~100 B JSON, 32 connections):" "$(fact load_s) s, $(fact load_rate) writes/s, $(fact load_failed) failed"
    printf "$line" "GET over those keys, 32 connections, $RUN_SECONDS s:" "$(fact get_loaded_rps) req/s"
    printf "$line" "RSS with those keys:" "$(fact rss_loaded_mb) MB [$(fact rss_loaded_total_mb) MB]"
    printf "$line" "data_dir size with those keys:" "$(fact data_dir_mb) MB"
    printf "$line" "stop after SIGTERM:" "$(fact stop_sigterm_s) s"
    printf "$line" "restart to /health 200 after SIGTERM:" "$(fact restart_sigterm_s) s, then RSS $(fact rss_restart_mb) MB"
    printf "$line" "restart to /health 200 after kill -9:" "$(fact restart_kill9_s) s, then RSS $(fact rss_kill9_mb) MB"
    printf "$line" "keys readable after the restarts:" "$(fact keys_after_restart)"
    echo "reference boots: no-op WAR $(fact noop_boot_s) s, etcd $(fact etcd_boot_s) s"
}
