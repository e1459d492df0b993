package io.firsthop.sim.bench;

import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceSink;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How fast the virtual engine runs the notes' LAN: {@code hosts} hosts on one switch, split
 * between two gateways r1 and r2, each host pinging the server behind the gateways (via the
 * upstream router {@code wan}) every {@code probeInterval}. Every round builds a fresh
 * topology and times {@link VirtualEngine#run} over {@code simulated} nanoseconds of virtual
 * time, on the calling thread, after warm-up rounds that are thrown away.
 *
 * <p>In the same run it times a baseline: the bare event loop on {@link PingPong} pairs, for
 * the same number of events as the LAN round. The ratio of the two rates is what the device
 * cores (host, switch, router, ARP) cost on top of the engine.
 *
 * <p>Each LAN round checks itself: no probe may be lost on a healthy network, and every probe
 * sent before the last round trip must be answered. The hosts' probes are staggered evenly over
 * one interval.
 */
public final class EngineBench {
    /**
     * @param hosts           hosts on the switch (odd ones use r1, even ones r2)
     * @param probeInterval   nanoseconds between two probes of one host
     * @param simulatedNanos  virtual time run per round
     * @param warmupRounds    rounds run first and not counted
     * @param rounds          measured rounds
     */
    public record Settings(int hosts, long probeInterval, long simulatedNanos, int warmupRounds, int rounds) {
        public Settings {
            if (hosts < 1 || hosts > Lan.MAX_HOSTS) throw new IllegalArgumentException("hosts must be 1.." + Lan.MAX_HOSTS + ", was " + hosts);
            if (probeInterval <= 0) throw new IllegalArgumentException("probe interval must be positive, was " + probeInterval);
            if (simulatedNanos <= 0) throw new IllegalArgumentException("simulated time must be positive, was " + simulatedNanos);
            if (warmupRounds < 0) throw new IllegalArgumentException("warm-up rounds must be >= 0, was " + warmupRounds);
            if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
    }

    /**
     * One timed run: {@code events} engine events in {@code wallNanos} of wall time for
     * {@code simulatedNanos} of virtual time. {@code cpuNanos} is the CPU time the whole JVM used
     * meanwhile (the running thread, the garbage collector, the JIT compiler): on a shared machine,
     * wall time also counts the time other processes held the cores, CPU time does not.
     */
    public record Round(long events, long wallNanos, long cpuNanos, long simulatedNanos) {
        public double eventsPerSecond() {
            return events * 1e9 / wallNanos;
        }

        /** Virtual time over wall time. */
        public double speedUp() {
            return (double) simulatedNanos / wallNanos;
        }

        /** Virtual time over the JVM's CPU time. */
        public double cpuSpeedUp() {
            return (double) simulatedNanos / cpuNanos;
        }
    }

    /** Median, minimum and maximum of one figure over the measured rounds. */
    public record Spread(double median, double min, double max) {
        static Spread of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Spread(median, v[0], v[n - 1]);
        }
    }

    /**
     * The measured rounds.
     *
     * @param probesPerRound probes sent by all hosts in one LAN round
     */
    public record Result(Settings settings, List<Round> lan, List<Round> baseline, long probesPerRound) {
        public Spread lanEventsPerSecond() {
            return Spread.of(lan.stream().mapToDouble(Round::eventsPerSecond).toArray());
        }

        public Spread lanSpeedUp() {
            return Spread.of(lan.stream().mapToDouble(Round::speedUp).toArray());
        }

        public Spread lanCpuSpeedUp() {
            return Spread.of(lan.stream().mapToDouble(Round::cpuSpeedUp).toArray());
        }

        public Spread baselineEventsPerSecond() {
            return Spread.of(baseline.stream().mapToDouble(Round::eventsPerSecond).toArray());
        }

        /** How many times faster the bare loop runs than the LAN (medians). */
        public double deviceCost() {
            return baselineEventsPerSecond().median() / lanEventsPerSecond().median();
        }

        /** Engine events per second of virtual time on the LAN. */
        public double eventsPerSimulatedSecond() {
            Round r = lan.get(0);
            return r.events() * 1e9 / r.simulatedNanos();
        }

        public double eventsPerProbe() {
            return (double) lan.get(0).events() / probesPerRound;
        }
    }

    private static final int BASELINE_PAIRS = 20;
    private static final long BASELINE_LATENCY = 1_000;

    private EngineBench() {
    }

    /** Runs the benchmark; {@code progress} hears one line per round (warm-up included). */
    public static Result run(Settings settings, Consumer<String> progress) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        List<Round> lan = new ArrayList<>();
        List<Round> baseline = new ArrayList<>();
        long probes = 0;
        for (int i = 0; i < settings.warmupRounds() + settings.rounds(); i++) {
            boolean warmup = i < settings.warmupRounds();
            String label = warmup ? "warm-up " + (i + 1) : "round " + (i - settings.warmupRounds() + 1);
            LanRun l = lanRound(settings);
            Round b = baselineRound(l.round().events());
            probes = l.probes();
            progress.accept(String.format(Locale.ROOT, "%-10s LAN %,d events in %.1f ms (CPU %.1f ms): %.2f M events/s, %,.0fx real time; "
                            + "baseline %.1f ms: %.2f M events/s",
                    label, l.round().events(), l.round().wallNanos() / 1e6, l.round().cpuNanos() / 1e6, l.round().eventsPerSecond() / 1e6,
                    l.round().speedUp(), b.wallNanos() / 1e6, b.eventsPerSecond() / 1e6));
            if (!warmup) {
                lan.add(l.round());
                baseline.add(b);
            }
        }
        return new Result(settings, List.copyOf(lan), List.copyOf(baseline), probes);
    }

    private record LanRun(Round round, long probes) {}

    /** Counts probe outcomes; the only sink, so the engine creates no per-frame events. */
    private static final class ProbeCounter implements TraceSink {
        long sent;
        long answered;
        long lost;
        long maxRtt;

        @Override
        public void accept(TraceEvent event) {
            switch (event) {
                case TraceEvent.ProbeSent s -> sent++;
                case TraceEvent.ProbeAnswered a -> {
                    answered++;
                    if (a.rttNanos() > maxRtt) maxRtt = a.rttNanos();
                }
                case TraceEvent.ProbeLost l -> lost++;
                default -> { }
            }
        }
    }

    /** The JVM's CPU time so far, all threads; the calling thread's alone where the JVM does not tell. */
    private static long cpuTime() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) return t;
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static LanRun lanRound(Settings s) {
        Lan.Builder b = Lan.builder().hosts(s.hosts()).gateways(2);
        for (int i = 1; i <= s.hosts(); i++) {
            String host = "h" + i;
            b.hostGateway(host, i % 2 == 1 ? "r1" : "r2");
            // staggered over one interval, as independent hosts would be: 20 probes at the very same
            // nanosecond would overflow the routers' 3-packet ARP queues at start-up
            long start = (i - 1) * s.probeInterval() / s.hosts();
            b.probe(host, new ProbeFlow("srv", Lan.SERVER, s.probeInterval(), ProbeFlow.DEFAULT_TIMEOUT_NANOS, start));
        }
        VirtualEngine sim = b.build().engine();
        ProbeCounter counter = new ProbeCounter();
        sim.addTraceSink(counter);
        long c0 = cpuTime();
        long t0 = System.nanoTime();
        sim.run(s.simulatedNanos());
        long wall = System.nanoTime() - t0;
        long cpu = cpuTime() - c0;
        if (counter.lost != 0 || counter.sent - counter.answered > s.hosts() * (counter.maxRtt / s.probeInterval() + 1)) {
            throw new IllegalStateException("the benchmark LAN misbehaved: " + counter.sent + " probes sent, "
                    + counter.answered + " answered, " + counter.lost + " lost");
        }
        return new LanRun(new Round(sim.eventsProcessed(), Math.max(wall, 1), Math.max(cpu, 1), s.simulatedNanos()), counter.sent);
    }

    private static Round baselineRound(long events) {
        VirtualEngine sim = new VirtualEngine(1);
        for (int i = 0; i < BASELINE_PAIRS; i++) {
            sim.addDevice(new PingPong("a" + i, true)).addDevice(new PingPong("b" + i, false));
            sim.connect("l" + i, "a" + i + ":p0", "b" + i + ":p0", LinkConfig.ofLatency(BASELINE_LATENCY));
        }
        sim.addTraceSink(event -> { });
        // power-ons and carrier checks first, untimed: from then on every event is a frame delivery
        sim.run(0);
        long before = sim.eventsProcessed();
        // each pair delivers one frame per link latency
        long duration = (events + BASELINE_PAIRS - 1) / BASELINE_PAIRS * BASELINE_LATENCY;
        long c0 = cpuTime();
        long t0 = System.nanoTime();
        sim.run(duration);
        long wall = System.nanoTime() - t0;
        long cpu = cpuTime() - c0;
        return new Round(sim.eventsProcessed() - before, Math.max(wall, 1), Math.max(cpu, 1), duration);
    }
}
