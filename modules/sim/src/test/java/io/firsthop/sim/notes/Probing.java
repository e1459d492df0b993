package io.firsthop.sim.notes;

import io.firsthop.core.host.ProbeFlow;
import io.firsthop.sim.topo.Lan;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The probing every notes test uses, and the arithmetic that turns its configuration into the
 * figures the tests expect. Probes leave at k * {@link #INTERVAL} (k = 0, 1, ...); failures are
 * injected half an interval away from any probe, so no probe is in flight at a failure or a
 * repair (each test checks that its round trips are shorter than that half interval).
 */
final class Probing {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    /** One link's latency; every link of the {@link Lan} has it. */
    static final long L = Lan.DEFAULT_LATENCY_NANOS;
    static final long INTERVAL = 10 * MS;
    static final long TIMEOUT = SECOND;
    /** The round trip host -> switch -> gateway -> wan -> server and back once every cache is warm. */
    static final long SERVER_RTT = 2 * Lan.LINKS_HOST_TO_SERVER * L;
    /** An ARP request and its reply across one link. */
    static final long ARP_ONE_LINK = 2 * L;
    /** An ARP request and its reply across the switch (host <-> gateway: two links each way). */
    static final long ARP_VIA_SWITCH = 4 * L;

    private Probing() {
    }

    /** h-to-server probes, named "srv". */
    static ProbeFlow toServer() {
        return new ProbeFlow("srv", Lan.SERVER, INTERVAL, TIMEOUT, 0);
    }

    static ProbeFlow to(String name, Ipv4Address destination) {
        return new ProbeFlow(name, destination, INTERVAL, TIMEOUT, 0);
    }

    /** Sending times of the probes sent strictly between {@code from} and {@code to}. */
    static List<Long> sendTimesBetween(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long t = firstSendAfter(from); t < to; t += INTERVAL) out.add(t);
        return out;
    }

    /** The first probe sending time strictly after {@code t}. */
    static long firstSendAfter(long t) {
        return (t / INTERVAL + 1) * INTERVAL;
    }

    /** How many probes are sent at or before {@code t}. */
    static int sentBy(long t) {
        return (int) (t / INTERVAL) + 1;
    }

    /** A time half an interval after a probe tick: where failures go. */
    static long between(long seconds, long millis) {
        long t = seconds * SECOND + millis * MS;
        if (t % INTERVAL != INTERVAL / 2) throw new IllegalArgumentException(t + " ns is not half-way between probe ticks");
        return t;
    }
}
