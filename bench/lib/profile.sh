# JFR profiling of a target under load for bench/run.sh --profile (sourced). Needs RESULTS, WRK_SCRIPT, KEY_SPACE.

# profile_case NAME API URL OP PGID SECONDS: records a JFR of the group's Payara JVM while wrk runs OP at 32
# connections, then writes RESULTS/profile-NAME-OP.txt with the hottest frames.
profile_case() {
    local name="$1" api="$2" url="$3" op="$4" jvm seconds="$6"
    jvm=$(jvm_of_group "$5")
    local jfr="$RESULTS/profile-$name-$op.jfr" out="$RESULTS/profile-$name-$op.txt"
    jcmd "$jvm" JFR.start name=bench settings=profile filename="$jfr" >/dev/null
    run_wrk "$RESULTS/wrk/$name-$op-c32-profiled.txt" "$api" "$url" "$op" 32 "$seconds" "$KEY_SPACE" >/dev/null
    jcmd "$jvm" JFR.stop name=bench >/dev/null
    {
        echo "JFR of $name under wrk $op -t2 -c32 for $seconds s (settings=profile, Java samples every 10 ms)"
        summarise_samples "$jfr" jdk.ExecutionSample "running Java code"
        summarise_samples "$jfr" jdk.NativeMethodSample "in native code (I/O, fsync, waiting)"
    } >"$out"
}

# summarise_samples JFR EVENT TITLE: the top frames of the samples, by self count, by class, and inclusive counts of
# the application's and the container's frames.
summarise_samples() {
    jfr print --stack-depth 64 --events "$2" "$1" | awk -v title="$3" '
        function top(counts, label, limit,   k, n, i, j, keys, t) {
            n = 0; for (k in counts) keys[++n] = k
            for (i = 2; i <= n; i++) { t = keys[i]; for (j = i - 1; j >= 1 && counts[keys[j]] < counts[t]; j--) keys[j + 1] = keys[j]; keys[j + 1] = t }
            printf "\n  %s\n", label
            for (i = 1; i <= n && i <= limit; i++) printf "  %6.1f%%  %s\n", 100 * counts[keys[i]] / samples, keys[i]
        }
        /stackTrace = \[/ { inStack = 1; depth = 0; delete seen; next }
        inStack && /^[ \t]*\]/ { inStack = 0; next }
        inStack {
            frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*$/, "", frame); sub(/\(.*$/, "", frame)
            if (frame == "...") next
            if (++depth == 1) {
                # Threads parked in a selector or a file watcher are idle, not work: count them apart.
                if (frame ~ /(EPoll\.wait|LinuxWatchService\.poll|Net\.accept)$/) { idle++; inStack = 0; next }
                samples++; self[frame]++; cls = frame; sub(/\.[^.]*$/, "", cls); byClass[cls]++
            }
            if (!(frame in seen) && frame ~ /^(io\.kvs|org\.glassfish\.jersey\.server\.ServerRuntime|org\.glassfish\.grizzly\.nio\.transport\.TCPNIOTransport|java\.nio\.channels|sun\.nio\.ch\.FileChannelImpl\.force|net\.openhft)/) {
                seen[frame] = 1; inclusive[frame]++
            }
        }
        END {
            printf "\n== %s: %d samples (and %d of idle selector or watcher threads, left out) ==\n", title, samples, idle
            if (samples == 0) exit
            top(self, "top frames (self)", 25)
            top(byClass, "top classes (self)", 15)
            top(inclusive, "kvs, Chronicle and container frames (inclusive)", 30)
        }'
}
