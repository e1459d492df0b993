package io.firsthop.cluster.bench;

import io.firsthop.cluster.topology.BuiltInTopologies;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.wire.Ipv4Address;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The benchmarks' topologies. Each site builds the same one; the devices that measure (the
 * blaster, the pingers) sit on the benchmark's own site, so the peer JVM can build the
 * topology by name with no collector at all.
 */
final class BenchTopologies {
    /** Latencies of the fidelity benchmark's links. */
    static final List<Long> LATENCIES = List.of(100_000L, 1_000_000L, 4_000_000L);

    private BenchTopologies() {
    }

    /**
     * The benchmarks' topology: the chain h1 (a {@link BenchDevices.Blaster}) - sw1 - r1 - sw2 -
     * h2 over ideal links, and for each of {@link #LATENCIES} a pinger and a reflector joined
     * by a link of that latency. With {@code twoSites}, sw2, h2 and the reflectors are in daegu
     * (the r1-sw2 link and the latency links cross the JVMs), the rest in seoul; otherwise all
     * is in seoul. Nothing runs until told ({@link BenchDevices.Start}).
     */
    static ClusterTopology bench(boolean twoSites, int window, AtomicLong replies, long interval, int count, Errors errors) {
        ClusterTopology.Builder b = ClusterTopology.builder(twoSites ? "bench-two-site" : "bench-one-site").site("seoul");
        String far = twoSites ? "daegu" : "seoul";
        if (twoSites) b.site("daegu");
        BuiltInTopologies.addChain(b, "seoul", far, LinkConfig.IDEAL,
                () -> new BenchDevices.Blaster("h1", BuiltInTopologies.mac(0x31, 1), Ipv4Address.parse("10.1.0.10"),
                        BuiltInTopologies.CHAIN_ROUTER_LEFT_MAC, Ipv4Address.parse("10.2.0.10"), window, replies),
                BuiltInTopologies.host("h2", BuiltInTopologies.mac(0x32, 1), "10.2.0.10/24", Ipv4Address.parse("10.2.0.1"), null));
        for (long latency : LATENCIES) {
            String label = label(latency);
            LongConsumer sink = e -> errors.accept(label, e);
            b.device("seoul", "ping-" + label, () -> new BenchDevices.Pinger("ping-" + label, interval, count, sink));
            b.device(far, "echo-" + label, () -> new BenchDevices.Reflector("echo-" + label, latency));
            b.link("lat-" + label, "ping-" + label + ":p0", "echo-" + label + ":p0", LinkConfig.ofLatency(latency));
        }
        return b.build();
    }

    /** What the peer JVM builds: the two-site benchmark topology (its own devices need no collector). */
    static ClusterTopology peer(int window) {
        return bench(true, window, new AtomicLong(), 2_000_000L, 1, (label, error) -> { });
    }

    /** Where a pinger reports the one-way errors of its link. */
    interface Errors {
        void accept(String label, long errorNanos);
    }

    static String label(long latencyNanos) {
        return latencyNanos % 1_000_000 == 0 ? (latencyNanos / 1_000_000) + "ms" : (latencyNanos / 1_000) + "us";
    }
}
