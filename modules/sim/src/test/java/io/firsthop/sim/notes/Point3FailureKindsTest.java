package io.firsthop.sim.notes;

import static io.firsthop.sim.notes.Probing.ARP_ONE_LINK;
import static io.firsthop.sim.notes.Probing.ARP_VIA_SWITCH;
import static io.firsthop.sim.notes.Probing.INTERVAL;
import static io.firsthop.sim.notes.Probing.SERVER_RTT;
import static io.firsthop.sim.notes.Probing.between;
import static io.firsthop.sim.notes.Probing.firstSendAfter;
import static io.firsthop.sim.notes.Probing.sendTimesBetween;
import static io.firsthop.sim.notes.Probing.sentBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.ProbeLog;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notes point 3: with two gateways, three failures matter: the gateway itself; its downstream
 * interface, cable or module; the L2 switch between hosts and gateways. Each one, injected at
 * 5.005 s and repaired at 8.005 s, cuts h1's routed path (h1 uses r1; r2 exists but no FHRP
 * moves h1 to it) for exactly the probes sent in between.
 */
@DisplayName("Notes point 3: every failure kind of the notes cuts the routed path for exactly its duration")
class Point3FailureKindsTest {
    private static final long FAIL = between(5, 5);
    private static final long REPAIR = between(8, 5);
    private static final long END = between(10, 5);

    /** h1 pings the server through r1; h2 pings h1 on the LAN. */
    private final Lan lan = Lan.builder().hosts(2).gateways(2)
            .probe("h1", Probing.toServer())
            .probe("h2", Probing.to("h1", Lan.hostAddress(1)))
            .build();
    private final VirtualEngine sim = lan.engine();
    private final ProbeLog probes = new ProbeLog();
    private final TraceRecorder trace = new TraceRecorder(false);

    Point3FailureKindsTest() {
        sim.addTraceSink(probes).addTraceSink(trace);
    }

    @Test
    @DisplayName("gateway crash: r1 down 5.005 s to 8.005 s; on restart r1 resolves wan and h1 again")
    void gatewayCrash() {
        sim.crash(FAIL, "r1");
        sim.restart(REPAIR, "r1");
        runAndCheckRoutedOutage(SERVER_RTT + ARP_ONE_LINK + ARP_VIA_SWITCH);
        assertTraced(new TraceEvent.DeviceEvent(FAIL, "r1", "crash"), new TraceEvent.DeviceEvent(REPAIR, "r1", "restart"));
        assertSameSubnetUntouched();
    }

    @Test
    @DisplayName("gateway's downstream interface down: r1 ge0 shut 5.005 s to 8.005 s; r1 flushed that interface's ARP cache only")
    void downstreamInterfaceDown() {
        sim.interfaceDown(FAIL, "r1", Lan.GATEWAY_LAN_PORT);
        sim.interfaceUp(REPAIR, "r1", Lan.GATEWAY_LAN_PORT);
        runAndCheckRoutedOutage(SERVER_RTT + ARP_VIA_SWITCH);
        assertTraced(new TraceEvent.DeviceEvent(FAIL, "r1", "interface-down ge0"), new TraceEvent.DeviceEvent(REPAIR, "r1", "interface-up ge0"));
        assertSameSubnetUntouched();
    }

    @Test
    @DisplayName("cable between gateway and switch cut 5.005 s to 8.005 s: both ends lose carrier; r1 re-resolves h1")
    void cableCut() {
        String cable = lan.gatewayLink("r1");
        sim.cutLink(FAIL, cable);
        sim.restoreLink(REPAIR, cable);
        runAndCheckRoutedOutage(SERVER_RTT + ARP_VIA_SWITCH);
        assertTraced(new TraceEvent.LinkEvent(FAIL, cable, "cut"), new TraceEvent.LinkEvent(REPAIR, cable, "restore"));
        assertTraced(new TraceEvent.DeviceEvent(FAIL, "r1", "port ge0 down (carrier)"),
                new TraceEvent.DeviceEvent(FAIL, Lan.SWITCH, "port " + lan.switchPort("r1") + " down (carrier)"));
        assertSameSubnetUntouched();
    }

    @Test
    @DisplayName("switch crash 5.005 s to 8.005 s: the routed path and the same-subnet path are both cut; hosts re-resolve by ARP")
    void switchCrash() {
        sim.crash(FAIL, Lan.SWITCH);
        sim.restart(REPAIR, Lan.SWITCH);
        // h1 lost carrier and flushed its ARP cache, so it resolves r1 again; r1 learns h1 from that request
        runAndCheckRoutedOutage(SERVER_RTT + ARP_VIA_SWITCH);
        assertTraced(new TraceEvent.DeviceEvent(FAIL, Lan.SWITCH, "crash"), new TraceEvent.DeviceEvent(REPAIR, Lan.SWITCH, "restart"));

        ProbeLog.Flow l2 = probes.flow("h2", "h1");
        assertEquals(sendTimesBetween(FAIL, REPAIR), l2.lostSentTimes(), "same-subnet probes die with the switch");
        // h2 re-resolves h1 across the restarted switch, but need not wait for h1's reply: h1's own
        // broadcast request for r1, sent at the same probe tick, reaches h2 two links later and h2,
        // resolving h1, takes h1's MAC from it (RFC 826 merge); then the L2 round trip
        assertEquals(2 * Probing.L + 4 * Probing.L, l2.outages().get(0).recoveryRtt());
        // the probes died in the hosts themselves: their interface had no carrier
        long droppedAtH1 = trace.ofType(TraceEvent.FrameDropped.class, "h1").stream()
                .filter(d -> d.reason() == io.firsthop.core.trace.DropReason.PORT_DOWN && d.at() > FAIL && d.at() < REPAIR).count();
        assertEquals(sendTimesBetween(FAIL, REPAIR).size(), droppedAtH1, "one PORT_DOWN drop per probe h1 sent during the outage");
    }

    /** Runs to the end and checks h1's probes to the server against the failure window. */
    private void runAndCheckRoutedOutage(long recoveryRtt) {
        assertTrue(recoveryRtt < INTERVAL / 2, "no probe in flight at the failure or repair instants");
        sim.run(END);
        ProbeLog.Flow srv = probes.flow("h1", "srv");
        List<Long> expectedLost = sendTimesBetween(FAIL, REPAIR);
        assertEquals(300, expectedLost.size());
        assertEquals(expectedLost, srv.lostSentTimes(), "lost: exactly the probes sent during the failure");
        assertEquals(sentBy(END) - expectedLost.size(), srv.answered(), "every other probe answered");

        assertEquals(1, srv.outages().size());
        ProbeLog.Outage outage = srv.outages().get(0);
        assertEquals(firstSendAfter(FAIL), outage.firstLostSentAt());
        assertEquals(firstSendAfter(REPAIR), outage.recoveredSentAt());
        assertEquals(REPAIR - FAIL, outage.durationNanos(), "the failure lasted 3 s; probes see 3 s to the probe tick");
        assertEquals(recoveryRtt, outage.recoveryRtt());
    }

    private void assertSameSubnetUntouched() {
        ProbeLog.Flow l2 = probes.flow("h2", "h1");
        assertEquals(0, l2.lost(), "h2 -> h1 does not use the gateway");
        assertEquals(sentBy(END), l2.answered());
    }

    private void assertTraced(TraceEvent... expected) {
        for (TraceEvent e : expected) assertTrue(trace.events().contains(e), "traced: " + e);
    }
}
