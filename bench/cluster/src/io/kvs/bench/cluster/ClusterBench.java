package io.kvs.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The measuring side of bench/cluster.sh: one sub-command a measurement, against nodes that the script started.
 * Each prints one line {@code RESULT name=value ...} on stdout (times in ms), progress on stderr.
 *
 * <pre>
 * formation  --nodes URL,URL,URL [--timeout-s 600]
 * lag        --writer URL --peers URL,URL --writes N --rate PER_S --prefix KEY_PREFIX
 *            [--load-nodes URL,... --load-rate PER_S --load-connections N] [--timeout-s 30]
 * detect     --nodes URL,URL (the survivors) --kill-group PGID --victim NODE_ID [--timeout-s 60]
 * removed    --nodes URL,... --member NODE_ID [--timeout-s 120]
 * converge   --nodes URL,... [--timeout-s 300]
 * catchup    --nodes URL,... --laggard URL --laggard-id NODE_ID --cont-pid PID --prefix KEY_PREFIX [--timeout-s 300]
 * meter      --pids PID,PID --ports PORT,PORT --until-file FILE   (node-to-node bytes until FILE exists)
 * ae-bytes   --writer URL --laggard URL --laggard-id NODE_ID --laggard-pid PID --ports PORT,PORT --key KEY
 *            --capture-script bench/cluster/http_bytes.py --capture-file FILE [--timeout-s 180]
 * watch-hold --node URL --watchers N --until-file FILE   (N idle watches held open until FILE exists)
 * watch-latency --writer URL [--peers URL,...] --writes N --rate PER_S --prefix KEY_PREFIX [--timeout-s 30]
 * </pre>
 */
public final class ClusterBench {

    private static final Duration METER_PERIOD = Duration.ofMillis(50);

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ClusterBench formation|lag|detect|removed|converge|catchup|meter|ae-bytes"
                    + "|watch-hold|watch-latency"
                    + " --name value ... (see the class comment)");
            System.exit(2);
        }
        Options o = new Options(args, 1);
        // Generous: on a busy shared machine a durable PUT can take seconds, and it is still a write, not a failure.
        NodeApi api = new NodeApi(Duration.ofSeconds(30));
        switch (args[0]) {
            case "formation" -> new MembershipTimings(api, o.list("nodes")).formation(o.seconds("timeout-s", 600));
            case "lag" -> lag(api, o);
            case "detect" -> new MembershipTimings(api, o.list("nodes"))
                    .failureDetection(o.longInteger("kill-group"), o.text("victim"), o.seconds("timeout-s", 60));
            case "removed" -> System.out.println("RESULT removed_after_ms=" + Clock.millis(new MembershipTimings(api,
                    o.list("nodes")).awaitRemoval(o.text("member"), o.seconds("timeout-s", 120))));
            case "converge" -> new Convergence(api, o.list("nodes")).converge(o.seconds("timeout-s", 300));
            case "catchup" -> new Convergence(api, o.list("nodes")).catchUp(o.longInteger("cont-pid"),
                    o.text("laggard"), o.text("laggard-id"), o.text("prefix"), o.seconds("timeout-s", 300));
            case "meter" -> meter(o);
            case "ae-bytes" -> {
                List<Integer> ports = o.list("ports").stream().map(Integer::parseInt).toList();
                try (HttpCapture capture = new HttpCapture(Path.of(o.text("capture-script")), ports,
                        Path.of(o.text("capture-file")))) {
                    new AntiEntropyBytes(api, o.text("writer"), o.text("laggard"), o.text("laggard-id"),
                            o.longInteger("laggard-pid")).run(capture, o.text("key"), o.seconds("timeout-s", 180));
                }
            }
            case "watch-hold" -> new WatchTimings().hold(o.text("node"), o.integer("watchers", 1000),
                    Path.of(o.text("until-file")));
            case "watch-latency" -> new WatchTimings().latency(api, o.text("writer"),
                    o.text("peers", "").isEmpty() ? List.of() : o.list("peers"), o.integer("writes", 500),
                    o.number("rate", 100), o.text("prefix"), o.seconds("timeout-s", 30));
            default -> throw new IllegalArgumentException("unknown sub-command " + args[0]);
        }
    }

    private static void lag(NodeApi api, Options o) throws InterruptedException {
        WriteLoad load = o.text("load-nodes", "").isEmpty() ? null : new WriteLoad(api, o.list("load-nodes"),
                o.number("load-rate", 200), o.integer("load-connections", 6), 10_000);
        new ReplicationLag(api, o.text("writer"), o.list("peers"), o.integer("writes", 500), o.number("rate", 25),
                o.text("prefix"), o.seconds("timeout-s", 30)).run(load);
    }

    private static void meter(Options o) throws InterruptedException {
        Path until = Path.of(o.text("until-file"));
        try (SocketBytes meter = meterOf(o)) {
            long start = System.nanoTime();
            while (!Files.exists(until)) {
                Clock.pause(METER_PERIOD);
            }
            long end = System.nanoTime();
            System.out.println("RESULT bytes=" + meter.between(start, end) + " ms="
                    + Clock.millis(Clock.millisSince(start, end)));
        }
    }

    private static SocketBytes meterOf(Options o) {
        Set<Long> pids = o.list("pids").stream().map(Long::parseLong).collect(Collectors.toSet());
        List<Integer> ports = o.list("ports").stream().map(Integer::parseInt).toList();
        return new SocketBytes(pids, ports, METER_PERIOD);
    }
}
