package io.firsthop.cluster.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.cluster.ClusterControl;
import io.firsthop.cluster.CrossSite;
import io.firsthop.cluster.DeviceActor;
import io.firsthop.cluster.Downlink;
import io.firsthop.cluster.RunClock;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.TraceSink;
import io.firsthop.cluster.launch.Launcher;
import io.firsthop.cluster.launch.SiteRunner;
import io.firsthop.cluster.topology.BuiltInTopologies;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The cluster engine's benchmarks, each against a baseline measured in the same run:
 * <ul>
 *   <li>{@code throughput}: frames per second through h1 - sw1 - r1 - sw2 - h2 (real switch,
 *       router and host cores; a windowed ping source), in one JVM and across two JVMs,
 *       against raw Pekko tells of the same message shape (a 5-actor relay in one JVM;
 *       {@code Downlink.Frame} bounced off an actor in the other JVM);</li>
 *   <li>{@code latency}: measured minus configured one-way delay on 0.1, 1 and 4 ms links,
 *       in one JVM and across JVMs (p50, p99);</li>
 *   <li>{@code failover}: VRRPv3 at 100 ms adverts, the Master crashes, 1 ms probes: the
 *       Backup's takeover after the last advert it heard, against RFC 5798's
 *       Master_Down_Interval of 360.9375 ms (two sites, one JVM, over Artery);</li>
 *   <li>{@code memory}: heap per idle host actor against a bare actor, and the time to start
 *       10,000 devices (100 switches, 9,900 hosts) on one site.</li>
 * </ul>
 * The cross-JVM parts start a second JVM (this class with {@code --peer}, same java and
 * class path) as site daegu.
 *
 * <pre>
 * java -cp ... io.firsthop.cluster.bench.ClusterBench [--only throughput,latency,failover,memory]
 *      [--seconds 5] [--window 64] [--failovers 5] [--devices 10000]
 * </pre>
 */
public final class ClusterBench {
    /** Sent once to the peer's bounce actor: where to send frames back. */
    public record BenchHello(ActorRef<Object> replyTo) implements CrossSite {}

    private static final long MS = 1_000_000L;
    private static final String BOUNCE = "bench-bounce";
    /** RFC 5798 §6.1: Master_Down_Interval = 3 * 100 ms + (256 - 100) * 100 ms / 256 for a Backup of priority 100. */
    static final long MASTER_DOWN_INTERVAL = 360_937_500L;

    /**
     * @param sections  which of throughput, latency, failover, memory to run
     * @param seconds   measured seconds of each of the 3 rounds of each throughput figure (and of each warm-up, at most 3 s)
     * @param window    frames in flight in the throughput benchmarks
     * @param failovers Master crashes in the failover benchmark
     * @param devices   devices started in the start-up benchmark
     */
    public record Settings(Set<String> sections, double seconds, int window, int failovers, int devices) {
        public static final Set<String> ALL = Set.of("throughput", "latency", "failover", "memory");

        public Settings {
            sections = Set.copyOf(sections);
            if (!ALL.containsAll(sections)) throw new IllegalArgumentException("sections are " + ALL + ", got " + sections);
            if (!(seconds > 0 && seconds <= 120)) throw new IllegalArgumentException("seconds must be within (0, 120]");
            if (window < 1 || window > 1000) throw new IllegalArgumentException("window must be 1..1000");
            if (failovers < 1 || failovers > 50) throw new IllegalArgumentException("failovers must be 1..50");
            if (devices < 100 || devices > 200_000) throw new IllegalArgumentException("devices must be 100..200000");
        }

        public static Settings defaults() {
            return new Settings(ALL, 3, 64, 5, 10_000);
        }
    }

    /** One figure: what was measured, the baseline, their ratio, and the target. */
    public record Figure(String name, String measured, String baseline, String ratio, String target, boolean met) {}

    private final Settings settings;
    private final PrintWriter out;
    private final List<Figure> figures = new ArrayList<>();

    private ClusterBench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--peer")) {
            peer(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Settings s = Settings.defaults();
        Set<String> sections = new LinkedHashSet<>(s.sections());
        double seconds = s.seconds();
        int window = s.window();
        int failovers = s.failovers();
        int devices = s.devices();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--only" -> sections = new LinkedHashSet<>(List.of(args[i + 1].split(",")));
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                case "--failovers" -> failovers = Integer.parseInt(args[i + 1]);
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(new Settings(sections, seconds, window, failovers, devices), new PrintWriter(System.out, true));
        System.exit(0);
    }

    /** Runs the selected benchmarks, printing progress and a Markdown table of the figures to {@code out}. */
    public static List<Figure> run(Settings settings, PrintWriter out) throws Exception {
        ClusterBench bench = new ClusterBench(settings, out);
        out.printf(Locale.ROOT, "firsthop cluster bench: Java %s, %d processors, sections %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), settings.sections());
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        if (settings.sections().contains("throughput") || settings.sections().contains("latency")) {
            bench.oneJvm();
            bench.twoJvms();
        }
        if (settings.sections().contains("failover")) bench.failover();
        if (settings.sections().contains("memory")) bench.memory();
        out.println();
        out.println("| figure | measured | baseline (same run) | ratio | target | met |");
        out.println("|---|---|---|---|---|---|");
        for (Figure f : bench.figures) {
            out.printf("| %s | %s | %s | %s | %s | %s |%n", f.name(), f.measured(), f.baseline(), f.ratio(), f.target(),
                    f.met() ? "yes" : "**no**");
        }
        out.printf(Locale.ROOT, "%nwall %.1f s, CPU of this JVM %.1f s (the peer JVM's not included)%n",
                (System.nanoTime() - wall0) / 1e9, (processCpuNanos() - cpu0) / 1e9);
        out.flush();
        return bench.figures;
    }

    // ---------------------------------------------------------------- one JVM

    private void oneJvm() throws Exception {
        Path dir = Files.createTempDirectory("firsthop-bench-one");
        AtomicLong replies = new AtomicLong();
        ConcurrentHashMap<String, Samples> errors = new ConcurrentHashMap<>();
        int count = 1000;
        ClusterTopology t = BenchTopologies.bench(false, settings.window(), replies, 2 * MS, count,
                (label, e) -> record(errors, label, e));
        SiteRunner seoul = SiteRunner.start(SiteRunner.Options.of("seoul", List.of("seoul"), t, dir), benchConfig(), null);
        try {
            seoul.awaitStarted(Duration.ofSeconds(60));
            Site site = seoul.site();
            awaitPoweredOn(site);
            if (settings.sections().contains("latency")) {
                out.println("latency, one JVM: 3 links (0.1, 1, 4 ms), " + count + " frames each, one every ~2 ms ...");
                latency(site, errors, count, "one JVM");
            }
            if (settings.sections().contains("throughput")) {
                out.println("throughput, one JVM: h1 - sw1 - r1 - sw2 - h2, " + settings.window() + " pings in flight ...");
                double[] rates = alternate(chain(site, replies), relay(site));
                double firsthop = rates[0];
                double raw = rates[1];
                figures.add(new Figure("frames/s, h1-sw1-r1-sw2-h2, one JVM", fmtRate(firsthop),
                        fmtRate(raw) + " (5-actor relay, raw tell)", pct(firsthop / raw), ">= 50%", firsthop / raw >= 0.5));
            }
        } finally {
            seoul.close();
            deleteQuietly(dir);
        }
    }

    // ---------------------------------------------------------------- two JVMs

    private void twoJvms() throws Exception {
        Path dir = Files.createTempDirectory("firsthop-bench-two");
        Process peer = startPeer(dir);
        SiteRunner seoul = null;
        try {
            AtomicLong replies = new AtomicLong();
            ConcurrentHashMap<String, Samples> errors = new ConcurrentHashMap<>();
            int count = 1000;
            ClusterTopology t = BenchTopologies.bench(true, settings.window(), replies, 2 * MS, count,
                    (label, e) -> record(errors, label, e));
            seoul = SiteRunner.start(SiteRunner.Options.of("seoul", List.of("seoul", "daegu"), t, dir), benchConfig(), null);
            seoul.awaitStarted(Duration.ofSeconds(120));
            Site site = seoul.site();
            site.connectedTo("daegu").toCompletableFuture().get(60, TimeUnit.SECONDS);
            awaitPoweredOn(site);
            var offset = site.measureClockOffset("daegu", 200).toCompletableFuture().get(30, TimeUnit.SECONDS);
            out.printf(Locale.ROOT, "run clocks: daegu - seoul = %+.1f us (+/- %.1f us, Cristian's algorithm over %d pings)%n",
                    offset.offsetNanos() / 1e3, offset.uncertaintyNanos() / 1e3, offset.samples());
            if (settings.sections().contains("latency")) {
                out.println("latency, two JVMs: 3 links (0.1, 1, 4 ms) from seoul to daegu, " + count + " frames each ...");
                latency(site, errors, count, "two JVMs");
            }
            if (settings.sections().contains("throughput")) {
                out.println("throughput, two JVMs: h1 - sw1 - r1 | sw2 - h2 (r1-sw2 crosses), " + settings.window()
                        + " pings in flight ...");
                double[] rates = alternate(chain(site, replies), bounce(site, dir));
                double firsthop = rates[0];
                double raw = rates[1];
                figures.add(new Figure("frames/s, h1-sw1-r1 \\| sw2-h2, two JVMs", fmtRate(firsthop),
                        fmtRate(raw) + " (Downlink.Frame bounced between the JVMs, raw tell)", pct(firsthop / raw), ">= 50%",
                        firsthop / raw >= 0.5));
            }
        } finally {
            if (seoul != null) seoul.close();
            peer.destroy();
            if (!peer.waitFor(20, TimeUnit.SECONDS)) peer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteQuietly(dir);
        }
    }

    private Process startPeer(Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Launcher.currentJava());
        cmd.addAll(Launcher.defaultJvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ClusterBench.class.getName());
        cmd.addAll(List.of("--peer", dir.toString(), Integer.toString(settings.window())));
        return Launcher.launch(cmd, dir.resolve("daegu.log"), false);
    }

    /** The peer JVM: site daegu of the two-site benchmark topology, with a bounce actor for the raw baseline. */
    @SuppressWarnings("unchecked")
    private static void peer(Path dir, int window) throws Exception {
        SiteRunner daegu = SiteRunner.start(SiteRunner.Options.of("daegu", List.of("seoul", "daegu"),
                BenchTopologies.peer(window), dir), benchConfig(), null);
        Runtime.getRuntime().addShutdownHook(new Thread(daegu::close));
        ActorRef<Object>[] replyTo = new ActorRef[1];
        daegu.site().system().systemActorOf(Behaviors.receive(Object.class)
                .onMessage(BenchHello.class, h -> {
                    replyTo[0] = h.replyTo();
                    return Behaviors.same();
                })
                .onMessage(Downlink.Frame.class, f -> {
                    replyTo[0].tell(f);
                    return Behaviors.same();
                })
                .build(), BOUNCE, Props.empty());
        daegu.site().system().getWhenTerminated().toCompletableFuture().join();
    }

    private static Config benchConfig() {
        return Site.defaultConfig().withValue("firsthop.kryo.extra-registrations",
                ConfigValueFactory.fromIterable(List.of(BenchHello.class.getName())));
    }

    // ---------------------------------------------------------------- throughput

    /** Something that can be started and stopped, and counts frames through it. */
    private interface Traffic {
        void start() throws Exception;

        void stop();

        long frames();
    }

    private static final int ROUNDS = 3;

    /**
     * Throughput of firsthop's chain against the raw baseline, alternating: a warm-up of
     * each, then {@value #ROUNDS} rounds of firsthop then raw, {@code seconds} each, so that
     * a machine shared with other work slows both alike. Returns {firsthop, raw} frames/s,
     * the medians of the rounds.
     */
    private double[] alternate(Traffic firsthop, Traffic raw) throws Exception {
        long warm = (long) (Math.min(3, settings.seconds()) * 1000);
        for (Traffic t : List.of(firsthop, raw)) {
            t.start();
            Thread.sleep(warm);
            t.stop();
            Thread.sleep(300);
        }
        double[] f = new double[ROUNDS];
        double[] r = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            f[i] = rate(firsthop);
            r[i] = rate(raw);
            out.printf(Locale.ROOT, "  round %d: firsthop %s frames/s, raw %s frames/s (%.0f%%)%n", i + 1, fmtRate(f[i]),
                    fmtRate(r[i]), 100 * f[i] / r[i]);
        }
        java.util.Arrays.sort(f);
        java.util.Arrays.sort(r);
        return new double[] {f[ROUNDS / 2], r[ROUNDS / 2]};
    }

    private double rate(Traffic t) throws Exception {
        t.start();
        Thread.sleep(300);
        long c0 = t.frames();
        long t0 = System.nanoTime();
        Thread.sleep((long) (settings.seconds() * 1000));
        long c1 = t.frames();
        long t1 = System.nanoTime();
        t.stop();
        Thread.sleep(300);
        return (c1 - c0) * 1e9 / (t1 - t0);
    }

    /** h1's pings through the chain; frames = requests and replies (each crosses the whole chain). */
    private Traffic chain(Site site, AtomicLong replies) {
        return new Traffic() {
            @Override
            public void start() throws Exception {
                long before = replies.get();
                site.device("h1").tell(new DeviceActor.Inject(new DeviceInput.Command(new BenchDevices.Start())));
                await("h1's first reply", Duration.ofSeconds(30), () -> replies.get() > before);
            }

            @Override
            public void stop() {
                site.device("h1").tell(new DeviceActor.Inject(new DeviceInput.Command(new BenchDevices.Stop())));
            }

            @Override
            public long frames() {
                return 2 * replies.get();
            }
        };
    }

    /** The same message shape as the chain's, relayed by 5 plain actors there and back: raw tells, no cores. */
    @SuppressWarnings("unchecked")
    private Traffic relay(Site site) {
        AtomicLong roundTrips = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        EthernetFrame frame = pingFrame();
        ActorRef<DeviceActor.FrameIn>[] stage = new ActorRef[5];
        for (int i = 4; i >= 0; i--) {
            final int index = i;
            stage[i] = site.system().systemActorOf(Behaviors.receive(DeviceActor.FrameIn.class)
                    .onMessage(DeviceActor.FrameIn.class, in -> {
                        boolean forward = in.port() == 0;
                        if (index == 4 && forward) {
                            stage[3].tell(new DeviceActor.FrameIn(1, in.frame(), in.due(), in.epoch()));
                        } else if (index == 0 && !forward) {
                            roundTrips.incrementAndGet();
                            if (running.get()) stage[1].tell(new DeviceActor.FrameIn(0, in.frame(), in.due(), in.epoch()));
                        } else {
                            stage[forward ? index + 1 : index - 1].tell(new DeviceActor.FrameIn(in.port(), in.frame(), in.due(), in.epoch()));
                        }
                        return Behaviors.same();
                    }).build(), "bench-relay-" + i, Props.empty());
        }
        return new Traffic() {
            @Override
            public void start() {
                running.set(true);
                for (int i = 0; i < settings.window(); i++) stage[1].tell(new DeviceActor.FrameIn(0, frame, 0, 0));
            }

            @Override
            public void stop() {
                running.set(false);
            }

            @Override
            public long frames() {
                return 2 * roundTrips.get();
            }
        };
    }

    /** {@code Downlink.Frame}s bounced off an actor in the peer JVM, {@code window} in flight: raw tells across JVMs. */
    private Traffic bounce(Site site, Path dir) throws IOException {
        String peerAddress = Files.readString(dir.resolve("daegu.address"), StandardCharsets.UTF_8).trim();
        ActorRef<Object> bounce = ActorRefResolver.get(site.system()).resolveActorRef(peerAddress + "/system/" + BOUNCE);
        AtomicLong back = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        EthernetFrame frame = pingFrame();
        ActorRef<Object> self = site.system().systemActorOf(Behaviors.receive(Object.class)
                .onMessage(Downlink.Frame.class, f -> {
                    back.incrementAndGet();
                    if (running.get()) bounce.tell(new Downlink.Frame(f.seq() + 1, f.channel(), f.due(), f.epoch(), f.frame()));
                    return Behaviors.same();
                }).build(), "bench-bounce-source", Props.empty());
        bounce.tell(new BenchHello(self));
        return new Traffic() {
            @Override
            public void start() {
                running.set(true);
                for (int i = 0; i < settings.window(); i++) bounce.tell(new Downlink.Frame(i, 2, 0, 0, frame));
            }

            @Override
            public void stop() {
                running.set(false);
            }

            @Override
            public long frames() {
                return 2 * back.get();
            }
        };
    }

    private static EthernetFrame pingFrame() {
        return EthernetFrame.untagged(BuiltInTopologies.CHAIN_ROUTER_LEFT_MAC, BuiltInTopologies.mac(0x31, 1),
                Ipv4Packet.of(64, Ipv4Address.parse("10.1.0.10"), Ipv4Address.parse("10.2.0.10"),
                        IcmpEcho.request(1, 1, Bytes.zeros(22))));
    }

    // ---------------------------------------------------------------- latency

    private void latency(Site site, ConcurrentHashMap<String, Samples> errors, int count, String where) throws Exception {
        // a first round warms the JIT of both JVMs up; the second one is measured
        for (int round = 0; round < 2; round++) {
            errors.clear();
            for (long latency : BenchTopologies.LATENCIES) {
                site.device("ping-" + BenchTopologies.label(latency))
                        .tell(new DeviceActor.Inject(new DeviceInput.Command(new BenchDevices.Start())));
            }
            await("every latency frame reflected", Duration.ofSeconds(60), () -> BenchTopologies.LATENCIES.stream()
                    .allMatch(l -> errors.containsKey(BenchTopologies.label(l)) && errors.get(BenchTopologies.label(l)).size() >= count));
            Thread.sleep(100);
        }
        for (long latency : BenchTopologies.LATENCIES) {
            String label = BenchTopologies.label(latency);
            long[] sorted = errors.get(label).sorted();
            double p50 = percentile(sorted, 50) / 1e6;
            double p99 = percentile(sorted, 99) / 1e6;
            out.printf(Locale.ROOT, "  %s link: error p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, min %.3f ms, max %.3f ms (%d frames)%n",
                    label, p50, percentile(sorted, 90) / 1e6, p99, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
            boolean met = Math.abs(p50) <= 0.1 && p99 <= 1.0;
            figures.add(new Figure("one-way error, " + label + " link, " + where, String.format(Locale.ROOT,
                    "p50 %.3f ms, p99 %.3f ms", p50, p99), "configured " + label, String.format(Locale.ROOT,
                    "p50 %+.1f%%", 100 * p50 / (latency / 1e6)), "p50 <= 0.1 ms, p99 <= 1 ms", met));
        }
    }

    /** Measured values, kept exactly (a few thousand). Thread-safe. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        synchronized int size() {
            return size;
        }

        synchronized long[] sorted() {
            long[] copy = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(copy);
            return copy;
        }
    }

    private static void record(ConcurrentHashMap<String, Samples> errors, String label, long error) {
        errors.computeIfAbsent(label, l -> new Samples()).add(error);
    }

    private static long percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---------------------------------------------------------------- failover

    private void failover() throws Exception {
        out.println("failover: two-site-vrrp, 100 ms adverts, 1 ms probes, " + settings.failovers() + " crashes of the Master ...");
        Path dir = Files.createTempDirectory("firsthop-bench-failover");
        ClusterTopology t = BuiltInTopologies.twoSiteVrrp(BuiltInTopologies.TwoSiteVrrp.DEFAULT
                .withProbes(MS, 1000 * MS, 500 * MS).withHostsPerSite(1));
        FailoverSink sink = new FailoverSink();
        SiteRunner seoul = SiteRunner.start(SiteRunner.Options.of("seoul", List.of("seoul", "daegu"), t, dir), Site.defaultConfig(), sink);
        SiteRunner daegu = SiteRunner.start(SiteRunner.Options.of("daegu", List.of("seoul", "daegu"), t, dir), Site.defaultConfig(), sink);
        Histogram errors = new Histogram(3);
        List<Long> crashToTakeover = new ArrayList<>();
        List<Long> outages = new ArrayList<>();
        List<long[]> windows = new ArrayList<>();
        try {
            seoul.awaitStarted(Duration.ofSeconds(60));
            daegu.awaitStarted(Duration.ofSeconds(60));
            ClusterControl control = new ClusterControl(daegu.site(), t);
            RunClock clock = daegu.site().clock();
            await("r1 Master", Duration.ofSeconds(30), () -> sink.lastState("r1").equals("master"));
            Thread.sleep(1000);
            java.util.Random random = new java.util.Random(11);
            for (int i = 0; i < settings.failovers(); i++) {
                long crashAt = clock.now() + 50 * MS + random.nextInt(100) * MS;
                control.crash(crashAt, "r1");
                await("r2 Master", Duration.ofSeconds(30), () -> sink.takeoverAfter(crashAt) != Long.MIN_VALUE);
                long takeover = sink.takeoverAfter(crashAt);
                long lastAdvert = sink.lastAdvertBefore(takeover);
                long measured = takeover - lastAdvert;
                errors.recordValue(Math.abs(measured - MASTER_DOWN_INTERVAL));
                crashToTakeover.add(takeover - crashAt);
                windows.add(new long[] {crashAt, takeover});
                out.printf(Locale.ROOT, "  crash %d: last advert heard %.1f ms before the crash; takeover %.3f ms after it "
                                + "(RFC %.4f ms, error %+.3f ms); crash to takeover %.1f ms%n",
                        i + 1, (crashAt - lastAdvert) / 1e6, measured / 1e6, MASTER_DOWN_INTERVAL / 1e6,
                        (measured - MASTER_DOWN_INTERVAL) / 1e6, (takeover - crashAt) / 1e6);
                long restarted = clock.now();
                control.restart("r1");
                await("r1 Master again", Duration.ofSeconds(30), () -> sink.masterAfter("r1", restarted));
                Thread.sleep(700);
            }
            // a probe is declared lost 1 s after it was sent
            Thread.sleep(1200);
            for (long[] w : windows) outages.add(sink.outage("h-daegu-1", w[0] - 200 * MS, w[1] + 200 * MS));
        } finally {
            daegu.close();
            seoul.close();
            deleteQuietly(dir);
        }
        double p50 = errors.getValueAtPercentile(50) / 1e6;
        double max = errors.getMaxValue() / 1e6;
        double onePercent = MASTER_DOWN_INTERVAL / 1e6 / 100;
        figures.add(new Figure("VRRPv3 takeover after the last advert heard (" + settings.failovers() + " Master crashes)",
                String.format(Locale.ROOT, "|error| median %.3f ms, max %.3f ms", p50, max), "RFC 5798: 360.9375 ms",
                String.format(Locale.ROOT, "max %.2f%%", 100 * max / (MASTER_DOWN_INTERVAL / 1e6)), "within 1% (3.61 ms)",
                max <= onePercent));
        out.printf(Locale.ROOT, "  crash to takeover: %s ms; h-daegu-1's probes lost per failover (1 ms probes): %s%n",
                crashToTakeover.stream().map(v -> String.format(Locale.ROOT, "%.1f", v / 1e6)).toList(), outages);
    }

    /** Keeps what the failover benchmark needs: VRRP adverts r2 receives, state changes, h-daegu-1's probe outcomes. */
    private static final class FailoverSink implements TraceSink {
        private final ConcurrentLinkedQueue<Long> advertsAtR2 = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<TraceEvent.StateChanged> states = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<TraceEvent.ProbeLost> lost = new ConcurrentLinkedQueue<>();

        @Override
        public boolean wantsFrameEvents() {
            return true;
        }

        @Override
        public void accept(String site, TraceEvent event) {
            switch (event) {
                case TraceEvent.FrameReceived f when f.device().equals("r2") && f.port().equals("lan")
                        && f.frame().payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement v
                        && v.priority() == 200 -> advertsAtR2.add(f.at());
                case TraceEvent.StateChanged s when s.group().startsWith("vrrp 1 ") -> states.add(s);
                case TraceEvent.ProbeLost l when l.device().equals("h-daegu-1") -> lost.add(l);
                default -> { }
            }
        }

        String lastState(String router) {
            String last = "";
            for (TraceEvent.StateChanged s : states) if (s.device().equals(router)) last = s.to();
            return last;
        }

        boolean masterAfter(String router, long t) {
            return states.stream().anyMatch(s -> s.device().equals(router) && s.to().equals("master") && s.at() > t);
        }

        long takeoverAfter(long t) {
            return states.stream().filter(s -> s.device().equals("r2") && s.to().equals("master") && s.at() > t)
                    .mapToLong(TraceEvent.StateChanged::at).min().orElse(Long.MIN_VALUE);
        }

        long lastAdvertBefore(long t) {
            return advertsAtR2.stream().filter(a -> a < t).mapToLong(Long::longValue).max().orElseThrow();
        }

        long outage(String host, long from, long to) {
            return lost.stream().filter(l -> l.sentAt() >= from && l.sentAt() <= to).count();
        }
    }

    // ---------------------------------------------------------------- memory and start-up

    private void memory() throws Exception {
        int n = settings.devices();
        out.println("memory: " + n + " idle hosts against " + n + " bare actors; start-up of " + n + " devices ...");
        AtomicLong poweredOn = new AtomicLong();
        TraceSink counting = (site, event) -> {
            if (event instanceof TraceEvent.DeviceEvent d && d.what().equals("power-on")) poweredOn.incrementAndGet();
        };
        Site site = Site.start("bench", Site.defaultConfig(), RunClock.local(), counting);
        try {
            // bare actors
            long before = usedHeap();
            List<ActorRef<Object>> bare = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bare.add(site.system().systemActorOf(Behaviors.receive(Object.class).build(), "bare-" + i, Props.empty()));
            }
            Thread.sleep(500);
            long bareBytes = (usedHeap() - before) / n;

            // idle hosts: spawned and powered on, no links, no probes
            before = usedHeap();
            for (int i = 0; i < n; i++) {
                int index = i;
                site.spawnDevice(new Host(HostConfig.of("idle-" + index, new MacAddress(0x02_00_00_40_00_00L + index),
                        InterfaceAddress.parse("10.64." + (index >> 8) + "." + (index & 0xFF) + "/16"), null)));
            }
            site.powerOnAll(0);
            await("idle hosts powered on", Duration.ofSeconds(60), () -> poweredOn.get() >= n);
            Thread.sleep(500);
            long hostBytes = (usedHeap() - before) / n;
            out.printf(Locale.ROOT, "  bare typed actor: %d B; idle host actor (core included): %d B%n", bareBytes, hostBytes);
            figures.add(new Figure("heap per idle host actor (" + n + " hosts)", hostBytes + " B", bareBytes + " B (bare typed actor)",
                    String.format(Locale.ROOT, "%.1fx", hostBytes / (double) bareBytes), "(reported)", true));
        } finally {
            site.close();
        }

        // start-up: n devices on one site through the topology path (100 switches, the rest hosts)
        poweredOn.set(0);
        ClusterTopology t = startupTopology(n);
        Site startup = Site.start("seoul", Site.defaultConfig(), RunClock.local(), counting);
        try {
            long t0 = System.nanoTime();
            startup.instantiate(t, 1);
            long spawned = System.nanoTime();
            startup.powerOnAll(0);
            await("devices powered on", Duration.ofSeconds(120), () -> poweredOn.get() >= n);
            long t1 = System.nanoTime();
            out.printf(Locale.ROOT, "  %d devices: built and spawned in %.2f s, all powered on after %.2f s%n", n,
                    (spawned - t0) / 1e9, (t1 - t0) / 1e9);
            figures.add(new Figure("start-up of " + n + " devices on one site (" + (n / 100) + " switches, hosts)",
                    String.format(Locale.ROOT, "%.2f s (%.0f devices/s)", (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9)),
                    "-", "-", "(reported)", true));
        } finally {
            startup.close();
        }
    }

    private static ClusterTopology startupTopology(int n) {
        int switches = n / 100;
        ClusterTopology.Builder b = ClusterTopology.builder("bench-startup").site("seoul");
        int hosts = n - switches;
        int perSwitch = (hosts + switches - 1) / switches;
        int made = 0;
        for (int s = 0; s < switches; s++) {
            List<String> ports = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int p = 0; p < perSwitch && made < hosts; p++, made++) {
                names.add("h" + made);
                ports.add("p" + p);
            }
            b.device("seoul", "sw" + s, BuiltInTopologies.switchWithPorts("sw" + s, ports));
            for (int p = 0; p < names.size(); p++) {
                int index = made - names.size() + p;
                String h = names.get(p);
                b.device("seoul", h, BuiltInTopologies.host(h, new MacAddress(0x02_00_00_50_00_00L + index),
                        "10.80." + (index >> 8) + "." + (index & 0xFF) + "/16", null, null));
                b.link(h + "-" + s, h + ":eth0", "sw" + s + ":p" + p, io.firsthop.core.link.LinkConfig.IDEAL);
            }
        }
        return b.build();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---------------------------------------------------------------- helpers

    /** Devices power on at run time 0, which BeginRun puts a moment ahead: wait until they have. */
    private static void awaitPoweredOn(Site site) throws InterruptedException {
        await("run time 0", Duration.ofSeconds(30), () -> site.clock().now() > 200 * MS);
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("benchmark: not within " + timeout + ": " + what);
            Thread.sleep(10);
        }
    }

    private static String fmtRate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
