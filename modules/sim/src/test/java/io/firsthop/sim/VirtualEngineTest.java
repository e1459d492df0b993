package io.firsthop.sim;

import static io.firsthop.sim.FakeDevice.ECHO;
import static io.firsthop.sim.FakeDevice.frame;
import static io.firsthop.sim.FakeDevice.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.DeviceInput.AdminPortState;
import io.firsthop.core.DeviceInput.CarrierChanged;
import io.firsthop.core.DeviceInput.FrameArrived;
import io.firsthop.core.DeviceInput.TimerFired;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.trace.TraceEvent.DeviceEvent;
import io.firsthop.core.trace.TraceEvent.FrameDropped;
import io.firsthop.core.trace.TraceEvent.FrameReceived;
import io.firsthop.core.trace.TraceEvent.FrameSent;
import io.firsthop.core.trace.TraceEvent.LinkEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VirtualEngineTest {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    /** Two devices a:p0 -- l1 -- b:p0, each with a spare unconnected port p1. */
    static final class Pair {
        final VirtualEngine sim = new VirtualEngine(1);
        final FakeDevice a = new FakeDevice("a", "p0", "p1");
        final FakeDevice b = new FakeDevice("b", "p0", "p1");
        final TraceRecorder trace = new TraceRecorder();

        Pair(LinkConfig link) {
            sim.addDevice(a).addDevice(b).connect("l1", "a:p0", "b:p0", link).addTraceSink(trace);
        }
    }

    /** The CarrierChanged inputs a device got on {@code port}, as "time:up" strings. */
    static List<String> carrier(FakeDevice d, int port) {
        List<String> out = new ArrayList<>();
        for (FakeDevice.Seen s : d.seen(CarrierChanged.class)) {
            CarrierChanged c = (CarrierChanged) s.input();
            if (c.port() == port) out.add(s.at() + ":" + (c.up() ? "up" : "down"));
        }
        return out;
    }

    @Nested
    class Topology {
        final VirtualEngine sim = new VirtualEngine(1)
                .addDevice(new FakeDevice("r1", "ge0", "ge1"))
                .addDevice(new FakeDevice("r2", "ge0"));

        @Test
        @DisplayName("an endpoint naming an unknown device is rejected, naming the endpoint")
        void unknownDevice() {
            var e = assertThrows(IllegalArgumentException.class, () -> sim.connect("l1", "r1:ge0", "r9:ge0", LinkConfig.IDEAL));
            assertEquals("link 'l1': endpoint 'r9:ge0' names unknown device 'r9'", e.getMessage());
        }

        @Test
        @DisplayName("an endpoint naming an unknown port is rejected, listing the device's ports")
        void unknownPort() {
            var e = assertThrows(IllegalArgumentException.class, () -> sim.connect("l1", "r1:ge9", "r2:ge0", LinkConfig.IDEAL));
            assertEquals("link 'l1': endpoint 'r1:ge9': device 'r1' has no port 'ge9' (ports: [ge0, ge1])", e.getMessage());
        }

        @Test
        @DisplayName("a port takes at most one link")
        void portAlreadyConnected() {
            sim.connect("l1", "r1:ge0", "r2:ge0", LinkConfig.IDEAL);
            var e = assertThrows(IllegalArgumentException.class, () -> sim.connect("l2", "r1:ge1", "r2:ge0", LinkConfig.IDEAL));
            assertEquals("link 'l2': endpoint 'r2:ge0' is already connected by link 'l1'", e.getMessage());
        }

        @Test
        @DisplayName("a malformed endpoint and an endpoint linked to itself are rejected")
        void malformedAndSelf() {
            var e = assertThrows(IllegalArgumentException.class, () -> sim.connect("l1", "r1", "r2:ge0", LinkConfig.IDEAL));
            assertTrue(e.getMessage().contains("'r1' is not of the form \"device:port\""), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> sim.connect("l1", "r1:ge0", "r1:ge0", LinkConfig.IDEAL));
            assertTrue(e.getMessage().contains("connects endpoint 'r1:ge0' to itself"), e.getMessage());
        }

        @Test
        @DisplayName("device and link names are unique, and distinct from each other")
        void uniqueNames() {
            sim.connect("l1", "r1:ge0", "r2:ge0", LinkConfig.IDEAL);
            assertThrows(IllegalArgumentException.class, () -> sim.addDevice(new FakeDevice("r1", "x")));
            assertThrows(IllegalArgumentException.class, () -> sim.connect("l1", "r1:ge1", "r2:ge0", LinkConfig.IDEAL));
            assertThrows(IllegalArgumentException.class, () -> sim.addDevice(new FakeDevice("l1", "x")));
            assertThrows(IllegalArgumentException.class, () -> sim.connect("r2", "r1:ge1", "r2:ge0", LinkConfig.IDEAL));
            assertThrows(IllegalArgumentException.class, () -> sim.addDevice(new FakeDevice("bad:name", "x")));
        }

        @Test
        @DisplayName("failures naming unknown devices, links or ports are rejected at the call")
        void failuresValidateNames() {
            sim.connect("l1", "r1:ge0", "r2:ge0", LinkConfig.IDEAL);
            assertThrows(IllegalArgumentException.class, () -> sim.crash(5, "nope"));
            assertThrows(IllegalArgumentException.class, () -> sim.cutLink("l9"));
            var e = assertThrows(IllegalArgumentException.class, () -> sim.interfaceDown("r1", "ge7"));
            assertTrue(e.getMessage().contains("'r1:ge7'"), e.getMessage());
            assertEquals(3, sim.pendingEvents(), "only the two power-ons and the link's carrier refresh are pending");
        }
    }

    @Nested
    class ClockAndOrder {
        @Test
        @DisplayName("the clock starts at 0; runUntil runs events due at or before its limit and stops there")
        void runUntil() {
            VirtualEngine sim = new VirtualEngine(1);
            List<Long> ran = new ArrayList<>();
            sim.at(10, () -> ran.add(sim.now()));
            sim.at(20, () -> ran.add(sim.now()));
            sim.at(21, () -> ran.add(sim.now()));
            assertEquals(0, sim.now());
            sim.runUntil(20);
            assertEquals(List.of(10L, 20L), ran);
            assertEquals(20, sim.now());
            sim.run(5);
            assertEquals(List.of(10L, 20L, 21L), ran);
            assertEquals(25, sim.now());
        }

        @Test
        @DisplayName("events due at the same instant run in the order they were scheduled")
        void tiesInInsertionOrder() {
            VirtualEngine sim = new VirtualEngine(1);
            List<String> ran = new ArrayList<>();
            sim.at(5, () -> ran.add("first"));
            sim.at(3, () -> sim.at(5, () -> ran.add("third, scheduled later")));
            sim.at(5, () -> ran.add("second"));
            sim.run(10);
            assertEquals(List.of("first", "second", "third, scheduled later"), ran);
        }

        @Test
        @DisplayName("running backwards, scheduling in the past and running from inside the run are refused")
        void misuse() {
            VirtualEngine sim = new VirtualEngine(1);
            sim.run(100);
            assertThrows(IllegalArgumentException.class, () -> sim.runUntil(99));
            assertThrows(IllegalArgumentException.class, () -> sim.run(-1));
            assertThrows(IllegalArgumentException.class, () -> sim.at(50, () -> {}));
            sim.at(150, () -> sim.run(1));
            assertThrows(IllegalStateException.class, () -> sim.run(100));
        }

        @Test
        @DisplayName("two runs of 5 ms give the same trace as one run of 10 ms")
        void reentrant() {
            Pair once = pingPong();
            once.sim.run(10 * MS);
            Pair twice = pingPong();
            twice.sim.run(5 * MS);
            twice.sim.run(5 * MS);
            assertEquals(once.trace.events(), twice.trace.events());
            assertEquals(once.sim.eventsProcessed(), twice.sim.eventsProcessed());
        }

        private Pair pingPong() {
            Pair p = new Pair(LinkConfig.ofLatency(300 * US));
            p.a.behave(FakeDevice.periodicSender(MS));
            p.b.behave(ECHO);
            return p;
        }
    }

    @Nested
    class PowerOn {
        @Test
        @DisplayName("every device gets PowerOn at t = 0, in the order added, traced as power-on")
        void powerOnAtZero() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.run(0);
            assertEquals(new FakeDevice.Seen(0, DeviceInput.POWER_ON), p.a.seen().get(0));
            assertEquals(new FakeDevice.Seen(0, DeviceInput.POWER_ON), p.b.seen().get(0));
            assertEquals(List.of(new DeviceEvent(0, "a", "power-on"), new DeviceEvent(0, "b", "power-on")),
                    p.trace.ofType(DeviceEvent.class));
        }

        @Test
        @DisplayName("right after PowerOn, a device is told CarrierChanged(down) for unconnected ports only")
        void unconnectedPortsToldDown() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.run(0);
            assertEquals(List.of(), carrier(p.a, 0));
            assertEquals(List.of("0:down"), carrier(p.a, 1));
            assertEquals(List.of("0:down"), carrier(p.b, 1));
            assertTrue(p.sim.hasCarrier("a:p0"));
            assertFalse(p.sim.hasCarrier("a:p1"));
        }

        @Test
        @DisplayName("a device powering on later is off until then: its peer sees carrier down, then up")
        void laterPowerOn() {
            VirtualEngine sim = new VirtualEngine(1);
            FakeDevice a = new FakeDevice("a", "p0");
            FakeDevice b = new FakeDevice("b", "p0");
            sim.addDevice(a).addDevice(b, 2 * MS).connect("l1", "a:p0", "b:p0", LinkConfig.IDEAL);
            sim.run(5 * MS);
            assertEquals(2 * MS, b.seen().get(0).at());
            assertEquals(List.of("0:down", (2 * MS) + ":up"), carrier(a, 0));
            assertEquals(List.of(), carrier(b, 0));
        }

        @Test
        @DisplayName("a device added NOT_POWERED stays off until restarted")
        void notPowered() {
            VirtualEngine sim = new VirtualEngine(1);
            FakeDevice a = new FakeDevice("a", "p0");
            sim.addDevice(a, VirtualEngine.NOT_POWERED);
            sim.run(10 * MS);
            assertEquals(List.of(), a.seen());
            sim.restart("a");
            sim.run(1);
            assertEquals(new FakeDevice.Seen(10 * MS, DeviceInput.POWER_ON), a.seen().get(0));
        }
    }

    @Nested
    class Frames {
        @Test
        @DisplayName("a frame arrives exactly one latency later on the peer's port, with FrameSent and FrameReceived traced")
        void deliveryAtLatency() {
            Pair p = new Pair(LinkConfig.ofLatency(250 * US));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(7));
            });
            p.sim.run(MS);
            List<FakeDevice.Seen> arrived = p.b.seen(FrameArrived.class);
            assertEquals(List.of(new FakeDevice.Seen(250 * US, new FrameArrived(0, frame(7)))), arrived);
            assertEquals(List.of(new FrameSent(0, "a", "p0", frame(7))), p.trace.ofType(FrameSent.class));
            assertEquals(List.of(new FrameReceived(250 * US, "b", "p0", frame(7))), p.trace.ofType(FrameReceived.class));
        }

        @Test
        @DisplayName("a sink that does not ask for frame events gets none, but still gets drops and device events")
        void frameEventsOnlyOnRequest() {
            Pair p = new Pair(LinkConfig.ofLatency(MS));
            TraceRecorder quiet = new TraceRecorder(false);
            p.sim.addTraceSink(quiet);
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.send(0, frame(1));
                    out.send(1, frame(2));
                }
            });
            p.sim.run(2 * MS);
            assertEquals(0, quiet.ofType(FrameSent.class).size() + quiet.ofType(FrameReceived.class).size());
            assertEquals(1, quiet.ofType(FrameDropped.class).size());
            assertEquals(2, quiet.ofType(DeviceEvent.class).size());
            assertEquals(1, p.trace.ofType(FrameSent.class).size());
        }

        @Test
        @DisplayName("sending on an unconnected or non-existent port drops PORT_DOWN at the sender")
        void unconnectedPort() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.send(1, frame(1));
                    out.send(9, frame(2));
                }
            });
            p.sim.run(MS);
            assertEquals(List.of(
                    new FrameDropped(0, "a", "p1", frame(1), DropReason.PORT_DOWN, "no link"),
                    new FrameDropped(0, "a", "port9", frame(2), DropReason.PORT_DOWN, "no such port")),
                    p.trace.ofType(FrameDropped.class));
            assertEquals(List.of(), p.trace.ofType(FrameSent.class), "a frame with nowhere to go was not sent");
        }

        @Test
        @DisplayName("a frame the link loses is traced LINK_LOSS by the link, with the sending endpoint as port")
        void linkLoss() {
            Pair p = new Pair(LinkConfig.IDEAL.withLoss(1.0));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(3));
            });
            p.sim.run(MS);
            assertEquals(List.of(new FrameDropped(0, "l1", "a:p0", frame(3), DropReason.LINK_LOSS, "lost on the wire")),
                    p.trace.ofType(FrameDropped.class));
            assertEquals(List.of(), p.b.seen(FrameArrived.class));
        }

        @Test
        @DisplayName("a rate-limited link serializes by the engine's frame length; a full queue tail-drops QUEUE_FULL")
        void rateAndQueue() {
            Pair p = new Pair(LinkConfig.ofLatency(MS).withRate(1_000_000).withQueueLimit(2));
            p.sim.setFrameLength(f -> 1250); // 10 000 bits at 1 Mbit/s: 10 ms each
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    for (int i = 0; i < 3; i++) out.send(0, frame(i));
                }
            });
            p.sim.run(100 * MS);
            assertEquals(List.of(11 * MS, 21 * MS), p.b.seen(FrameArrived.class).stream().map(FakeDevice.Seen::at).toList());
            assertEquals(List.of(new FrameDropped(0, "l1", "a:p0", frame(2), DropReason.QUEUE_FULL, "transmit queue full")),
                    p.trace.ofType(FrameDropped.class));
        }

        @Test
        @DisplayName("without a frame-length function the engine's estimate is used: 64 bytes at 512 kbit/s take 1 ms")
        void defaultFrameLength() {
            Pair p = new Pair(LinkConfig.IDEAL.withRate(512_000));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(0));
            });
            p.sim.run(10 * MS);
            assertEquals(MS, p.b.seen(FrameArrived.class).get(0).at());
        }

        @Test
        @DisplayName("an exception inside a device surfaces with the device's name and the time")
        void deviceFailureNamed() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.b.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) throw new IllegalStateException("boom");
            });
            var e = assertThrows(IllegalStateException.class, () -> p.sim.run(MS));
            assertTrue(e.getMessage().startsWith("device 'b' failed handling PowerOn[] at 0 ns"), e.getMessage());
        }
    }

    @Nested
    class Timers {
        final VirtualEngine sim = new VirtualEngine(1);
        final FakeDevice d = new FakeDevice("d", "p0");

        List<Long> firings(Object key) {
            return d.seen(TimerFired.class).stream().filter(s -> ((TimerFired) s.input()).key().equals(key))
                    .map(FakeDevice.Seen::at).toList();
        }

        @Test
        @DisplayName("a timer fires once, at its deadline, with its key")
        void firesAtDeadline() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.armTimer("t", 3 * MS);
            });
            sim.addDevice(d).run(10 * MS);
            assertEquals(List.of(3 * MS), firings("t"));
        }

        @Test
        @DisplayName("re-arming moves the timer, later or earlier; the old deadline does not fire")
        void rearmMoves() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.armTimer("later", 3 * MS);
                    out.armTimer("later", 5 * MS);
                    out.armTimer("earlier", 6 * MS);
                    out.armTimer("earlier", 2 * MS);
                }
            });
            sim.addDevice(d).run(10 * MS);
            assertEquals(List.of(5 * MS), firings("later"));
            assertEquals(List.of(2 * MS), firings("earlier"));
        }

        @Test
        @DisplayName("a cancelled timer never fires; cancelling an unknown key is harmless")
        void cancel() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.armTimer("t", 3 * MS);
                    out.cancelTimer("t");
                    out.cancelTimer("never armed");
                }
            });
            sim.addDevice(d).run(10 * MS);
            assertEquals(List.of(), d.seen(TimerFired.class));
        }

        @Test
        @DisplayName("a timer re-armed 10 000 times fires once; its stale entries are skipped")
        void manyRearms() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    for (int i = 1; i <= 10_000; i++) out.armTimer("t", i * US);
                }
            });
            sim.addDevice(d).run(20 * MS);
            assertEquals(List.of(10_000 * US), firings("t"));
            assertEquals(0, sim.pendingEvents());
        }

        @Test
        @DisplayName("a timer moved later keeps the place it took when re-armed among events due at the same instant")
        void movedTimerKeepsItsPlace() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.armTimer("t", 5 * MS);
                    out.armTimer("poke", MS);
                    out.armTimer("poke2", 2 * MS);
                } else if (in instanceof TimerFired f && f.key().equals("poke")) {
                    out.armTimer("t", 10 * MS);
                } else if (in instanceof TimerFired f && f.key().equals("poke2")) {
                    out.armTimer("other", 10 * MS);
                }
            });
            sim.addDevice(d).run(20 * MS);
            List<Object> at10 = d.seen(TimerFired.class).stream().filter(s -> s.at() == 10 * MS)
                    .map(s -> ((TimerFired) s.input()).key()).toList();
            assertEquals(List.of("t", "other"), at10, "t was re-armed at 1 ms, other armed at 2 ms");
            assertEquals(List.of(), firings("t").stream().filter(at -> at == 5 * MS).toList());
        }

        @Test
        @DisplayName("a deadline already past fires at once, after the current event")
        void pastDeadline() {
            sim.run(5 * MS);
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.armTimer("t", MS);
            });
            sim.addDevice(d).run(MS);
            assertEquals(List.of(5 * MS), firings("t"));
        }

        @Test
        @DisplayName("a timer re-armed from its own firing is periodic; timers due together fire in arming order")
        void periodicAndTies() {
            d.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) {
                    out.armTimer("tick", now + MS);
                    out.armTimer("b", 2 * MS);
                    out.armTimer("a", 2 * MS);
                } else if (in instanceof TimerFired t && t.key().equals("tick")) {
                    out.armTimer("tick", now + MS);
                }
            });
            sim.addDevice(d).run(3 * MS + 1);
            assertEquals(List.of(MS, 2 * MS, 3 * MS), firings("tick"));
            List<Object> at2 = d.seen(TimerFired.class).stream().filter(s -> s.at() == 2 * MS)
                    .map(s -> ((TimerFired) s.input()).key()).toList();
            assertEquals(List.of("b", "a", "tick"), at2, "tick was re-armed for 2 ms at 1 ms, after a and b");
        }
    }

    @Nested
    class DeviceFailures {
        @Test
        @DisplayName("crash: traced, a silent Crash input, timers dropped, and the neighbour sees carrier down at once")
        void crash() {
            Pair p = new Pair(LinkConfig.ofLatency(100 * US));
            p.a.behave(FakeDevice.periodicSender(MS));
            p.sim.crash(2_500 * US, "a");
            p.sim.run(10 * MS);
            assertEquals(List.of(MS, 2 * MS), p.a.seen(TimerFired.class).stream().map(FakeDevice.Seen::at).toList());
            assertEquals(new FakeDevice.Seen(2_500 * US, DeviceInput.CRASH), p.a.seen().get(p.a.seen().size() - 1));
            assertEquals(List.of((2_500 * US) + ":down"), carrier(p.b, 0));
            assertEquals(new DeviceEvent(2_500 * US, "a", "crash"), p.trace.ofType(DeviceEvent.class, "a").get(1));
            assertFalse(p.sim.hasCarrier("b:p0"));
        }

        @Test
        @DisplayName("a frame due at a crashed device is dropped DEVICE_DOWN at the receiver")
        void frameToCrashedDevice() {
            Pair p = new Pair(LinkConfig.ofLatency(MS));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(5));
            });
            p.sim.crash(500 * US, "b");
            p.sim.run(5 * MS);
            assertEquals(List.of(new FrameDropped(MS, "b", "p0", frame(5), DropReason.DEVICE_DOWN, "device not running")),
                    p.trace.ofType(FrameDropped.class));
        }

        @Test
        @DisplayName("crash keeping carrier (a hung device): neighbours see no carrier change")
        void crashKeepingCarrier() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.crash(MS, "a", false);
            p.sim.run(5 * MS);
            assertEquals(List.of(), carrier(p.b, 0));
            assertTrue(p.sim.hasCarrier("b:p0"));
            assertEquals(new DeviceEvent(MS, "a", "crash (carrier kept)"), p.trace.ofType(DeviceEvent.class, "a").get(1));
        }

        @Test
        @DisplayName("shutdown: the goodbye sent while shutting down reaches the neighbour before its carrier goes down")
        void gracefulShutdown() {
            Pair p = new Pair(LinkConfig.ofLatency(300 * US));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.armTimer("t", 5 * MS);
                if (in instanceof DeviceInput.Shutdown) out.send(0, frame(0xB1E));
            });
            p.sim.shutdown(MS, "a");
            p.sim.run(10 * MS);
            assertEquals(List.of(), p.a.seen(TimerFired.class), "timers dropped");
            List<FakeDevice.Seen> bSeen = p.b.seen().stream()
                    .filter(s -> s.input() instanceof FrameArrived || s.input() instanceof CarrierChanged c && c.port() == 0).toList();
            assertEquals(List.of(
                    new FakeDevice.Seen(1_300 * US, new FrameArrived(0, frame(0xB1E))),
                    new FakeDevice.Seen(1_300 * US, new CarrierChanged(0, false))), bSeen);
        }

        @Test
        @DisplayName("shutdown with nothing to say drops carrier at once")
        void silentShutdown() {
            Pair p = new Pair(LinkConfig.ofLatency(300 * US));
            p.sim.shutdown(MS, "a");
            p.sim.run(10 * MS);
            assertEquals(List.of(MS + ":down"), carrier(p.b, 0));
            assertEquals(new DeviceEvent(MS, "a", "shutdown"), p.trace.ofType(DeviceEvent.class, "a").get(1));
        }

        @Test
        @DisplayName("restart after a crash: PowerOn again, and the neighbour sees carrier come back")
        void restart() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.crash(MS, "a");
            p.sim.restart(3 * MS, "a");
            p.sim.run(5 * MS);
            assertEquals(List.of(0L, 3 * MS), p.a.seen(DeviceInput.PowerOn.class).stream().map(FakeDevice.Seen::at).toList());
            assertEquals(List.of(MS + ":down", (3 * MS) + ":up"), carrier(p.b, 0));
            assertEquals(List.of("power-on", "crash", "restart"),
                    p.trace.ofType(DeviceEvent.class, "a").stream().map(DeviceEvent::what).toList());
            assertTrue(p.a.running());
        }

        @Test
        @DisplayName("a restart cancels a shutdown's pending carrier loss")
        void restartDuringShutdownDrain() {
            Pair p = new Pair(LinkConfig.ofLatency(2 * MS));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.Shutdown) out.send(0, frame(1));
            });
            p.sim.shutdown(MS, "a");
            p.sim.restart(2 * MS, "a");
            p.sim.run(10 * MS);
            assertEquals(List.of(), carrier(p.b, 0));
        }

        @Test
        @DisplayName("a command reaches the device as a Command input, traced")
        void command() {
            record SetPriority(int priority) implements DeviceCommand {}
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.command(2 * MS, "b", new SetPriority(90));
            p.sim.run(5 * MS);
            assertEquals(new FakeDevice.Seen(2 * MS, new DeviceInput.Command(new SetPriority(90))), p.b.seen().get(p.b.seen().size() - 1));
            assertEquals(new DeviceEvent(2 * MS, "b", "command SetPriority[priority=90]"), p.trace.ofType(DeviceEvent.class, "b").get(1));
        }
    }

    @Nested
    class Interfaces {
        @Test
        @DisplayName("interface down: AdminPortState to the device, carrier down to the peer; up reverses both")
        void downAndUp() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.interfaceDown(MS, "a", "p0");
            p.sim.interfaceUp(3 * MS, "a", "p0");
            p.sim.run(5 * MS);
            assertEquals(List.of(new FakeDevice.Seen(MS, new AdminPortState(0, false)), new FakeDevice.Seen(3 * MS, new AdminPortState(0, true))),
                    p.a.seen(AdminPortState.class));
            assertEquals(List.of(), carrier(p.a, 0), "the device knows from AdminPortState");
            assertEquals(List.of(MS + ":down", (3 * MS) + ":up"), carrier(p.b, 0));
            assertEquals(List.of("power-on", "interface-down p0", "interface-up p0"),
                    p.trace.ofType(DeviceEvent.class, "a").stream().map(DeviceEvent::what).toList());
        }

        @Test
        @DisplayName("frames sent from, or arriving at, an administratively down port are dropped PORT_DOWN")
        void adminDownDrops() {
            Pair p = new Pair(LinkConfig.ofLatency(MS));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.armTimer("t", 2 * MS);
                if (in instanceof TimerFired) out.send(0, frame(2));
            });
            p.b.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(1));
            });
            p.sim.interfaceDown(500 * US, "a", "p0");
            p.sim.run(5 * MS);
            assertEquals(List.of(
                    new FrameDropped(MS, "a", "p0", frame(1), DropReason.PORT_DOWN, "port administratively down"),
                    new FrameDropped(2 * MS, "a", "p0", frame(2), DropReason.PORT_DOWN, "port administratively down")),
                    p.trace.ofType(FrameDropped.class));
        }

        @Test
        @DisplayName("administrative down survives a restart: AdminPortState(down) follows the new PowerOn")
        void adminStateSurvivesRestart() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.interfaceDown(MS, "a", "p0");
            p.sim.restart(2 * MS, "a");
            p.sim.run(3 * MS);
            List<FakeDevice.Seen> after = p.a.seen().stream().filter(s -> s.at() == 2 * MS).toList();
            assertEquals(List.of(new FakeDevice.Seen(2 * MS, DeviceInput.POWER_ON), new FakeDevice.Seen(2 * MS, new AdminPortState(0, false))),
                    after.subList(0, 2));
            assertFalse(p.sim.hasCarrier("b:p0"));
        }
    }

    @Nested
    class Links {
        @Test
        @DisplayName("cut: both ends see carrier down at once; a frame in flight is lost LINK_DOWN when it was due")
        void cut() {
            Pair p = new Pair(LinkConfig.ofLatency(2 * MS));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(9));
            });
            p.sim.cutLink(MS, "l1");
            p.sim.run(5 * MS);
            assertEquals(List.of(MS + ":down"), carrier(p.a, 0));
            assertEquals(List.of(MS + ":down"), carrier(p.b, 0));
            assertEquals(List.of(new FrameDropped(2 * MS, "l1", "a:p0", frame(9), DropReason.LINK_DOWN,
                    "link cut while the frame was in flight")), p.trace.ofType(FrameDropped.class));
            assertEquals(List.of(new LinkEvent(MS, "l1", "cut")), p.trace.ofType(LinkEvent.class));
            assertFalse(p.sim.linkConfig("l1").up());
        }

        @Test
        @DisplayName("restore: both ends see carrier up, frames flow again; frames cut earlier stay lost")
        void restore() {
            Pair p = new Pair(LinkConfig.ofLatency(2 * MS));
            p.a.behave((self, in, now, out) -> {
                if (in instanceof DeviceInput.PowerOn) out.send(0, frame(1));
                if (in instanceof CarrierChanged c && c.up()) out.send(0, frame(2));
            });
            p.sim.cutLink(MS, "l1");
            p.sim.restoreLink(MS + 1, "l1");
            p.sim.run(10 * MS);
            assertEquals(List.of(MS + ":down", (MS + 1) + ":up"), carrier(p.b, 0));
            assertEquals(List.of(2), p.b.seen(FrameArrived.class).stream().map(s -> tagOf(((FrameArrived) s.input()).frame())).toList());
            assertEquals(List.of("cut", "restore"), p.trace.ofType(LinkEvent.class).stream().map(LinkEvent::what).toList());
        }

        @Test
        @DisplayName("sending on a cut link drops LINK_DOWN at once")
        void sendOnCutLink() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.a.behave((self, in, now, out) -> {
                if (in instanceof TimerFired) out.send(0, frame(4));
                if (in instanceof DeviceInput.PowerOn) out.armTimer("t", 2 * MS);
            });
            p.sim.cutLink(MS, "l1");
            p.sim.run(5 * MS);
            assertEquals(List.of(new FrameDropped(2 * MS, "l1", "a:p0", frame(4), DropReason.LINK_DOWN, "link down")),
                    p.trace.ofType(FrameDropped.class));
        }

        @Test
        @DisplayName("impair changes the latency of frames sent afterwards, and is traced")
        void impair() {
            Pair p = new Pair(LinkConfig.ofLatency(MS));
            p.a.behave(FakeDevice.periodicSender(10 * MS));
            p.sim.impair(15 * MS, "l1", LinkConfig.ofLatency(3 * MS));
            p.sim.run(30 * MS);
            assertEquals(List.of(11 * MS, 23 * MS), p.b.seen(FrameArrived.class).stream().map(FakeDevice.Seen::at).toList());
            assertEquals(List.of(new LinkEvent(15 * MS, "l1", "impair " + LinkConfig.ofLatency(3 * MS))), p.trace.ofType(LinkEvent.class));
        }

        @Test
        @DisplayName("impairing a link down and up again acts as cut and restore")
        void impairDownUp() {
            Pair p = new Pair(LinkConfig.IDEAL);
            p.sim.impair(MS, "l1", LinkConfig.IDEAL.withUp(false));
            p.sim.impair(2 * MS, "l1", LinkConfig.IDEAL);
            p.sim.run(3 * MS);
            assertEquals(List.of(MS + ":down", (2 * MS) + ":up"), carrier(p.a, 0));
        }

        @Test
        @DisplayName("a link connected between runs brings carrier up on both running ends")
        void connectLater() {
            VirtualEngine sim = new VirtualEngine(1);
            FakeDevice a = new FakeDevice("a", "p0");
            FakeDevice b = new FakeDevice("b", "p0");
            sim.addDevice(a).addDevice(b).run(MS);
            sim.connect("l1", "a:p0", "b:p0", LinkConfig.IDEAL);
            sim.run(MS);
            assertEquals(List.of("0:down", (MS) + ":up"), carrier(a, 0));
            assertEquals(List.of("0:down", (MS) + ":up"), carrier(b, 0));
        }
    }

    @Test
    @DisplayName("trace events emitted by devices reach the sinks unchanged")
    void deviceTraces() {
        Pair p = new Pair(LinkConfig.IDEAL);
        TraceEvent note = new TraceEvent.Note(0, "a", "hello");
        p.a.behave((self, in, now, out) -> {
            if (in instanceof DeviceInput.PowerOn) out.trace(note);
        });
        p.sim.run(0);
        assertEquals(List.of(note), p.trace.ofType(TraceEvent.Note.class));
        assertInstanceOf(DeviceEvent.class, p.trace.forDevice("a").get(0));
        assertEquals(note, p.trace.first(TraceEvent.Note.class, "a").orElseThrow());
        assertEquals(1, p.trace.count(TraceEvent.Note.class, "a"));
        assertEquals(0, p.trace.count(TraceEvent.Note.class, "b"));
    }
}
