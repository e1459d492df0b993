package io.firsthop.core.hsrp;

import static io.firsthop.core.hsrp.CoreRig.CISCO;
import static io.firsthop.core.hsrp.CoreRig.HIGHER_IP;
import static io.firsthop.core.hsrp.CoreRig.LOWER_IP;
import static io.firsthop.core.hsrp.CoreRig.MS;
import static io.firsthop.core.hsrp.CoreRig.OWN;
import static io.firsthop.core.hsrp.CoreRig.SECOND;
import static io.firsthop.core.hsrp.CoreRig.T0;
import static io.firsthop.core.hsrp.CoreRig.VIP;
import static io.firsthop.core.hsrp.CoreRig.pdu;
import static io.firsthop.core.hsrp.CoreRig.v1;
import static io.firsthop.core.hsrp.CoreRig.v2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.hsrp.HsrpOutput.SendCoup;
import io.firsthop.core.hsrp.HsrpOutput.SendGratuitousArp;
import io.firsthop.core.hsrp.HsrpOutput.SendHello;
import io.firsthop.core.hsrp.HsrpOutput.SendResign;
import io.firsthop.core.hsrp.HsrpOutput.StateChanged;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 2281 §5.7's state table, cell by cell, on one core driven with explicit times. Cells are
 * named (event, state): actions/next state, with the events of §5.5 and the actions of §5.6.
 */
class HsrpRouterTest {

    @Nested
    @DisplayName("Initial")
    class Initial {
        @Test
        @DisplayName("RFC 2281 §5.7 (a, Initial): AB/3 - with the virtual IP configured, Listen, both timers at the Holdtime (10 s)")
        void startupWithVirtualIpListens() {
            CoreRig r = CoreRig.initial(v1());
            r.at(T0, new HsrpInput.Startup(OWN));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals("AB", r.actions());
            assertEquals(T0 + 10 * SECOND, r.deadline(HsrpTimer.ACTIVE));
            assertEquals(T0 + 10 * SECOND, r.deadline(HsrpTimer.STANDBY));
            assertEquals(T0 + 3 * SECOND, r.deadline(HsrpTimer.HELLO), "RFC 2281 §5.4: the Hello timer runs once per Hellotime");
            assertEquals("startup", r.only(StateChanged.class).cause());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (a, Initial) note +: AB/2 - without a virtual IP, Learn")
        void startupWithoutVirtualIpLearns() {
            CoreRig r = CoreRig.initial(v1().withVirtualIp(null));
            r.at(T0, new HsrpInput.Startup(OWN));
            assertEquals(List.of(HsrpState.LEARN), r.transitions());
            assertEquals("AB", r.actions());
            assertNull(r.router.virtualIp());
        }

        @Test
        @DisplayName("RFC 2281 §5.4: configured millisecond timers (v2, hello 300 ms, hold 1 s) set the timers to the millisecond")
        void millisecondTimers() {
            CoreRig r = CoreRig.initial(v2().withTimers(HsrpTimers.millis(300, 1000)));
            r.at(T0, new HsrpInput.Startup(OWN));
            assertEquals(T0 + 1000 * MS, r.deadline(HsrpTimer.ACTIVE));
            assertEquals(T0 + 300 * MS, r.deadline(HsrpTimer.HELLO));
        }

        @Test
        @DisplayName("RFC 2281 §5.3 Initial: HSRP is not running - messages are ignored, shutdown does nothing")
        void notRunning() {
            CoreRig r = CoreRig.initial(v1());
            assertTrue(r.at(T0, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150)).isEmpty());
            assertTrue(r.at(T0, new HsrpInput.CoupReceived(HIGHER_IP, pdu(HsrpState.SPEAK, 150))).isEmpty());
            assertTrue(r.at(T0, new HsrpInput.ResignReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150))).isEmpty());
            assertTrue(r.at(T0, HsrpInput.SHUTDOWN).isEmpty());
            r.expectState(HsrpState.INITIAL);
        }
    }

    @Nested
    @DisplayName("Learn")
    class Learn {
        @Test
        @DisplayName("RFC 2281 §5.7 (g, Learn): EAB/3 - learns the virtual IP from a higher-priority Active's hello and listens")
        void learnsFromHigherActive() {
            CoreRig r = CoreRig.learn(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 3000, 7000)));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals("AB", r.actions());
            assertEquals(VIP, r.router.virtualIp());
            assertEquals(T0 + 8 * SECOND, r.deadline(HsrpTimer.ACTIVE), "A: the Holdtime field of the Active's hello");
            assertEquals(T0 + SECOND + 7 * SECOND, r.deadline(HsrpTimer.STANDBY), "B: the Holdtime in use, learned just before");
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Learn): EAB/3 - a lower-priority Active teaches the virtual IP too")
        void learnsFromLowerActive() {
            CoreRig r = CoreRig.learn(v1());
            r.at(T0 + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals(VIP, r.router.virtualIp());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (c|d|e, Learn) are empty: with no Active heard, the router keeps waiting and sends nothing")
        void waitsForTheActive() {
            CoreRig r = CoreRig.learn(v1());
            r.fire(HsrpTimer.HELLO);
            assertFalse(r.sent(SendHello.class));
            r.fire(HsrpTimer.ACTIVE);
            r.fire(HsrpTimer.STANDBY);
            assertTrue(r.transitions().isEmpty());
            r.expectState(HsrpState.LEARN);
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (k, Learn) is empty: a Standby's hello does not teach the virtual IP")
        void standbyHelloTeachesNothing() {
            CoreRig r = CoreRig.learn(v1());
            r.at(T0 + SECOND, r.helloFrom(HIGHER_IP, HsrpState.STANDBY, 150));
            assertTrue(r.out.isEmpty());
            assertNull(r.router.virtualIp());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (b, Learn): CD/1")
        void shutdown() {
            CoreRig r = CoreRig.learn(v1());
            r.at(T0 + SECOND, HsrpInput.SHUTDOWN);
            assertEquals(List.of(HsrpState.INITIAL), r.transitions());
            assertEquals("CD", r.actions());
            assertFalse(r.running(HsrpTimer.HELLO));
        }
    }

    @Nested
    @DisplayName("Listen")
    class Listen {
        @Test
        @DisplayName("RFC 2281 §5.7 (c, Listen): AB/4 - no Active heard for a Holdtime: Speak")
        void activeTimerExpiry() {
            CoreRig r = CoreRig.listen(v1());
            r.fire(HsrpTimer.ACTIVE);
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("AB", r.actions());
            assertEquals(r.now + 10 * SECOND, r.deadline(HsrpTimer.ACTIVE));
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (d, Listen): B/4 - no Standby heard for a Holdtime: Speak")
        void standbyTimerExpiry() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + 2 * SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.fire(HsrpTimer.STANDBY);
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("B", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (e, Listen) is empty: a listener sends no hellos")
        void listenerIsSilent() {
            CoreRig r = CoreRig.listen(v1());
            r.fire(HsrpTimer.HELLO);
            assertFalse(r.sent(SendHello.class));
            assertEquals(T0 + 6 * SECOND, r.deadline(HsrpTimer.HELLO));
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (g, Listen): EA - the Active timer runs for the Holdtime of the Active's hello")
        void higherActiveHello() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 2000, 7000)));
            assertEquals("A", r.actions());
            assertEquals(T0 + 8 * SECOND, r.deadline(HsrpTimer.ACTIVE));
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Listen) note *: without preemption (the default) A only - a higher-priority router stays quiet")
        void lowerActiveWithoutPreempt() {
            CoreRig r = CoreRig.listen(v1().withPriority(200));
            r.at(T0 + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 100));
            assertEquals("A", r.actions());
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Listen) note *: with preemption BGFI/6 - Coup, Hello saying Active, gratuitous ARP")
        void lowerActiveWithPreempt() {
            CoreRig r = CoreRig.listen(v1().withPriority(200).withPreempt(true));
            r.at(T0 + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 100));
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("BFGI", r.actions());
            assertEquals("preempted", r.only(StateChanged.class).cause());
            assertEquals(HsrpState.LISTEN, r.only(SendCoup.class).pdu().state(), "a Coup says the state the router leaves");
            assertEquals(HsrpState.ACTIVE, r.only(SendHello.class).pdu().state());
            assertEquals(VIP, r.only(SendGratuitousArp.class).virtualIp());
            assertTrue(r.out.indexOf(r.only(SendCoup.class)) < r.out.indexOf(r.only(SendHello.class)), "the Coup goes first");
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (i, Listen): AB/4 - the Active resigned: Speak")
        void resign() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.at(T0 + 2 * SECOND, new HsrpInput.ResignReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150)));
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("AB", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (k, Listen): B - the Standby timer runs for the Holdtime of the Standby's hello")
        void higherStandbyHello() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.STANDBY, 150, 3000, 8000)));
            assertEquals("B", r.actions());
            assertEquals(T0 + 9 * SECOND, r.deadline(HsrpTimer.STANDBY));
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (l, Listen): B/4 - a lower-priority Standby is challenged: Speak")
        void lowerStandbyHello() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, r.helloFrom(LOWER_IP, HsrpState.STANDBY, 50));
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("B", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (f, Listen) is empty: a higher-priority Speak router does not move a listener")
        void higherSpeakHello() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, r.helloFrom(HIGHER_IP, HsrpState.SPEAK, 150));
            assertTrue(r.out.isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (b, Listen): CD/1")
        void shutdown() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, HsrpInput.SHUTDOWN);
            assertEquals(List.of(HsrpState.INITIAL), r.transitions());
            assertEquals("CD", r.actions());
            assertFalse(r.sent(SendResign.class));
        }
    }

    @Nested
    @DisplayName("Speak")
    class Speak {
        @Test
        @DisplayName("RFC 2281 §5.7 (e, Speak): F - a hello with state Speak and the timers, priority, password and virtual IP in use")
        void hello() {
            CoreRig r = CoreRig.speak(v1().withPriority(120));
            r.fire(HsrpTimer.HELLO);
            assertEquals(new HsrpPdu(HsrpState.SPEAK, 3000, 10_000, 120, CISCO, VIP), r.only(SendHello.class).pdu());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (d, Speak): D/5 - no Standby heard for a Holdtime: Standby")
        void standbyTimerExpiry() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.deadline(HsrpTimer.STANDBY) - SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.fire(HsrpTimer.STANDBY);
            assertEquals(List.of(HsrpState.STANDBY), r.transitions());
            assertEquals("", r.actions(), "D stops a timer that just expired: nothing left to cancel");
            assertFalse(r.running(HsrpTimer.STANDBY));
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (f, Speak): B/3 - a higher-priority speaker wins: Listen")
        void higherSpeaker() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.SPEAK, 150));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals("B", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.1 Priority: equal priorities - the higher IP address wins, the lower is no event")
        void tieBrokenByAddress() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.SPEAK, 100));
            assertTrue(r.out.isEmpty());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.SPEAK, 100));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (k, Speak): B/3 - a higher-priority Standby exists: Listen")
        void higherStandby() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.STANDBY, 150));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals("B", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (l, Speak): D/5 - a lower-priority Standby is replaced: Standby")
        void lowerStandby() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.STANDBY, 50));
            assertEquals(List.of(HsrpState.STANDBY), r.transitions());
            assertEquals("D", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (g, Speak): EA")
        void higherActive() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals("A", r.actions());
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (i, Speak): A - the Active resigned; stay Speak")
        void resign() {
            CoreRig r = CoreRig.speak(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.at(r.now + SECOND, new HsrpInput.ResignReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150)));
            assertEquals("A", r.actions());
            assertEquals(r.now + 10 * SECOND, r.deadline(HsrpTimer.ACTIVE), "A with the Holdtime in use");
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Speak) note *: with preemption BGFI/6")
        void lowerActiveWithPreempt() {
            CoreRig r = CoreRig.speak(v1().withPreempt(true));
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("BFGI", r.actions());
        }

        @Test
        @DisplayName("Lone router, Active timer first: (c, Speak) is empty, the lapse counts on entering Standby - Active at 2 Holdtimes")
        void loneRouterActiveTimerFirst() {
            CoreRig r = CoreRig.speak(v1());
            long both = r.deadline(HsrpTimer.ACTIVE);
            assertEquals(both, r.deadline(HsrpTimer.STANDBY), "AB/4 started both timers together");
            r.fire(HsrpTimer.ACTIVE);
            assertTrue(r.transitions().isEmpty());
            r.fire(HsrpTimer.STANDBY);
            assertEquals(List.of(HsrpState.STANDBY, HsrpState.ACTIVE), r.transitions());
            assertEquals(T0 + 20 * SECOND, r.now);
            assertEquals(HsrpState.ACTIVE, r.only(SendHello.class).pdu().state());
            assertEquals(VIP, r.only(SendGratuitousArp.class).virtualIp());
        }

        @Test
        @DisplayName("Lone router, Standby timer first: D/5, then (c, Standby): CDFI/6 - the same instant, the same result")
        void loneRouterStandbyTimerFirst() {
            CoreRig r = CoreRig.speak(v1());
            r.fire(HsrpTimer.STANDBY);
            assertEquals(List.of(HsrpState.STANDBY), r.transitions());
            r.fire(HsrpTimer.ACTIVE);
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals(T0 + 20 * SECOND, r.now);
        }
    }

    @Nested
    @DisplayName("Standby")
    class Standby {
        @Test
        @DisplayName("RFC 2281 §5.7 (c, Standby): CDFI/6 - a crashed Active is replaced exactly one Holdtime (10 s) after its last hello")
        void takeoverAtHoldTime() {
            CoreRig r = CoreRig.standby(v1());
            long lastHello = r.now + 2 * SECOND;
            r.at(lastHello, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals(lastHello + 10 * SECOND, r.deadline(HsrpTimer.ACTIVE));
            r.at(lastHello + 10 * SECOND - 1, HsrpInput.ACTIVE_TIMER_EXPIRED);
            assertTrue(r.out.isEmpty(), "one nanosecond early is not an expiry");
            r.at(lastHello + 10 * SECOND, HsrpInput.ACTIVE_TIMER_EXPIRED);
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("FI", r.actions(), "C and D: both timers have already run out, nothing left to cancel");
            assertFalse(r.running(HsrpTimer.ACTIVE));
            assertFalse(r.running(HsrpTimer.STANDBY));
            assertEquals("active-timer-expiry", r.only(StateChanged.class).cause());
            assertEquals(HsrpState.ACTIVE, r.only(SendHello.class).pdu().state());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (c, Standby), v2 millisecond timers (hello 300 ms, hold 1 s): takeover exactly 1 s after the last hello")
        void takeoverAtHoldTimeMilliseconds() {
            CoreRig r = CoreRig.standby(v2().withTimers(HsrpTimers.millis(300, 1000)));
            long lastHello = r.now + 200 * MS;
            r.at(lastHello, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 300, 1000)));
            assertEquals(lastHello + 1000 * MS, r.deadline(HsrpTimer.ACTIVE));
            r.fire(HsrpTimer.ACTIVE);
            assertEquals(lastHello + 1000 * MS, r.now);
            r.expectState(HsrpState.ACTIVE);
            r.fire(HsrpTimer.HELLO);
            assertEquals(r.now + 300 * MS, r.deadline(HsrpTimer.HELLO), "hellos every 300 ms");
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (i, Standby): CFI/6 - a Resign makes the Standby Active at once, without waiting for the Holdtime")
        void resignTakeover() {
            CoreRig r = CoreRig.standby(v1());
            long at = r.now + SECOND;
            r.at(at, new HsrpInput.ResignReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150)));
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("CFI", r.actions());
            assertEquals("resign-received", r.only(StateChanged.class).cause());
        }

        @Test
        @DisplayName("RFC 2281 §5.5 event i is a Resign from the Active router: one from a Speak router is ignored")
        void resignFromNonActiveIgnored() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, new HsrpInput.ResignReceived(LOWER_IP, pdu(HsrpState.SPEAK, 50)));
            assertTrue(r.out.isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (e, Standby): F - the hello says Standby")
        void hello() {
            CoreRig r = CoreRig.standby(v1());
            r.fire(HsrpTimer.HELLO);
            assertEquals(HsrpState.STANDBY, r.only(SendHello.class).pdu().state());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (f, Standby): B/3 - a higher-priority speaker takes the Standby role: Listen")
        void higherSpeaker() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.SPEAK, 120));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            assertEquals("B", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (k, Standby): B/3 - a higher-priority Standby: Listen")
        void higherStandby() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.STANDBY, 120));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (l, Standby) is empty: a lower-priority Standby is left to step back itself")
        void lowerStandby() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.STANDBY, 50));
            assertTrue(r.out.isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (g, Standby): EA")
        void higherActive() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals("A", r.actions());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby) note *: preemption is off by default - A, the higher-priority router stays Standby")
        void lowerActiveWithoutPreempt() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals("A", r.actions());
            r.expectState(HsrpState.STANDBY);
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Standby) note *: with preemption BGFI/6")
        void lowerActiveWithPreempt() {
            CoreRig r = CoreRig.standby(v1().withPreempt(true));
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("BFGI", r.actions());
            assertEquals(HsrpState.STANDBY, r.only(SendCoup.class).pdu().state());
        }

        @Test
        @DisplayName("Cisco preempt delay minimum 60 s: no takeover before start + 60 s, then a Coup and takeover at exactly that instant")
        void preemptDelayMinimum() {
            CoreRig r = CoreRig.standby(v1().withPreemptDelayMinimum(60_000));
            long allowed = T0 + 60 * SECOND;
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals("A", r.actions(), "within the delay the lower-priority Active is only monitored");
            assertEquals(allowed, r.deadline(HsrpTimer.PREEMPT_DELAY));
            for (long t = r.now + 3 * SECOND; t < allowed; t += 3 * SECOND) {
                r.at(t, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
                r.expectState(HsrpState.STANDBY);
            }
            r.at(allowed - 1, HsrpInput.PREEMPT_DELAY_EXPIRED);
            r.expectState(HsrpState.STANDBY);
            r.fire(HsrpTimer.PREEMPT_DELAY);
            assertEquals(allowed, r.now);
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
            assertEquals("preempted", r.only(StateChanged.class).cause());
            assertTrue(r.sent(SendCoup.class));
        }

        @Test
        @DisplayName("Preempt delay ends with a higher-priority router Active: nothing happens")
        void preemptDelayEndsWithoutLowerActive() {
            CoreRig r = CoreRig.standby(v1().withPreemptDelayMinimum(60_000));
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.fire(HsrpTimer.PREEMPT_DELAY);
            assertTrue(r.transitions().isEmpty());
            r.expectState(HsrpState.STANDBY);
        }
    }

    @Nested
    @DisplayName("Active")
    class Active {
        @Test
        @DisplayName("RFC 2281 §5.7 (e, Active): F - the hello says Active")
        void hello() {
            CoreRig r = CoreRig.active(v1());
            r.fire(HsrpTimer.HELLO);
            assertEquals(new HsrpPdu(HsrpState.ACTIVE, 3000, 10_000, 100, CISCO, VIP), r.only(SendHello.class).pdu());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (g, Active): AB/4 - a higher-priority Active: step back to Speak (with or without preemption)")
        void higherActive() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("AB", r.actions());
            assertFalse(r.sent(SendResign.class));
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Active): G - a lower-priority Active gets a Coup; stay Active")
        void lowerActive() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.ACTIVE, 50));
            assertEquals("G", r.actions());
            assertEquals(HsrpState.ACTIVE, r.only(SendCoup.class).pdu().state());
            assertTrue(r.transitions().isEmpty());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (j, Active): ABH/4 - a Coup from a higher-priority router: Resign, then Speak")
        void coupFromHigher() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, new HsrpInput.CoupReceived(HIGHER_IP, pdu(HsrpState.STANDBY, 150)));
            assertEquals(List.of(HsrpState.SPEAK), r.transitions());
            assertEquals("ABH", r.actions());
            assertEquals(HsrpState.ACTIVE, r.only(SendResign.class).pdu().state());
            assertEquals("coup-received", r.only(StateChanged.class).cause());
        }

        @Test
        @DisplayName("RFC 2281 §5.5 event j is a Coup from a higher priority router: a lower one's Coup is ignored")
        void coupFromLowerIgnored() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, new HsrpInput.CoupReceived(LOWER_IP, pdu(HsrpState.STANDBY, 50)));
            assertTrue(r.out.isEmpty());
            r.expectState(HsrpState.ACTIVE);
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (b, Active): CDH/1 - shutting down sends a Resign saying Active and stops every timer")
        void shutdownResigns() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, HsrpInput.SHUTDOWN);
            assertEquals(List.of(HsrpState.INITIAL), r.transitions());
            assertTrue(r.actions().contains("H"));
            assertEquals(HsrpState.ACTIVE, r.only(SendResign.class).pdu().state());
            for (HsrpTimer t : HsrpTimer.values()) assertFalse(r.running(t), t + " still running");
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (k|l, Active): B")
        void standbyHellos() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.STANDBY, 150, 3000, 9000)));
            assertEquals("B", r.actions());
            assertEquals(r.now + 9 * SECOND, r.deadline(HsrpTimer.STANDBY));
            r.at(r.now + SECOND, r.helloFrom(LOWER_IP, HsrpState.STANDBY, 50));
            assertEquals("B", r.actions());
            r.expectState(HsrpState.ACTIVE);
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (f|i|c|d, Active) are empty")
        void emptyCells() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.SPEAK, 150));
            assertTrue(r.out.isEmpty());
            r.at(r.now + SECOND, new HsrpInput.ResignReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150)));
            assertTrue(r.out.isEmpty());
            r.at(r.now + SECOND, new HsrpInput.HelloReceived(LOWER_IP, pdu(HsrpState.STANDBY, 50)));
            r.fire(HsrpTimer.STANDBY);
            assertTrue(r.out.isEmpty());
            r.expectState(HsrpState.ACTIVE);
        }

        @Test
        @DisplayName("RFC 2281 §5.1: the Active router does not learn Hellotime and Holdtime from other routers")
        void activeLearnsNoTimers() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, new HsrpInput.HelloReceived(LOWER_IP, pdu(HsrpState.ACTIVE, 50, 1000, 4000)));
            assertEquals(3000, r.router.helloTimeMs());
            assertEquals(10_000, r.router.holdTimeMs());
        }
    }

    @Nested
    @DisplayName("Learned and configured timers")
    class LearnedTimers {
        @Test
        @DisplayName("RFC 2281 §5.1, §5.6 E: unconfigured timers are learned from the Active's hello and used from then on")
        void learned() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 1000, 4000)));
            assertEquals(1000, r.router.helloTimeMs());
            assertEquals(4000, r.router.holdTimeMs());
            r.fire(HsrpTimer.STANDBY);
            assertEquals(r.now + 4 * SECOND, r.deadline(HsrpTimer.STANDBY), "B with the learned Holdtime");
            r.fire(HsrpTimer.HELLO);
            assertEquals(new HsrpPdu(HsrpState.SPEAK, 1000, 4000, 100, CISCO, VIP), r.only(SendHello.class).pdu());
        }

        @Test
        @DisplayName("RFC 2281 §5.1: configured timers are never learned")
        void configuredNotLearned() {
            CoreRig r = CoreRig.listen(v1().withTimers(HsrpTimers.seconds(2, 7)));
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 1000, 4000)));
            assertEquals(2000, r.router.helloTimeMs());
            assertEquals(7000, r.router.holdTimeMs());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 (h, Listen) has no E: timers are not learned from a lower-priority Active's hello")
        void notLearnedFromLowerActive() {
            CoreRig r = CoreRig.listen(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(LOWER_IP, pdu(HsrpState.ACTIVE, 50, 1000, 4000)));
            assertEquals(10_000, r.router.holdTimeMs());
        }

        @Test
        @DisplayName("Learned timers and virtual IP are forgotten when the group restarts (event b, then a)")
        void forgottenOnRestart() {
            CoreRig r = CoreRig.learn(v1());
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, pdu(HsrpState.ACTIVE, 150, 1000, 4000)));
            r.at(T0 + 2 * SECOND, HsrpInput.SHUTDOWN);
            r.at(T0 + 3 * SECOND, new HsrpInput.Startup(OWN));
            assertEquals(List.of(HsrpState.LEARN), r.transitions());
            assertNull(r.router.virtualIp());
            assertEquals(10_000, r.router.holdTimeMs());
        }
    }

    @Nested
    @DisplayName("Authentication")
    class Authentication {
        private final Bytes secret = Bytes.of("secret\0\0".getBytes(StandardCharsets.US_ASCII));

        @Test
        @DisplayName("RFC 2281 §5.1 Authentication Data: a hello with another password is ignored and reported")
        void helloIgnored() {
            CoreRig r = CoreRig.learn(v1());
            HsrpPdu p = new HsrpPdu(HsrpState.ACTIVE, 3000, 10_000, 150, secret, VIP);
            r.at(T0 + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, p));
            assertEquals(List.of(new HsrpOutput.AuthenticationFailed(HIGHER_IP, HsrpOpCode.HELLO)), r.out);
            assertNull(r.router.virtualIp(), "nothing learned from an unauthenticated hello");
        }

        @Test
        @DisplayName("An unauthenticated Resign does not make the Standby Active")
        void resignIgnored() {
            CoreRig r = CoreRig.standby(v1());
            r.at(r.now + SECOND, new HsrpInput.ResignReceived(HIGHER_IP, new HsrpPdu(HsrpState.ACTIVE, 3000, 10_000, 150, secret, VIP)));
            r.expectState(HsrpState.STANDBY);
        }

        @Test
        @DisplayName("An unauthenticated Coup does not unseat the Active")
        void coupIgnored() {
            CoreRig r = CoreRig.active(v1());
            r.at(r.now + SECOND, new HsrpInput.CoupReceived(HIGHER_IP, new HsrpPdu(HsrpState.SPEAK, 3000, 10_000, 250, secret, VIP)));
            r.expectState(HsrpState.ACTIVE);
        }

        @Test
        @DisplayName("The configured password is what the router sends and accepts")
        void configuredPassword() {
            CoreRig r = CoreRig.speak(v1().withAuthentication("secret"));
            r.at(r.now + SECOND, new HsrpInput.HelloReceived(HIGHER_IP, new HsrpPdu(HsrpState.SPEAK, 3000, 10_000, 150, secret, VIP)));
            assertEquals(List.of(HsrpState.LISTEN), r.transitions());
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals(HsrpOutput.AuthenticationFailed.class, r.out.get(0).getClass(), "the default 'cisco' no longer matches");
            r.fire(HsrpTimer.ACTIVE);
            r.fire(HsrpTimer.HELLO);
            assertEquals(secret, r.only(SendHello.class).pdu().authData());
        }
    }

    @Nested
    @DisplayName("Priority changes and stale timers")
    class PriorityAndTimers {
        @Test
        @DisplayName("A priority change is carried by the next hello")
        void priorityInNextHello() {
            CoreRig r = CoreRig.active(v1());
            assertTrue(r.at(r.now, new HsrpInput.PriorityChanged(80)).isEmpty());
            r.fire(HsrpTimer.HELLO);
            assertEquals(80, r.only(SendHello.class).pdu().priority());
        }

        @Test
        @DisplayName("RFC 2281 §5.7 note *: raised above the Active with preemption, the router takes over on the Active's next hello")
        void raisedPriorityPreempts() {
            CoreRig r = CoreRig.standby(v1().withPreempt(true));
            r.at(r.now + SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            r.at(r.now, new HsrpInput.PriorityChanged(200));
            r.at(r.now + 3 * SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertEquals(List.of(HsrpState.ACTIVE), r.transitions());
        }

        @Test
        @DisplayName("An expiry that is not due (early, cancelled or moved) is ignored")
        void staleExpiryIgnored() {
            CoreRig r = CoreRig.listen(v1());
            assertTrue(r.at(T0 + SECOND, HsrpInput.ACTIVE_TIMER_EXPIRED).isEmpty(), "early");
            assertTrue(r.at(T0 + SECOND, HsrpInput.PREEMPT_DELAY_EXPIRED).isEmpty(), "never armed");
            r.at(T0 + 9 * SECOND, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
            assertTrue(r.at(T0 + 10 * SECOND, HsrpInput.ACTIVE_TIMER_EXPIRED).isEmpty(), "moved by the hello");
            r.expectState(HsrpState.LISTEN);
        }

        @Test
        @DisplayName("A router ignores its own messages")
        void ownMessagesIgnored() {
            CoreRig r = CoreRig.speak(v1());
            assertTrue(r.at(r.now + SECOND, r.helloFrom(OWN, HsrpState.ACTIVE, 250)).isEmpty());
        }
    }

    @Nested
    @DisplayName("Two and three routers on one segment")
    class Scenarios {
        private final Ipv4Address r1 = Ipv4Address.parse("10.0.0.1");
        private final Ipv4Address r2 = Ipv4Address.parse("10.0.0.2");
        private final long latency = 100_000;

        @Test
        @DisplayName("Preemption is off by default: a higher-priority router coming up later ends Standby, the first stays Active")
        void noPreemptByDefault() {
            Segment s = new Segment(latency);
            int a = s.add(v1(), r1);
            int b = s.add(v1().withPriority(150), r2);
            s.startAt(a, 0);
            s.startAt(b, 30 * SECOND);
            s.runUntil(120 * SECOND);
            assertEquals(HsrpState.ACTIVE, s.state(a));
            assertEquals(HsrpState.STANDBY, s.state(b));
            assertEquals(20 * SECOND, s.firstEntry(a, HsrpState.ACTIVE, 0), "lone router: Listen, Speak, Active after two Holdtimes");
        }

        @Test
        @DisplayName("With preemption: the higher-priority router sends a Coup on the Active's first hello and takes over; the old Active resigns")
        void preemptTakesOver() {
            Segment s = new Segment(latency);
            int a = s.add(v1(), r1);
            int b = s.add(v1().withPriority(150).withPreempt(true), r2);
            s.startAt(a, 0);
            s.startAt(b, 30 * SECOND);
            s.runUntil(120 * SECOND);
            assertEquals(HsrpState.ACTIVE, s.state(b));
            assertEquals(HsrpState.STANDBY, s.state(a));
            long takeover = s.firstEntry(b, HsrpState.ACTIVE, 0);
            assertTrue(takeover > 30 * SECOND && takeover <= 33 * SECOND + latency, "within one Hellotime of coming up: " + takeover);
            assertTrue(s.sent.stream().anyMatch(m -> m.router() == b && m.message() instanceof SendCoup));
            assertTrue(s.sent.stream().anyMatch(m -> m.router() == a && m.message() instanceof SendResign));
        }

        @Test
        @DisplayName("With preempt delay minimum 60 s: the takeover comes exactly 60 s after the preempting router came up")
        void preemptDelay() {
            Segment s = new Segment(latency);
            int a = s.add(v1(), r1);
            int b = s.add(v1().withPriority(150).withPreemptDelayMinimum(60_000), r2);
            s.startAt(a, 0);
            s.startAt(b, 30 * SECOND);
            s.runUntil(150 * SECOND);
            assertEquals(90 * SECOND, s.firstEntry(b, HsrpState.ACTIVE, 0));
            assertEquals(HsrpState.STANDBY, s.state(a));
        }

        @Test
        @DisplayName("Crash of the Active (silent): the Standby takes over exactly one Holdtime after the last hello it received")
        void crashFailover() {
            Segment s = new Segment(latency);
            int a = s.add(v1().withPriority(150), r1);
            int b = s.add(v1(), r2);
            s.startAt(a, 0);
            s.startAt(b, 0);
            s.runUntil(60 * SECOND);
            assertEquals(HsrpState.ACTIVE, s.state(a));
            assertEquals(HsrpState.STANDBY, s.state(b));
            long crash = 61 * SECOND + 500 * MS;
            s.crashAt(a, crash);
            s.runUntil(100 * SECOND);
            long lastHello = s.sent.stream().filter(m -> m.router() == a && m.at() < crash).mapToLong(Segment.Sent::at).max().orElseThrow();
            assertEquals(lastHello + latency + 10 * SECOND, s.firstEntry(b, HsrpState.ACTIVE, crash));
        }

        @Test
        @DisplayName("Shutdown of the Active (Resign): the Standby takes over as soon as the Resign arrives")
        void resignFailover() {
            Segment s = new Segment(latency);
            int a = s.add(v1().withPriority(150), r1);
            int b = s.add(v1(), r2);
            s.startAt(a, 0);
            s.startAt(b, 0);
            s.runUntil(60 * SECOND);
            long shutdown = 61 * SECOND + 500 * MS;
            s.shutdownAt(a, shutdown);
            s.runUntil(100 * SECOND);
            assertEquals(shutdown + latency, s.firstEntry(b, HsrpState.ACTIVE, shutdown));
        }

        @Test
        @DisplayName("v2 millisecond timers (300 ms / 1 s): crash failover exactly 1 s after the last hello")
        void crashFailoverMilliseconds() {
            HsrpConfig fast = v2().withTimers(HsrpTimers.millis(300, 1000));
            Segment s = new Segment(latency);
            int a = s.add(fast.withPriority(150), r1);
            int b = s.add(fast, r2);
            s.startAt(a, 0);
            s.startAt(b, 0);
            s.runUntil(10 * SECOND);
            long crash = 10 * SECOND + 50 * MS;
            s.crashAt(a, crash);
            s.runUntil(20 * SECOND);
            long lastHello = s.sent.stream().filter(m -> m.router() == a && m.at() < crash).mapToLong(Segment.Sent::at).max().orElseThrow();
            assertEquals(lastHello + latency + 1000 * MS, s.firstEntry(b, HsrpState.ACTIVE, crash));
        }
    }
}
