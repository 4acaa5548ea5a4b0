# The results table of bench/cluster.sh (sourced). Reads RUNS_TSV: one row a measured value, "figure run value
# load1" (load1: the 1-minute load average when that run started), and FACTS (key=value lines).

# cluster_row FIGURE LABEL UNIT TARGET_OP TARGET: median, min and max over the runs of one figure, and the verdict
# of the median against the target (TARGET_OP "<" or "-" for none).
cluster_row() {
    awk -F'\t' -v f="$1" -v label="$2" -v unit="$3" -v op="$4" -v target="$5" '
        $1 == f && $3 != "" { v[++n] = $3 + 0; load = load (load == "" ? "" : " ") $4 }
        END {
            if (n == 0) { printf "  %-46s %10s\n", label, "not measured"; exit }
            for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
            median = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            verdict = op == "-" ? "" : (median < target ? "met" : "MISSED")
            goal = op == "-" ? "" : sprintf("%s %s %s", op, target, unit)
            printf "  %-46s %10.1f %10.1f %10.1f %4d  %-12s %-6s  %s\n", label, median, v[1], v[n], n, goal, verdict, load
        }' "$RUNS_TSV"
}

print_cluster_table() {
    printf "  %-46s %10s %10s %10s %4s  %-12s %-6s  %s\n" "figure" "median" "min" "max" "runs" "target" "" \
        "load avg (1 min) at each run"
    cluster_row formation_ms "formation after the last node is healthy (ms)" ms "<" 3000
    cluster_row normal_ms "  ...and every node in mode normal (ms)" ms - -
    cluster_row lag_idle_p50 "replication lag p50, idle cluster (ms)" ms - -
    cluster_row lag_idle_p99 "replication lag p99, idle cluster (ms)" ms "<" 100
    cluster_row lag_load_p50 "replication lag p50, under write load (ms)" ms - -
    cluster_row lag_load_p99 "replication lag p99, under write load (ms)" ms "<" 100
    cluster_row detect_ms "failure detection after kill -9 (ms)" ms "<" 5000
    cluster_row catchup_frozen_ms "catch-up, 10,000 keys, node frozen (ms)" ms "<" 10000
    cluster_row catchup_removed_ms "catch-up, 10,000 keys, node removed (ms)" ms "<" 10000
    cluster_row ae_round_bytes "anti-entropy round, 1 key of 100,000 (bytes)" bytes - -
    cluster_row ae_round_requests "  ...its HTTP requests" requests - -
}
