package io.firsthop.cluster;

import com.typesafe.config.Config;
import io.firsthop.cluster.serial.KryoSerializer;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real two-site cluster in one JVM: two ActorSystems on random ports joined in code, so
 * everything between them goes through Artery TCP and the Kryo serializer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoSiteClusterTest {
    private static final long MS = 1_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MemoryTraceSink traces = new MemoryTraceSink();
    private Site seoul;
    private Site daegu;

    @BeforeAll
    void formCluster() throws Exception {
        Config config = Site.defaultConfig();
        SiteSettings settings = SiteSettings.fromConfig(config).withFlowControl(256, 2048);
        long epoch = RunClock.unixNanosNow();
        // Each site anchors its own run clock, as a site in its own JVM would.
        seoul = Site.start("seoul", config, settings, RunClock.anchoredAt(epoch), traces);
        daegu = Site.start("daegu", config, settings, RunClock.anchoredAt(epoch), traces);
        seoul.join(List.of(seoul.address()));
        daegu.join(List.of(seoul.address()));
        seoul.up().toCompletableFuture().get(30, TimeUnit.SECONDS);
        daegu.up().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void leaveNothingRunning() {
        daegu.close();
        seoul.close();
        assertTrue(seoul.terminated() && daegu.terminated(), "an ActorSystem is still running");
    }

    private static FakeDevice.Act act(BiConsumer<Long, Outputs> action) {
        return new FakeDevice.Act(action);
    }

    private static DeviceInput.Command command(FakeDevice.Act act) {
        return new DeviceInput.Command(act);
    }

    @Test
    @DisplayName("both sites are Up members, each with its site name as its role")
    void membership() {
        Cluster c = Cluster.get(seoul.system());
        List<String> roles = new ArrayList<>();
        c.state().getMembers().forEach(m -> {
            assertEquals(MemberStatus.up(), m.status());
            roles.addAll(m.getRoles().stream().filter(r -> !r.startsWith("dc-")).toList());
        });
        assertEquals(List.of("daegu", "seoul"), roles.stream().sorted().toList());
    }

    @Test
    @DisplayName("the two sites' run clocks agree within the measurement's uncertainty (same machine, same wall clock)")
    void runClocksAgree() throws Exception {
        ClockProbe.ClockOffset fromSeoul = seoul.measureClockOffset("daegu", 20).toCompletableFuture().get(30, TimeUnit.SECONDS);
        ClockProbe.ClockOffset fromDaegu = daegu.measureClockOffset("seoul", 20).toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.printf("run clock offset daegu-seoul: %+.1f us (+/- %.1f us); seoul-daegu: %+.1f us (+/- %.1f us)%n",
                fromSeoul.offsetNanos() / 1e3, fromSeoul.uncertaintyNanos() / 1e3,
                fromDaegu.offsetNanos() / 1e3, fromDaegu.uncertaintyNanos() / 1e3);
        assertTrue(Math.abs(fromSeoul.offsetNanos()) <= fromSeoul.uncertaintyNanos(), fromSeoul.toString());
        assertTrue(Math.abs(fromDaegu.offsetNanos()) <= fromDaegu.uncertaintyNanos(), fromDaegu.toString());
    }

    @Test
    @DisplayName("frames on a 2 ms cross-site link arrive 2 ms after they were sent: never earlier, and the latency is not "
            + "counted twice (median under 4 ms; the error itself is a benchmark's figure: cluster bench --only latency)")
    void oneWayDelay() throws Exception {
        int frames = 300;
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        TestProbe<Integer> done = TestProbe.create(daegu.system());
        FakeDevice pinger = new FakeDevice("pinger", 1, (seen, out) -> {
            if (seen.input() instanceof DeviceInput.TimerFired(Object key) && key instanceof Integer seq) {
                out.send(0, FakeDevice.stamped(seq, seen.now()));
                if (seq + 1 < frames) out.armTimer(seq + 1, seen.now() + 2 * MS);
            }
        });
        FakeDevice sink = new FakeDevice("sink", 1, (seen, out) -> {
            if (seen.input() instanceof DeviceInput.FrameArrived(int port, var frame)) {
                delays.add(seen.now() - FakeDevice.sentAtOf(frame));
                if (delays.size() == frames) done.ref().tell(frames);
            }
        });
        seoul.spawnDevice(pinger);
        daegu.spawnDevice(sink).tell(new DeviceActor.Inject(DeviceInput.POWER_ON));
        CrossSiteLink link = new CrossSiteLink(1, "pinger:p0--sink:p0",
                new LinkEndpoint("seoul", "pinger", 0), new LinkEndpoint("daegu", "sink", 0));
        seoul.attach(link, LinkTransit.fixedDelay(2 * MS));
        daegu.attach(link, LinkTransit.fixedDelay(2 * MS));
        seoul.connectedTo("daegu").toCompletableFuture().get(30, TimeUnit.SECONDS);
        daegu.connectedTo("seoul").toCompletableFuture().get(30, TimeUnit.SECONDS);

        seoul.device("pinger").tell(new DeviceActor.Inject(command(act((now, out) -> out.armTimer(0, now + MS)))));
        done.expectMessage(WAIT, frames);

        List<Long> sorted = delays.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get(sorted.size() * 99 / 100);
        System.out.printf("cross-site one-way delay, 2 ms link, %d frames: min %.3f p50 %.3f p90 %.3f p99 %.3f max %.3f ms%n",
                frames, sorted.get(0) / 1e6, p50 / 1e6, sorted.get(sorted.size() * 9 / 10) / 1e6, p99 / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
        var late = daegu.metrics().frameLateness();
        System.out.printf("  of which past the deadline at the receiving actor: p50 %.3f p99 %.3f max %.3f ms%n",
                late.getValueAtPercentile(50) / 1e6, late.getValueAtPercentile(99) / 1e6, late.getMaxValue() / 1e6);
        assertTrue(sorted.get(0) >= 2 * MS, "a frame arrived before the link's latency: " + sorted.get(0));
        assertTrue(p50 < 4 * MS, "median one-way delay " + p50 / 1e6 + " ms");
        assertEquals(0, KryoSerializer.of(seoul.system()).codec().rejections());
        assertEquals(0, KryoSerializer.of(daegu.system()).codec().rejections());
    }

    @Test
    @DisplayName("a burst far beyond Artery's queue: every frame sent is received or counted and traced as QUEUE_FULL")
    void burstIsAccountedFor() throws Exception {
        int burst = 30_000;
        AtomicLong counted = new AtomicLong();
        FakeDevice burster = new FakeDevice("burster", 1);
        FakeDevice counter = new FakeDevice("counter", 1, (seen, out) -> {
            if (seen.input() instanceof DeviceInput.FrameArrived) counted.incrementAndGet();
        });
        seoul.spawnDevice(burster);
        daegu.spawnDevice(counter).tell(new DeviceActor.Inject(DeviceInput.POWER_ON));
        CrossSiteLink link = new CrossSiteLink(2, "burster:p0--counter:p0",
                new LinkEndpoint("seoul", "burster", 0), new LinkEndpoint("daegu", "counter", 0));
        seoul.attach(link, LinkTransit.fixedDelay(2 * MS));
        daegu.attach(link, LinkTransit.fixedDelay(2 * MS));
        seoul.connectedTo("daegu").toCompletableFuture().get(30, TimeUnit.SECONDS);
        CrossSiteStats out0 = seoul.crossSiteStats("daegu");
        CrossSiteStats in0 = daegu.crossSiteStats("seoul");
        long queueFullTraces0 = queueFullTraces();

        seoul.device("burster").tell(new DeviceActor.Inject(command(act((now, out) -> {
            for (int i = 0; i < burst; i++) out.send(0, FakeDevice.stamped(i, now));
        }))));

        TestProbe<Void> probe = TestProbe.create(seoul.system());
        probe.awaitAssert(WAIT, Duration.ofMillis(50), () -> {
            CrossSiteStats out = seoul.crossSiteStats("daegu");
            long offered = out.offered() - out0.offered();
            long sent = out.sent() - out0.sent();
            long dropped = out.queueFull() - out0.queueFull();
            long received = daegu.crossSiteStats("seoul").received() - in0.received();
            assertEquals(burst, offered);
            assertEquals(offered, sent + dropped);
            assertEquals(sent, received);
            assertEquals(received, counted.get());
            return null;
        });
        CrossSiteStats out = seoul.crossSiteStats("daegu");
        long queueFull = out.queueFull() - out0.queueFull();
        System.out.printf("burst of %d frames: %d received, %d dropped as QUEUE_FULL, %d lost otherwise%n",
                burst, counted.get(), queueFull, out.linkDown() - out0.linkDown() + out.lostInTransit() - out0.lostInTransit());
        assertEquals(burst, counted.get() + queueFull);
        assertEquals(0, out.linkDown() - out0.linkDown());
        assertEquals(0, out.lostInTransit() - out0.lostInTransit());
        assertTrue(queueFull > 0, "the burst never filled the backlog: the test exercised nothing");
        assertEquals(queueFull, queueFullTraces() - queueFullTraces0, "every QUEUE_FULL drop is traced");
    }

    private long queueFullTraces() {
        return traces.count(t -> t.site().equals("seoul") && t.event() instanceof TraceEvent.FrameDropped f
                && f.reason() == DropReason.QUEUE_FULL && f.device().equals("burster:p0--counter:p0"));
    }
}
