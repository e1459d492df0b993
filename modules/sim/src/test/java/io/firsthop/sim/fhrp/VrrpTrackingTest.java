package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.LAN_GROUP;
import static io.firsthop.sim.fhrp.VrrpLab.LAN_VLAN;
import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.S;
import static io.firsthop.sim.fhrp.VrrpLab.SERVER;
import static io.firsthop.sim.fhrp.VrrpLab.UPLINK_GROUP;
import static io.firsthop.sim.fhrp.VrrpLab.VMAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.l3.Router;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Packet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The notes' configuration (point 10): r1 at priority 110 tracking its uplink with decrement
 * 20, r2 at the default 100. VRRP preempts by default (RFC 5798 §6.1 Preempt_Mode true).
 */
class VrrpTrackingTest {
    static final long FAIL_AT = 10 * S + 300 * MS;
    static final long BACK_AT = 30 * S + 300 * MS;

    static List<TraceEvent.StateChanged> trackChanges(VrrpLab lab, String name) {
        return lab.trace.ofType(TraceEvent.StateChanged.class, "r1").stream().filter(e -> e.group().equals("track " + name)).toList();
    }

    static List<String> priorityNotes(VrrpLab lab) {
        return lab.trace.ofType(TraceEvent.Note.class, "r1").stream().map(TraceEvent.Note::text)
                .filter(t -> t.startsWith(LAN_GROUP + ": priority")).toList();
    }

    @Nested
    @DisplayName("tracking the uplink's line state, decrement 20")
    class UplinkLine {
        VrrpLab lab(boolean r1Preempts) {
            VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100).withPreempt(0, r1Preempts));
            Router r1 = lab.router(0);
            r1.addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
            r1.track(lab.lanGroups.get(0), "uplink", TrackEffect.decrement(20));
            lab.sim.cutLink(FAIL_AT, "r1-sw2");
            lab.sim.restoreLink(BACK_AT, "r1-sw2");
            return lab;
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: when r1's uplink fails (110 - 20 = 90 < 100), r2 preempts Master_Down_Interval after the last 110 advertisement it accepted")
        void uplinkFailureHandsOverToR2() {
            VrrpLab lab = lab(true);
            lab.sim.run(BACK_AT - S);

            assertEquals(List.of(new TraceEvent.StateChanged(FAIL_AT, "r1", "track uplink", "up", "down", "interface ge1 down")),
                    trackChanges(lab, "uplink"));
            assertEquals(List.of(LAN_GROUP + ": priority 110 -> 90 (tracked down: uplink)"), priorityNotes(lab));
            long lastAccepted = lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), BACK_AT, 110, 110);
            assertTrue(lastAccepted <= FAIL_AT && FAIL_AT - lastAccepted < S);
            assertTrue(lab.advertsReceived("r2", "ge0", VrrpLab.lanAddress(0)).stream().anyMatch(a -> a[0] > FAIL_AT && a[1] == 90),
                    "r1 went on advertising, at 90, which r2 discarded");
            long takeover = lastAccepted + lab.masterDownInterval(100);
            assertEquals(new TraceEvent.StateChanged(takeover, "r2", LAN_GROUP, "backup", "master", "preempted"),
                    lab.firstChange("r2", LAN_GROUP, "master", FAIL_AT).orElseThrow());
            long latency = lab.options.latency();
            assertEquals(new TraceEvent.StateChanged(takeover + 2 * latency, "r1", LAN_GROUP, "master", "backup", "higher-priority-backup"),
                    lab.firstChange("r1", LAN_GROUP, "backup", FAIL_AT).orElseThrow());
            assertTrue(lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").contains(
                    new TraceEvent.MacMoved(takeover + latency, "sw1", LAN_VLAN, VMAC, "r1", "r2")));
            // the uplink's own group lost its interface: r2 takes it when r1's advertisements stop
            assertEquals("interface-down", lab.firstChange("r1", UPLINK_GROUP, "initialize", FAIL_AT).orElseThrow().cause());
            assertEquals("no-response", lab.firstChange("r2", UPLINK_GROUP, "master", FAIL_AT).orElseThrow().cause());
            // the hosts go on through r2 both ways
            long resumed = lab.firstAnsweredProbeFrom("h1", FAIL_AT);
            assertTrue(resumed - FAIL_AT <= lab.masterDownInterval(100) + lab.options.probeInterval() + 2 * MS, "outage " + (resumed - FAIL_AT));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: when the uplink recovers, r1 (back at 110, preempting) takes over again; its Master_Down_Timer was armed at priority 90")
        void recoveryPreemptsBack() {
            VrrpLab lab = lab(true);
            lab.sim.run(BACK_AT + 10 * S);

            assertEquals("up", trackChanges(lab, "uplink").getLast().to());
            assertEquals(BACK_AT, trackChanges(lab, "uplink").getLast().at());
            assertEquals(LAN_GROUP + ": priority 90 -> 110 (no tracked object down)", priorityNotes(lab).getLast());
            long lastAccepted = lab.lastAdvertBefore("r1", "ge0", VrrpLab.lanAddress(1), BACK_AT, 100, 100);
            // RFC 5798 §6.4.2: the timer set by that advertisement used Master_Down_Interval for
            // priority 90; the rise to 110 changes Skew_Time for later ones only
            long takeover = lastAccepted + lab.masterDownInterval(90);
            assertEquals(new TraceEvent.StateChanged(takeover, "r1", LAN_GROUP, "backup", "master", "preempted"),
                    lab.firstChange("r1", LAN_GROUP, "master", BACK_AT).orElseThrow());
            assertEquals("higher-priority-backup", lab.firstChange("r2", LAN_GROUP, "backup", BACK_AT).orElseThrow().cause());
            assertTrue(lab.trace.ofType(TraceEvent.MacMoved.class, "sw1").contains(
                    new TraceEvent.MacMoved(takeover + lab.options.latency(), "sw1", LAN_VLAN, VMAC, "r2", "r1")));
            assertEquals("master", lab.lanGroups.get(0).state().yangName());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: without preempt r1 stays Backup after the uplink recovers, though its priority is back at 110")
        void recoveryWithoutPreemptStaysBackup() {
            VrrpLab lab = lab(false);
            lab.sim.run(BACK_AT + 20 * S);

            assertEquals(110, lab.lanGroups.get(0).trackedValue());
            assertEquals(1, lab.becameMaster("r2", LAN_GROUP).size());
            assertTrue(lab.firstChange("r1", LAN_GROUP, "master", FAIL_AT).isEmpty(), "r1 never took back over");
            assertEquals("backup", lab.lanGroups.get(0).state().yangName());
            assertEquals("master", lab.lanGroups.get(1).state().yangName());
            assertTrue(lab.advertsReceived("r1", "ge0", VrrpLab.lanAddress(1)).stream().anyMatch(a -> a[0] > BACK_AT + 19 * S),
                    "r2 is still advertising");
        }
    }

    @Nested
    @DisplayName("tracking the server's reachability by probe (defaults: 1 s, down after 3 misses, up after 3 answers)")
    class ServerReachability {
        static final long LOSS_AT = 20 * S + 500 * MS;
        static final long HEAL_AT = 40 * S + 500 * MS;

        /** r1's uplink silently stops carrying frames at LOSS_AT (carrier kept: line tracking would see nothing) and heals at HEAL_AT. */
        VrrpLab lab() {
            VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100));
            Router r1 = lab.router(0);
            r1.addTrackedObject(TrackedObject.reachability("server", SERVER));
            r1.track(lab.lanGroups.get(0), "server", TrackEffect.decrement(20));
            LinkConfig link = LinkConfig.ofLatency(lab.options.latency());
            lab.sim.impair(LOSS_AT, "r1-sw2", link.withLoss(1.0));
            lab.sim.impair(HEAL_AT, "r1-sw2", link);
            return lab;
        }

        /** Arrival times at r1 of echo replies from the server to r1 itself (answers to its probes). */
        static List<Long> probeAnswers(VrrpLab lab) {
            return lab.trace.ofType(TraceEvent.FrameReceived.class, "r1").stream()
                    .filter(r -> r.frame().payload() instanceof Ipv4Packet ip && ip.source().equals(SERVER)
                            && ip.destination().equals(VrrpLab.uplinkAddress(0)) && ip.payload() instanceof IcmpEcho e && e.reply())
                    .map(TraceEvent.FrameReceived::at).toList();
        }

        @Test
        @DisplayName("a silent uplink failure: the object goes down at the timeout of the third lost probe, then r2 preempts Master_Down_Interval after r1's last 110 advertisement")
        void silentFailureDetectedByProbes() {
            VrrpLab lab = lab();
            lab.sim.run(HEAL_AT - S);

            assertTrue(lab.router(0).interfaceUp(1), "carrier never went away");
            // probes leave r1 at whole seconds; those of 21, 22 and 23 s are lost, the last times out at 24 s
            assertEquals(List.of(new TraceEvent.StateChanged(24 * S, "r1", "track server", "up", "down",
                    "3 consecutive probes to 198.51.100.10 unanswered")), trackChanges(lab, "server"));
            assertEquals(List.of(LAN_GROUP + ": priority 110 -> 90 (tracked down: server)"), priorityNotes(lab));
            long lastAccepted = lab.lastAdvertBefore("r2", "ge0", VrrpLab.lanAddress(0), HEAL_AT, 110, 110);
            assertTrue(lastAccepted <= 24 * S && 24 * S - lastAccepted < S);
            long takeover = lastAccepted + lab.masterDownInterval(100);
            assertEquals(new TraceEvent.StateChanged(takeover, "r2", LAN_GROUP, "backup", "master", "preempted"),
                    lab.firstChange("r2", LAN_GROUP, "master", LOSS_AT).orElseThrow());
            // the host's outage: detection (3 probes + timeout) plus Master_Down_Interval, plus one host probe interval
            long detection = 3 * S + S;
            long outage = lab.firstAnsweredProbeFrom("h1", LOSS_AT) - LOSS_AT;
            assertTrue(outage >= takeover - LOSS_AT, "outage " + outage);
            assertTrue(outage <= detection + lab.masterDownInterval(100) + lab.options.probeInterval() + 2 * MS, "outage " + outage);
        }

        @Test
        @DisplayName("the path heals: the object is up at the third answer in a row and r1 preempts back")
        void healedPathWinsBack() {
            VrrpLab lab = lab();
            lab.sim.run(HEAL_AT + 10 * S);

            List<Long> answers = probeAnswers(lab).stream().filter(t -> t > HEAL_AT).toList();
            long thirdAnswer = answers.get(2);
            assertTrue(thirdAnswer > 43 * S && thirdAnswer < 43 * S + MS, "probes of 41, 42 and 43 s answered: " + answers.subList(0, 3));
            assertEquals(new TraceEvent.StateChanged(thirdAnswer, "r1", "track server", "down", "up",
                    "3 consecutive probes to 198.51.100.10 answered"), trackChanges(lab, "server").getLast());
            long lastAccepted = lab.lastAdvertBefore("r1", "ge0", VrrpLab.lanAddress(1), thirdAnswer, 100, 100);
            assertEquals(new TraceEvent.StateChanged(lastAccepted + lab.masterDownInterval(90), "r1", LAN_GROUP, "backup", "master", "preempted"),
                    lab.firstChange("r1", LAN_GROUP, "master", HEAL_AT).orElseThrow());
        }
    }
}
