package io.firsthop.cluster;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceActorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long MS = 1_000_000L;

    private final ActorTestKit kit = ActorTestKit.create("device-actor-test");
    private final RunClock clock = RunClock.local();
    private PreciseDelivery delivery;
    private MemoryTraceSink traces;
    private SiteContext site;

    @BeforeEach
    void start() {
        delivery = new PreciseDelivery("test-delivery", clock, 150_000);
        traces = new MemoryTraceSink();
        site = new SiteContext("seoul", clock, delivery, traces, new SiteMetrics());
    }

    @AfterEach
    void stop() {
        delivery.close();
    }

    @AfterAll
    void shutdown() {
        kit.shutdownTestKit();
    }

    /** A device whose every input is forwarded to the returned probe. */
    private record Probed(FakeDevice device, ActorRef<DeviceActor.Command> actor, TestProbe<FakeDevice.Seen> inputs) {
        void act(BiConsumer<Long, Outputs> action) {
            actor.tell(new DeviceActor.Inject(new DeviceInput.Command(new FakeDevice.Act(action))));
        }

        /** The next input that is not the Act command itself, nor the power-on and carrier news. */
        FakeDevice.Seen next() {
            while (true) {
                FakeDevice.Seen s = inputs.receiveMessage(WAIT);
                if (!(s.input() instanceof DeviceInput.Command || s.input() instanceof DeviceInput.PowerOn
                        || s.input() instanceof DeviceInput.CarrierChanged)) {
                    return s;
                }
            }
        }
    }

    /** A device left off (its actor still runs commands and timers). */
    private Probed spawn(String name) {
        TestProbe<FakeDevice.Seen> probe = kit.createTestProbe();
        FakeDevice device = new FakeDevice(name, 2, (seen, out) -> probe.ref().tell(seen));
        return new Probed(device, kit.spawn(DeviceActor.create(device, site), name), probe);
    }

    /** A device powered on (a device that is off drops the frames it receives, as DEVICE_DOWN). */
    private Probed spawnPowered(String name) {
        Probed p = spawn(name);
        p.actor().tell(new DeviceActor.Inject(DeviceInput.POWER_ON));
        assertEquals(DeviceInput.POWER_ON, p.inputs().receiveMessage(WAIT).input());
        return p;
    }

    @Test
    @DisplayName("an injected input reaches the core with the run clock's current time")
    void injectedInput() {
        Probed d = spawn("h1");
        long before = clock.now();
        d.actor().tell(new DeviceActor.Inject(DeviceInput.POWER_ON));
        FakeDevice.Seen s = d.inputs().receiveMessage(WAIT);
        assertEquals(DeviceInput.POWER_ON, s.input());
        assertTrue(s.now() >= before && s.now() <= clock.now());
    }

    @Nested
    @DisplayName("timers")
    class Timers {
        @Test
        @DisplayName("an armed timer fires once, not before its instant")
        void fires() {
            Probed d = spawn("r1");
            long[] at = new long[1];
            d.act((now, out) -> {
                at[0] = now + 20 * MS;
                out.armTimer("adver", at[0]);
            });
            FakeDevice.Seen s = d.next();
            assertEquals(new DeviceInput.TimerFired("adver"), s.input());
            assertTrue(s.now() >= at[0]);
            d.inputs().expectNoMessage(Duration.ofMillis(50));
        }

        @Test
        @DisplayName("re-arming moves the timer: it fires once, at the new instant; the old deadline is skipped as stale")
        void rearmMoves() {
            Probed d = spawn("r2");
            long[] moved = new long[1];
            d.act((now, out) -> {
                out.armTimer("master-down", now + 60 * MS);
                moved[0] = now + 10 * MS;
                out.armTimer("master-down", moved[0]);
            });
            FakeDevice.Seen s = d.next();
            assertEquals(new DeviceInput.TimerFired("master-down"), s.input());
            assertTrue(s.now() >= moved[0] && s.now() < moved[0] + 50 * MS);
            d.inputs().expectNoMessage(Duration.ofMillis(100));
            assertEquals(1, site.metrics().staleTimersSkipped());
        }

        @Test
        @DisplayName("a cancelled timer never reaches the core")
        void cancelled() {
            Probed d = spawn("r3");
            d.act((now, out) -> {
                out.armTimer("adver", now + 10 * MS);
                out.cancelTimer("adver");
            });
            d.inputs().receiveMessage(WAIT); // the Act itself
            d.inputs().expectNoMessage(Duration.ofMillis(60));
            assertEquals(1, site.metrics().staleTimersSkipped());
        }

        @Test
        @DisplayName("RFC 5798 timings (100 ms adverts, 360.9375 ms Master_Down_Interval) are released by the precise delivery "
                + "thread, never before their due instant (their lateness is a benchmark's figure: cluster bench --only failover)")
        void vrrpTimingsArePrecise() {
            List<Long> lateness = new ArrayList<>();
            long[] due = new long[1];
            TestProbe<Long> late = kit.createTestProbe();
            FakeDevice device = new FakeDevice("r4", 1, (seen, out) -> {
                if (seen.input() instanceof DeviceInput.TimerFired(Object key)) {
                    late.ref().tell(seen.now() - due[0]);
                    // Master_Down_Interval for priority 100, 1 s / 100 cs adverts: 3 * 100 + (256 - 100) * 100 / 256 ms
                    due[0] = seen.now() + ("adver".equals(key) ? 360_937_500L : 100 * MS);
                    out.armTimer("adver".equals(key) ? "master-down" : "adver", due[0]);
                }
            });
            long releasedBefore = site.delivery().released();
            ActorRef<DeviceActor.Command> actor = kit.spawn(DeviceActor.create(device, site), "r4");
            actor.tell(new DeviceActor.Inject(new DeviceInput.Command(new FakeDevice.Act((now, out) -> {
                due[0] = now + 100 * MS;
                out.armTimer("adver", due[0]);
            }))));
            for (int i = 0; i < 6; i++) lateness.add(late.receiveMessage(WAIT));
            lateness.sort(Long::compare);
            System.out.println("VRRP timer lateness at the device actor (us): " + lateness.stream().map(l -> l / 1000).toList());
            assertTrue(lateness.get(0) >= 0, "a timer fired early: " + lateness);
            // not Pekko's scheduler (10 ms ticks, rounded up): each timer went through the delivery thread
            assertTrue(site.delivery().released() - releasedBefore >= lateness.size(),
                    "released by the delivery thread: " + (site.delivery().released() - releasedBefore));
        }
    }

    @Nested
    @DisplayName("frames and traces")
    class Frames {
        @Test
        @DisplayName("a frame sent on a local link arrives on the peer's port after the link's latency")
        void localLink() {
            Probed a = spawn("a");
            Probed b = spawnPowered("b");
            a.actor().tell(new DeviceActor.Bind(0, new PortLink.ToLocal(b.actor(), 1, LinkTransit.fixedDelay(2 * MS))));
            long[] sent = new long[1];
            a.act((now, out) -> {
                sent[0] = now;
                out.send(0, FakeDevice.stamped(1, now));
            });
            FakeDevice.Seen s = b.next();
            DeviceInput.FrameArrived arrived = assertInstanceOf(DeviceInput.FrameArrived.class, s.input());
            assertEquals(1, arrived.port());
            assertEquals(sent[0], FakeDevice.sentAtOf(arrived.frame()));
            assertTrue(s.now() - sent[0] >= 2 * MS);
            assertEquals(1, site.metrics().frameLateness().getTotalCount());
        }

        @Test
        @DisplayName("a frame the link model drops is not delivered, and the link's drop is traced")
        void linkDrops() {
            Probed a = spawn("c");
            Probed b = spawn("d");
            LinkTransit lossy = (frame, now, out) -> {
                out.accept(new TraceEvent.FrameDropped(now, "c:p0--d:p0", "c:p0", frame, DropReason.LINK_LOSS, "loss 100%"));
                return LinkTransit.LOST;
            };
            a.actor().tell(new DeviceActor.Bind(0, new PortLink.ToLocal(b.actor(), 0, lossy)));
            a.act((now, out) -> out.send(0, FakeDevice.stamped(1, now)));
            a.inputs().receiveMessage(WAIT);
            b.inputs().expectNoMessage(Duration.ofMillis(30));
            assertEquals(1, traces.count(t -> t.site().equals("seoul")
                    && t.event() instanceof TraceEvent.FrameDropped f && f.reason() == DropReason.LINK_LOSS));
        }

        @Test
        @DisplayName("a frame sent on a port without a link is traced as dropped (PORT_DOWN), never silently lost")
        void unboundPort() {
            Probed a = spawn("e");
            a.act((now, out) -> out.send(1, FakeDevice.stamped(1, now)));
            a.inputs().receiveMessage(WAIT);
            kit.createTestProbe().awaitAssert(Duration.ofSeconds(2), () -> {
                assertEquals(1, traces.count(t -> t.event() instanceof TraceEvent.FrameDropped f
                        && f.device().equals("e") && f.port().equals("p1") && f.reason() == DropReason.PORT_DOWN));
                return null;
            });
        }

        @Test
        @DisplayName("the core's trace events reach the sink with the site's name")
        void tracesCarryTheSite() {
            Probed a = spawn("f");
            TraceEvent note = new TraceEvent.Note(1, "f", "hello");
            a.act((now, out) -> out.trace(note));
            a.inputs().receiveMessage(WAIT);
            assertEquals(List.of(new SiteTrace("seoul", note)), traces.events());
        }
    }


    @Nested
    @DisplayName("lifecycle and carrier (the virtual engine's rules)")
    class Lifecycle {
        private ModelledLink link(String from, boolean aToB, long latency) {
            return new ModelledLink("a:p0--b:p0", from, aToB, io.firsthop.core.link.LinkConfig.ofLatency(latency),
                    new java.util.SplittableRandom(1));
        }

        /** a:p0 -- b:p0 with {@code latency}, both powered. */
        private Probed[] pair(String a, String b, long latency) {
            Probed pa = spawnPowered(a);
            Probed pb = spawnPowered(b);
            pa.actor().tell(new DeviceActor.Bind(0, new PortLink.ToLocal(pb.actor(), 0, link(a + ":p0", true, latency))));
            pb.actor().tell(new DeviceActor.Bind(0, new PortLink.ToLocal(pa.actor(), 0, link(b + ":p0", false, latency))));
            // powered on with no link, each was told "no carrier"; the binding gives it back: wait for that
            for (Probed p : List.of(pa, pb)) {
                while (!nextCarrier(p).input().equals(new DeviceInput.CarrierChanged(0, true))) {
                    // the power-on's "no carrier on port 0"
                }
            }
            return new Probed[] {pa, pb};
        }

        private FakeDevice.Seen nextCarrier(Probed p) {
            while (true) {
                FakeDevice.Seen s = p.inputs().receiveMessage(WAIT);
                if (s.input() instanceof DeviceInput.CarrierChanged c && c.port() == 0) return s;
            }
        }

        @Test
        @DisplayName("a frame reaching a device that is not running is dropped as DEVICE_DOWN, traced")
        void deviceDown() {
            Probed a = spawn("dd-a");
            Probed b = spawn("dd-b");
            a.actor().tell(new DeviceActor.Bind(0, new PortLink.ToLocal(b.actor(), 0, LinkTransit.fixedDelay(0))));
            a.act((now, out) -> out.send(0, FakeDevice.stamped(1, now)));
            kit.createTestProbe().awaitAssert(Duration.ofSeconds(2), () -> {
                assertEquals(1, traces.count(t -> t.event() instanceof TraceEvent.FrameDropped f && f.device().equals("dd-b")
                        && f.reason() == DropReason.DEVICE_DOWN));
                return null;
            });
        }

        @Test
        @DisplayName("a power-failure crash takes carrier from the peer's port; a restart gives it back; both are traced")
        void crashAndRestart() {
            Probed[] p = pair("cr-a", "cr-b", MS);
            p[0].actor().tell(new DeviceActor.CrashDevice(true));
            assertEquals(new DeviceInput.CarrierChanged(0, false), nextCarrier(p[1]).input());
            p[0].actor().tell(new DeviceActor.Restart());
            assertEquals(new DeviceInput.CarrierChanged(0, true), nextCarrier(p[1]).input());
            assertEquals(List.of("crash", "restart"), traces.events().stream().map(SiteTrace::event)
                    .filter(e -> e instanceof TraceEvent.DeviceEvent d && d.device().equals("cr-a") && !d.what().equals("power-on"))
                    .map(e -> ((TraceEvent.DeviceEvent) e).what()).toList());
        }

        @Test
        @DisplayName("a device that sends at power-on (an address owner's first advert, RFC 5798 §6.4.1) gives its peer carrier "
                + "before that frame arrives, even on a link with no latency")
        void restartTellsCarrierBeforeItsFirstFrame() {
            TestProbe<FakeDevice.Seen> seenByB = kit.createTestProbe();
            FakeDevice a = new FakeDevice("pf-a", 1, (seen, out) -> {
                if (seen.input() instanceof DeviceInput.PowerOn) out.send(0, FakeDevice.stamped(7, seen.now()));
            });
            FakeDevice b = new FakeDevice("pf-b", 1, (seen, out) -> seenByB.ref().tell(seen));
            ActorRef<DeviceActor.Command> actorA = kit.spawn(DeviceActor.create(a, site), "pf-a");
            ActorRef<DeviceActor.Command> actorB = kit.spawn(DeviceActor.create(b, site), "pf-b");
            actorB.tell(new DeviceActor.Inject(DeviceInput.POWER_ON));
            actorA.tell(new DeviceActor.Bind(0, new PortLink.ToLocal(actorB, 0, LinkTransit.fixedDelay(0))));
            actorB.tell(new DeviceActor.Bind(0, new PortLink.ToLocal(actorA, 0, LinkTransit.fixedDelay(0))));
            actorA.tell(new DeviceActor.CrashDevice(true));
            for (int round = 0; round < 20; round++) {
                actorA.tell(new DeviceActor.Restart());
                boolean carrier = false;
                while (true) {
                    FakeDevice.Seen s = seenByB.receiveMessage(WAIT);
                    if (s.input() instanceof DeviceInput.CarrierChanged(int port, boolean up) && port == 0) carrier = up;
                    if (s.input() instanceof DeviceInput.FrameArrived) {
                        assertTrue(carrier, "round " + round + ": the frame arrived on a port without carrier");
                        break;
                    }
                }
                actorA.tell(new DeviceActor.CrashDevice(true));
            }
        }

        @Test
        @DisplayName("a crash with carrier kept (hung control plane) leaves the peer's carrier up")
        void crashKeepingCarrier() {
            Probed[] p = pair("ck-a", "ck-b", MS);
            p[0].actor().tell(new DeviceActor.CrashDevice(false));
            p[0].actor().tell(new DeviceActor.Inject(new DeviceInput.AdminPortState(0, false)));
            // the admin-down comes after the crash: the only carrier news the peer gets is that one
            assertEquals(new DeviceInput.CarrierChanged(0, false), nextCarrier(p[1]).input());
            assertTrue(traces.count(t -> t.event() instanceof TraceEvent.DeviceEvent d && d.device().equals("ck-a")
                    && d.what().equals("crash (carrier kept)")) == 1);
        }

        @Test
        @DisplayName("a frame on the wire when the cable is cut is dropped as LINK_DOWN on arrival; both ends lose carrier")
        void cutWhileInFlight() {
            Probed[] p = pair("cut-a", "cut-b", 30 * MS);
            p[0].act((now, out) -> out.send(0, FakeDevice.stamped(9, now)));
            p[0].actor().tell(new DeviceActor.LinkChange(0, new DeviceActor.LinkOp.Cut()));
            p[1].actor().tell(new DeviceActor.LinkChange(0, new DeviceActor.LinkOp.Cut()));
            assertEquals(new DeviceInput.CarrierChanged(0, false), nextCarrier(p[1]).input());
            assertEquals(new DeviceInput.CarrierChanged(0, false), nextCarrier(p[0]).input());
            kit.createTestProbe().awaitAssert(Duration.ofSeconds(2), () -> {
                assertEquals(1, traces.count(t -> t.event() instanceof TraceEvent.FrameDropped f
                        && f.reason() == DropReason.LINK_DOWN && f.detail().contains("in flight")));
                return null;
            });
            assertTrue(p[1].device().seen().stream().noneMatch(s -> s.input() instanceof DeviceInput.FrameArrived));
        }

        @Test
        @DisplayName("an interface shut down is told to the device, its peer loses carrier, and frames sent on it are PORT_DOWN")
        void interfaceDown() {
            Probed[] p = pair("if-a", "if-b", MS);
            p[0].actor().tell(new DeviceActor.Inject(new DeviceInput.AdminPortState(0, false)));
            assertEquals(new DeviceInput.CarrierChanged(0, false), nextCarrier(p[1]).input());
            p[0].act((now, out) -> out.send(0, FakeDevice.stamped(1, now)));
            kit.createTestProbe().awaitAssert(Duration.ofSeconds(2), () -> {
                assertEquals(1, traces.count(t -> t.event() instanceof TraceEvent.FrameDropped f && f.device().equals("if-a")
                        && f.reason() == DropReason.PORT_DOWN));
                return null;
            });
            assertTrue(p[0].device().seen().stream().anyMatch(s -> s.input().equals(new DeviceInput.AdminPortState(0, false))),
                    "the device was not told its port is down");
        }
    }
}
