# The 3-node phase of bench/run.sh (sourced): a kvs cluster and an etcd cluster on loopback, durable PUT to one node
# at 1 and 32 connections, and kvs's replication lag under load. Needs ROOT, WORK, RESULTS, RUNS_TSV, FACTS,
# BENCH_PORT_BASE, targets.sh, load.sh and cluster-nodes.sh.
#
# Ports: kvs nodes base+11..13, etcd clients base+21..23 and peers base+24..26.

# kvs_cluster_target: three ./kvs nodes (node2 and node3 seeded with node1), warmed up, PUT measured on node1
# (acknowledged after node1's fsync; pushed to the peers), then the lag of LOAD_LAG_RATE writes/s for
# LOAD_LAG_SECONDS, from acknowledgement to visible on both peers (one listing poller per peer).
kvs_cluster_target() {
    local n port started groups=() urls=()
    for n in 1 2 3; do
        port=$((BENCH_PORT_BASE + 10 + n))
        urls[n]=$(node_url "$port")
        mkdir -p "$WORK/cluster/node$n"
        if [ "$n" = 1 ]; then
            write_node_config "$WORK/cluster/node$n.yaml" "node$n" "$port" "$WORK/cluster/node$n/data"
        else
            write_node_config "$WORK/cluster/node$n.yaml" "node$n" "$port" "$WORK/cluster/node$n/data" \
                $((BENCH_PORT_BASE + 11))
        fi
        echo "durability: fsync" >>"$WORK/cluster/node$n.yaml"
    done
    say "kvs 3-node cluster: starting"
    started=$(now)
    for n in 1 2 3; do start_node "kvs-cluster-node$n" "$WORK/cluster/node$n.yaml"; groups[n]=$GROUP; done
    for n in 1 2 3; do
        await_healthy "kvs-cluster-node$n" $((BENCH_PORT_BASE + 10 + n)) "${groups[n]}" "$started" || exit 1
    done
    local formed; formed=$(tool kvs-cluster-formation formation --nodes "${urls[1]},${urls[2]},${urls[3]}")
    say "kvs 3-node cluster: healthy after $BOOT_S s; $formed"
    load_keys kvs "${urls[1]}" "$KEY_SPACE" kvs-cluster-keyspace >/dev/null
    warm_up kvs-cluster kvs "${urls[1]}" "$WARMUP_MIN" "$WARMUP_MAX"
    say "kvs 3-node cluster: measuring PUT to node1 ($RUNS x 2 runs of $RUN_SECONDS s)"
    measure kvs-cluster kvs "${urls[1]}" put
    say "kvs 3-node cluster: replication lag, $LOAD_LAG_RATE writes/s to node1 for $LOAD_LAG_SECONDS s"
    local result
    result=$(tool kvs-cluster-lag lag --writer "${urls[1]}" --peers "${urls[2]},${urls[3]}" \
        --writes $((LOAD_LAG_RATE * LOAD_LAG_SECONDS)) --rate "$LOAD_LAG_RATE" --prefix lag/bench)
    record lag_load_p50_ms "$(result_field "$result" p50_ms)"
    record lag_load_p99_ms "$(result_field "$result" p99_ms)"
    record lag_load "$result"
    record lag_load_avg "$(cut -d' ' -f1 /proc/loadavg)"
    say "kvs 3-node cluster: $result"
    for n in 1 2 3; do stop_group "${groups[n]}"; done
}

# etcd_cluster_target: three etcd 3.4 members (raft; a PUT is acknowledged once a quorum has it on disk), PUT
# measured on the first.
etcd_cluster_target() {
    local n members="" groups=() url
    for n in 1 2 3; do
        members+="${members:+,}e$n=http://127.0.0.1:$((BENCH_PORT_BASE + 23 + n))"
    done
    say "etcd 3-node cluster: starting"
    local started; started=$(now)
    for n in 1 2 3; do
        url="http://127.0.0.1:$((BENCH_PORT_BASE + 20 + n))"
        start_group "$RESULTS/logs/etcd-cluster-e$n.log" etcd --name "e$n" --enable-v2 \
            --data-dir "$WORK/etcd-cluster/e$n" --listen-client-urls "$url" --advertise-client-urls "$url" \
            --listen-peer-urls "http://127.0.0.1:$((BENCH_PORT_BASE + 23 + n))" \
            --initial-advertise-peer-urls "http://127.0.0.1:$((BENCH_PORT_BASE + 23 + n))" \
            --initial-cluster "$members" --initial-cluster-state new --logger zap --log-level warn
        groups[n]=$GROUP
    done
    url="http://127.0.0.1:$((BENCH_PORT_BASE + 21))"
    ready "etcd cluster" "$url/health" 60 "$RESULTS/logs/etcd-cluster-e1.log" "$started" || exit 1
    load_keys etcd "$url" "$KEY_SPACE" etcd-cluster-keyspace >/dev/null
    warm_up etcd-cluster etcd "$url" 20 "$WARMUP_MAX"
    say "etcd 3-node cluster: measuring PUT to e1 ($RUNS x 2 runs of $RUN_SECONDS s)"
    measure etcd-cluster etcd "$url" put
    for n in 1 2 3; do stop_group "${groups[n]}"; done
}

# cluster_phase: both clusters, one after the other (they would share the same 2 cores).
cluster_phase() {
    build_tool
    if wants kvs-cluster; then kvs_cluster_target; fi
    if wants etcd-cluster; then etcd_cluster_target; fi
}
