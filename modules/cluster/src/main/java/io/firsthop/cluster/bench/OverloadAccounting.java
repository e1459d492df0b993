package io.firsthop.cluster.bench;

import io.firsthop.cluster.CrossSite;
import io.firsthop.cluster.CrossSiteStats;
import io.firsthop.cluster.DeviceActor;
import io.firsthop.cluster.Downlink;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.TraceSink;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The overload benchmark: does every frame a core sends end up received or dropped with a
 * traced reason, when the sender far outruns what crosses between two JVMs?
 *
 * <p>A burster in seoul sends {@link #BURST} frames in one go (a single core input, a tight
 * loop of {@code out.send}) over a cross-site link to a sink in daegu, the other JVM; once
 * over a {@link Variant#PLAIN plain} 2 ms link (only the cross-site backlog can overflow),
 * once over a {@link Variant#LOSSY lossy} one that also loses 1% on the wire and has a
 * 100 Mbit/s transmitter with a queue limit (the link model drops too). Counted: the frames
 * the burster core sent, the frames the sink core received, and every {@code FrameDropped}
 * trace event of those frames on either site (a {@link DropTally} on each), by reason and
 * place; {@code unaccounted = sent - received - drops} must be 0. The frames are told apart
 * by their ICMP identifier, so a drop counts wherever it is traced (link, backlog, device).
 *
 * <p>The baseline, same run, same message shape: {@code Downlink.Frame}s told in a tight
 * loop straight to an actor in daegu, with no flow control: Artery drops what overflows its
 * outbound queue; no firsthop trace records it (Pekko publishes a {@link Dropped} on its event
 * stream, counted here to show where they went).
 */
public final class OverloadAccounting {
    /** Frames in each burst. */
    public static final int BURST = 200_000;
    /** The name of the counting actor on the peer (daegu) JVM. */
    static final String PEER_ACTOR = "bench-overload";
    private static final long MS = 1_000_000L;
    private static final long WAN_LATENCY = 2 * MS;
    private static final Bytes DATA = Bytes.zeros(22);
    /** Identifies the raw baseline's frames (no link, no trace: they are only counted by the peer actor). */
    private static final int RAW_IDENTIFIER = 0x0B00;

    /** A cross-site link the burst crosses. */
    enum Variant {
        PLAIN("plain", 0x0B01, LinkConfig.ofLatency(WAN_LATENCY)),
        LOSSY("lossy", 0x0B02, LinkConfig.ofLatency(WAN_LATENCY).withLoss(0.01).withRate(100_000_000L).withQueueLimit(20_000));

        final String label;
        /** The ICMP identifier of this variant's frames. */
        final int identifier;
        final LinkConfig link;

        Variant(String label, int identifier, LinkConfig link) {
            this.label = label;
            this.identifier = identifier;
            this.link = link;
        }

        String burster() {
            return "burst-" + label;
        }

        String sink() {
            return "sink-" + label;
        }

        String linkName() {
            return "over-" + label;
        }

        String describe() {
            LinkConfig c = link;
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.0f ms", c.latencyNanos() / 1e6));
            if (c.lossProbability() > 0) b.append(String.format(Locale.ROOT, ", loss %.0f%%", 100 * c.lossProbability()));
            if (c.rateLimited()) b.append(String.format(Locale.ROOT, ", %d Mbit/s", c.rateBitsPerSecond() / 1_000_000));
            if (c.queueLimitFrames() > 0) b.append(String.format(Locale.ROOT, ", queue limit %,d frames", c.queueLimitFrames()));
            return b.toString();
        }
    }

    /** Asks the peer for its counts; answered with {@link Counts} carrying the same {@code nonce}. */
    public record Query(long nonce, ActorRef<Object> replyTo) implements CrossSite {}

    /**
     * What daegu counted: frames its sink cores received on each variant's link, raw frames
     * its counting actor received, and the drops of overload frames traced there.
     */
    public record Counts(long nonce, long plainReceived, long lossyReceived, long rawReceived, List<DropCount> drops)
            implements CrossSite {}

    /** {@code count} frames of {@code variant} traced as dropped for {@code reason}, at {@code where} (the detail's gist). */
    public record DropCount(String variant, DropReason reason, String where, long count) {}

    /** Starts a burster's burst. */
    record Burst(int frames) implements DeviceCommand {}

    /** The frames this JVM's bursters sent and its sinks received, per variant. Thread-safe. */
    static final class Counters {
        private final AtomicLong[] sent = {new AtomicLong(), new AtomicLong()};
        private final AtomicLong[] received = {new AtomicLong(), new AtomicLong()};

        long sent(Variant v) {
            return sent[v.ordinal()].get();
        }

        long received(Variant v) {
            return received[v.ordinal()].get();
        }
    }

    private OverloadAccounting() {
    }

    /** Adds each variant's burster on {@code near}, its sink on {@code far}, and the link between them. */
    static void addTo(ClusterTopology.Builder b, String near, String far, Counters counters) {
        for (Variant v : Variant.values()) {
            b.device(near, v.burster(), () -> new Burster(v, counters.sent[v.ordinal()]));
            b.device(far, v.sink(), () -> new Sink(v, counters.received[v.ordinal()]));
            b.link(v.linkName(), v.burster() + ":p0", v.sink() + ":p0", v.link);
        }
    }

    static EthernetFrame frame(int identifier, int sequence) {
        return EthernetFrame.untagged(new MacAddress(0x02_00_00_0B_00_02L), new MacAddress(0x02_00_00_0B_00_01L),
                Ipv4Packet.of(64, Ipv4Address.parse("10.11.0.1"), Ipv4Address.parse("10.11.0.2"),
                        IcmpEcho.request(identifier, sequence & 0xFFFF, DATA)));
    }

    /** The variant whose frame this is, or null. */
    static Variant variantOf(EthernetFrame frame) {
        if (frame != null && frame.payload() instanceof Ipv4Packet ip && ip.payload() instanceof IcmpEcho echo && !echo.reply()) {
            for (Variant v : Variant.values()) if (echo.identifier() == v.identifier) return v;
        }
        return null;
    }

    /** Sends {@link Burst#frames} frames on p0 in one tight loop, counting each it hands to the link. */
    static final class Burster implements Device {
        private final Variant variant;
        private final AtomicLong sent;
        private boolean running;

        Burster(Variant variant, AtomicLong sent) {
            this.variant = variant;
            this.sent = sent;
        }

        @Override
        public String name() {
            return variant.burster();
        }

        @Override
        public List<String> portNames() {
            return List.of("p0");
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void handle(DeviceInput input, long now, Outputs out) {
            switch (input) {
                case DeviceInput.PowerOn p -> running = true;
                case DeviceInput.Crash c -> running = false;
                case DeviceInput.Shutdown s -> running = false;
                case DeviceInput.Command(Burst(int frames)) -> {
                    for (int i = 0; i < frames; i++) {
                        out.send(0, frame(variant.identifier, i));
                        sent.incrementAndGet();
                    }
                }
                default -> { }
            }
        }
    }

    /** Counts the frames of its variant that reach its core. */
    static final class Sink implements Device {
        private final Variant variant;
        private final AtomicLong received;
        private boolean running;

        Sink(Variant variant, AtomicLong received) {
            this.variant = variant;
            this.received = received;
        }

        @Override
        public String name() {
            return variant.sink();
        }

        @Override
        public List<String> portNames() {
            return List.of("p0");
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void handle(DeviceInput input, long now, Outputs out) {
            switch (input) {
                case DeviceInput.PowerOn p -> running = true;
                case DeviceInput.Crash c -> running = false;
                case DeviceInput.Shutdown s -> running = false;
                case DeviceInput.FrameArrived(int port, EthernetFrame frame) -> {
                    if (variantOf(frame) == variant) received.incrementAndGet();
                }
                default -> { }
            }
        }
    }

    /**
     * Counts the {@code FrameDropped} events of overload frames a site traces, by variant,
     * reason and place (the event's detail up to its first parenthesis). Thread-safe and cheap
     * for every other event.
     */
    static final class DropTally implements TraceSink {
        private record Key(Variant variant, DropReason reason, String where) {}

        private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

        @Override
        public void accept(String site, TraceEvent event) {
            if (!(event instanceof TraceEvent.FrameDropped d)) return;
            Variant v = variantOf(d.frame());
            if (v == null) return;
            counts.computeIfAbsent(new Key(v, d.reason(), gist(d.detail())), k -> new LongAdder()).increment();
        }

        List<DropCount> snapshot() {
            List<DropCount> list = new ArrayList<>();
            counts.forEach((k, n) -> list.add(new DropCount(k.variant().label, k.reason(), k.where(), n.sum())));
            return List.copyOf(list);
        }

        private static String gist(String detail) {
            if (detail == null) return "";
            int paren = detail.indexOf(" (");
            return paren < 0 ? detail : detail.substring(0, paren);
        }
    }

    /** The peer's counting actor: raw {@code Downlink.Frame}s are counted, {@link Query}s answered. */
    static Behavior<Object> peerActor(Counters counters, DropTally drops) {
        long[] raw = {0};
        return Behaviors.receive(Object.class)
                .onMessage(Downlink.Frame.class, f -> {
                    raw[0]++;
                    return Behaviors.same();
                })
                .onMessage(Query.class, q -> {
                    q.replyTo().tell(new Counts(q.nonce(), counters.received(Variant.PLAIN), counters.received(Variant.LOSSY),
                            raw[0], drops.snapshot()));
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * One variant's outcome: what was sent, received, dropped (by "REASON: where"), the
     * counters' view, and how many {@code Downlink.Frame}s Artery itself dropped meanwhile
     * (Pekko's {@link Dropped} events; flow control should keep that at 0).
     */
    record Outcome(Variant variant, long sent, long received, Map<String, Long> drops, CrossSiteStats counters,
                   long pekkoDropped, double settleSeconds) {
        long dropped() {
            return drops.values().stream().mapToLong(Long::longValue).sum();
        }

        long unaccounted() {
            return sent - received - dropped();
        }
    }

    /** The raw baseline's outcome. */
    record RawOutcome(long sent, long received, long pekkoDropped) {
        long vanished() {
            return sent - received;
        }
    }

    /** The seoul side of the benchmark: runs both bursts and then the raw baseline. */
    static final class Run {
        private final Site site;
        private final ActorRef<Object> peer;
        private final Counters counters;
        private final DropTally drops;
        private final AtomicReference<Counts> lastCounts = new AtomicReference<>();
        private final ActorRef<Object> replies;
        private final AtomicLong pekkoDropped = new AtomicLong();
        private long nonce;

        Run(Site site, ActorRef<Object> peer, Counters counters, DropTally drops) {
            this.site = site;
            this.peer = peer;
            this.counters = counters;
            this.drops = drops;
            this.replies = site.system().systemActorOf(Behaviors.receive(Object.class)
                    .onMessage(Counts.class, c -> {
                        lastCounts.set(c);
                        return Behaviors.same();
                    }).build(), "bench-overload-replies", Props.empty());
            ActorRef<Dropped> droppedCounter = site.system().systemActorOf(Behaviors.receive(Dropped.class)
                    .onMessage(Dropped.class, d -> {
                        if (d.message() instanceof Downlink.Frame) pekkoDropped.incrementAndGet();
                        return Behaviors.same();
                    }).build(), "bench-overload-dropped", Props.empty());
            site.system().eventStream().tell(new EventStream.Subscribe<>(Dropped.class, droppedCounter));
        }

        Outcome burst(Variant v) throws InterruptedException {
            CrossSiteStats before = site.crossSiteStats("daegu");
            long sent0 = counters.sent(v);
            long pekkoDropped0 = pekkoDropped.get();
            Counts c0 = query();
            long received0 = received(c0, v);
            Map<String, Long> drops0 = dropsOf(v, c0);
            long t0 = System.nanoTime();
            site.device(v.burster()).tell(new DeviceActor.Inject(new DeviceInput.Command(new Burst(BURST))));
            // settled: everything sent is received or dropped, and stays so; or nothing moves for 10 s
            long lastChange = System.nanoTime();
            long lastTotal = -1;
            long settledAt = 0;
            boolean confirmed = false;
            Counts c = c0;
            while (true) {
                Thread.sleep(200);
                c = query();
                long sent = counters.sent(v) - sent0;
                long total = received(c, v) - received0 + sum(minus(dropsOf(v, c), drops0));
                if (total != lastTotal) {
                    lastTotal = total;
                    lastChange = System.nanoTime();
                    confirmed = false;
                }
                if (sent == BURST && total == sent) {
                    if (settledAt == 0) settledAt = System.nanoTime();
                    // one more look a little later: nothing may be counted twice
                    if (confirmed) break;
                    confirmed = true;
                    Thread.sleep(500);
                    continue;
                }
                if (System.nanoTime() - lastChange > 10_000_000_000L) break;
            }
            CrossSiteStats after = site.crossSiteStats("daegu");
            CrossSiteStats delta = new CrossSiteStats(after.offered() - before.offered(), after.sent() - before.sent(),
                    after.queueFull() - before.queueFull(), after.linkDown() - before.linkDown(),
                    after.lostInTransit() - before.lostInTransit(), after.wanDropped() - before.wanDropped(), 0, 0, 0);
            double settle = ((settledAt != 0 ? settledAt : System.nanoTime()) - t0) / 1e9;
            return new Outcome(v, counters.sent(v) - sent0, received(c, v) - received0, minus(dropsOf(v, c), drops0), delta,
                    pekkoDropped.get() - pekkoDropped0, settle);
        }

        RawOutcome raw() throws InterruptedException {
            Counts c0 = query();
            long received0 = c0.rawReceived();
            long dropped0 = pekkoDropped.get();
            EthernetFrame frame = frame(RAW_IDENTIFIER, 0);
            for (int i = 0; i < BURST; i++) peer.tell(new Downlink.Frame(i + 1, 0, 0, 0, frame));
            // settled once neither count moved for 2 s (or all arrived)
            long last = -1;
            long lastChange = System.nanoTime();
            Counts c = c0;
            while (System.nanoTime() - lastChange < 2_000_000_000L) {
                Thread.sleep(250);
                c = query();
                long now = c.rawReceived() + pekkoDropped.get();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                }
                if (c.rawReceived() - received0 == BURST) break;
            }
            return new RawOutcome(BURST, c.rawReceived() - received0, pekkoDropped.get() - dropped0);
        }

        /**
         * The peer's counts, asked again every second until it answers (a query may itself be
         * lost while the raw baseline floods Artery's queue).
         */
        private Counts query() throws InterruptedException {
            long n = ++nonce;
            for (int attempt = 0; attempt < 60; attempt++) {
                peer.tell(new Query(n, replies));
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < deadline) {
                    Counts c = lastCounts.get();
                    if (c != null && c.nonce() == n) return c;
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException("benchmark: the peer did not answer the overload query within 60 s");
        }

        private static long received(Counts c, Variant v) {
            return v == Variant.PLAIN ? c.plainReceived() : c.lossyReceived();
        }

        /** The drops of {@code v} traced on both sites: this site's tally and the peer's. */
        private Map<String, Long> dropsOf(Variant v, Counts peerCounts) {
            Map<String, Long> all = new TreeMap<>();
            List<DropCount> both = new ArrayList<>(drops.snapshot());
            both.addAll(peerCounts.drops());
            for (DropCount d : both) {
                if (d.variant().equals(v.label)) all.merge(d.reason() + ": " + d.where(), d.count(), Long::sum);
            }
            return all;
        }

        private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> d = new TreeMap<>();
            now.forEach((k, n) -> {
                long delta = n - before.getOrDefault(k, 0L);
                if (delta != 0) d.put(k, delta);
            });
            return d;
        }

        private static long sum(Map<String, Long> m) {
            long s = 0;
            for (long n : m.values()) s += n;
            return s;
        }
    }
}
