package io.firsthop.cluster.launch;

import com.typesafe.config.Config;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.topology.BuiltInTopologies;
import io.firsthop.cluster.topology.ClusterTopology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a site's JVM: one per site (see {@link SiteRunner} for what it does).
 *
 * <pre>
 * java -cp ... io.firsthop.cluster.launch.SiteMain --site seoul --sites seoul,daegu \
 *      --state-dir ~/.firsthop/cluster [--topology two-site-vrrp] [--seeds pekko://firsthop@10.0.0.5:25520]
 *      [--epoch UNIX_NANOS] [--run-seed 1] [--start-delay-ms 1000] [--port 0] [--join-timeout-s 90]
 *      [--trace text|binary] [--frames] [--rejoin]
 * </pre>
 * With {@code --rejoin}, the site restarts into a run that went on without it (its JVM was
 * killed): it joins through the other sites and asks them for the run (see {@link SiteRunner}).
 * Give it the same {@code --sites}, {@code --topology} and {@code --run-seed} as at first.
 * Without {@code --seeds}, a site joins through {@code <state-dir>/<first site>.address}
 * (same machine, or a shared directory). Without {@code --epoch}, the first site picks the
 * run's epoch once every site is Up. SIGTERM leaves the cluster and flushes the trace file
 * (the JVM then exits 143, as any JVM ending on SIGTERM); a site removed from the cluster by
 * the others flushes its trace and exits 1. The trace goes to {@code <state-dir>/<site>.trace}
 * (text) or, with {@code --trace binary}, to {@code <state-dir>/<site>.trace.bin}, per-frame
 * events included with {@code --frames} (see {@link SiteRunner.TraceFormat}).
 *
 * <p>Another main class that builds its topology otherwise (the scenario site of
 * {@code firsthop run --engine cluster}) parses the same options with {@link #parse} and runs
 * the site with {@link #run}.
 */
public final class SiteMain {
    private SiteMain() {
    }

    public static void main(String[] args) throws Exception {
        SiteRunner.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SiteMain: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        run(options, Site.defaultConfig());
    }

    /**
     * Runs a site until it stops: a SIGTERM leaves the cluster and flushes the trace (exit 143);
     * a site the others removed from the cluster flushes its trace and exits 1.
     */
    public static void run(SiteRunner.Options options, Config config) throws InterruptedException {
        System.out.println("firsthop site " + options.site() + " starting (pid " + ProcessHandle.current().pid() + ", sites "
                + options.sites() + ", topology " + (options.topology() == null ? "none" : options.topology().name())
                + ", state dir " + options.stateDir().toAbsolutePath() + ")");
        SiteRunner runner = SiteRunner.start(options, config, null);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "firsthop-site-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("site " + options.site() + " bound to " + runner.site().address());
        runner.site().up().thenRun(() -> System.out.println("site " + options.site() + " is Up"));
        try {
            runner.awaitStarted(options.joinTimeout().plus(Duration.ofSeconds(10)));
            System.out.println("site " + options.site() + ": run started, " + runner.site().deviceNames().size()
                    + " devices, trace in " + runner.traceFile().toAbsolutePath());
        } catch (Exception e) {
            System.err.println("site " + options.site() + ": " + e.getMessage());
        }
        runner.site().system().getWhenTerminated().toCompletableFuture().join();
        // Terminated without a SIGTERM: the other sites downed this one (or it failed). Flush and go.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            runner.close();
            System.err.println("site " + options.site() + ": the ActorSystem terminated (removed from the cluster?); exiting");
            System.exit(1);
        } catch (IllegalStateException shuttingDown) {
            // a SIGTERM is being handled by the hook: let it finish
            stopped.await();
        }
    }

    /** The options of a site's command line; an {@link IllegalArgumentException} saying what is wrong. */
    public static SiteRunner.Options parse(String[] args) {
        String site = null;
        List<String> sites = null;
        String topology = null;
        Path stateDir = null;
        List<String> seeds = List.of();
        Long epoch = null;
        long runSeed = 1;
        Duration startDelay = Duration.ofSeconds(1);
        Duration joinTimeout = Duration.ofSeconds(90);
        int port = 0;
        SiteRunner.TraceFormat trace = SiteRunner.TraceFormat.TEXT;
        boolean frames = false;
        boolean rejoin = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--frames")) {
                frames = true;
                continue;
            }
            if (a.equals("--rejoin")) {
                rejoin = true;
                continue;
            }
            switch (a) {
                case "--site" -> site = need(a, v);
                case "--sites" -> sites = split(need(a, v));
                case "--topology" -> topology = need(a, v);
                case "--state-dir" -> stateDir = Path.of(need(a, v));
                case "--seeds" -> seeds = split(need(a, v));
                case "--epoch" -> epoch = "auto".equals(need(a, v)) ? null : Long.parseLong(v);
                case "--run-seed" -> runSeed = Long.parseLong(need(a, v));
                case "--start-delay-ms" -> startDelay = Duration.ofMillis(Long.parseLong(need(a, v)));
                case "--join-timeout-s" -> joinTimeout = Duration.ofSeconds(Long.parseLong(need(a, v)));
                case "--port" -> port = Integer.parseInt(need(a, v));
                case "--trace" -> trace = switch (need(a, v)) {
                    case "text" -> SiteRunner.TraceFormat.TEXT;
                    case "binary" -> SiteRunner.TraceFormat.BINARY;
                    default -> throw new IllegalArgumentException("--trace is text or binary, not " + v);
                };
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
            i++;
        }
        if (site == null) throw new IllegalArgumentException("--site is required");
        if (sites == null) sites = List.of(site);
        if (stateDir == null) throw new IllegalArgumentException("--state-dir is required");
        ClusterTopology t = topology == null || topology.equals("none") ? null : BuiltInTopologies.byName(topology);
        if (frames && trace != SiteRunner.TraceFormat.BINARY) throw new IllegalArgumentException("--frames needs --trace binary");
        return new SiteRunner.Options(site, sites, t, stateDir, seeds, epoch, runSeed, startDelay, joinTimeout, port, true, trace, frames,
                rejoin);
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    public static String usage() {
        return "usage: SiteMain --site NAME --sites A,B[,...] --state-dir DIR [--topology NAME|none] [--seeds ADDR,...]"
                + " [--epoch UNIX_NANOS|auto] [--run-seed N] [--start-delay-ms N] [--join-timeout-s N] [--port N]"
                + " [--trace text|binary] [--frames] [--rejoin]\n"
                + "built-in topologies: " + BuiltInTopologies.names();
    }
}
