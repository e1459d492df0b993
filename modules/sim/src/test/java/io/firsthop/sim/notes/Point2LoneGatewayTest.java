package io.firsthop.sim.notes;

import static io.firsthop.sim.notes.Probing.ARP_ONE_LINK;
import static io.firsthop.sim.notes.Probing.ARP_VIA_SWITCH;
import static io.firsthop.sim.notes.Probing.INTERVAL;
import static io.firsthop.sim.notes.Probing.SERVER_RTT;
import static io.firsthop.sim.notes.Probing.TIMEOUT;
import static io.firsthop.sim.notes.Probing.between;
import static io.firsthop.sim.notes.Probing.firstSendAfter;
import static io.firsthop.sim.notes.Probing.sendTimesBetween;
import static io.firsthop.sim.notes.Probing.sentBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.ProbeLog;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notes point 2: reaching another network needs the gateway; a lone gateway is a single point
 * of failure.
 */
@DisplayName("Notes point 2: a host reaches the outside through its one gateway, and nothing while it is down")
class Point2LoneGatewayTest {
    private final Lan lan = Lan.builder().hosts(1).gateways(1).probe("h1", Probing.toServer()).build();
    private final VirtualEngine sim = lan.engine();
    private final ProbeLog probes = new ProbeLog();
    private final TraceRecorder trace = new TraceRecorder(false);

    Point2LoneGatewayTest() {
        sim.addTraceSink(probes).addTraceSink(trace);
    }

    @Test
    @DisplayName("probes to the server are sent to the gateway's MAC; the first waits for the ARP exchanges of each hop")
    void throughTheGateway() {
        sim.run(between(1, 5));
        ProbeLog.Flow srv = probes.flow("h1", "srv");
        assertEquals(srv.sent(), srv.answered());
        for (int i = 0; i < srv.sent(); i++) {
            assertEquals(lan.gateway("r1").config().interfaces().get(0).mac(), srv.via(i), "probe " + i + " went to r1's MAC");
        }
        // cold caches: h1 resolves r1 across the switch, r1 resolves wan, wan resolves srv (one
        // link each); the way back finds every entry made by the requests on the way out
        assertEquals(SERVER_RTT + ARP_VIA_SWITCH + ARP_ONE_LINK + ARP_ONE_LINK, srv.rtt(0));
        for (int i = 1; i < srv.sent(); i++) assertEquals(SERVER_RTT, srv.rtt(i), "probe " + i);
    }

    @Test
    @DisplayName("the gateway crashes at 5.005 s and restarts at 8.005 s: exactly the probes sent in between are lost, each one timeout after it left")
    void crashLosesEveryProbeUntilRestart() {
        long crash = between(5, 5);
        long restart = between(8, 5);
        long end = between(10, 5);
        // after the restart r1's caches are empty: it resolves wan (one link) before forwarding,
        // and h1 (across the switch) before delivering the reply; h1 still has r1's MAC
        long recoveryRtt = SERVER_RTT + ARP_ONE_LINK + ARP_VIA_SWITCH;
        assertTrue(recoveryRtt < INTERVAL / 2, "no probe in flight at the failure or repair instants");
        assertTrue(ArpSettings.DEFAULT.entryTimeoutNanos() > end, "h1's ARP entry for r1 outlives the run: no re-resolution");

        sim.crash(crash, "r1");
        sim.restart(restart, "r1");
        sim.run(end);

        ProbeLog.Flow srv = probes.flow("h1", "srv");
        List<Long> expectedLost = sendTimesBetween(crash, restart);
        assertEquals(300, expectedLost.size(), "3 s at one probe per 10 ms");
        assertEquals(expectedLost, srv.lostSentTimes());
        assertEquals(sentBy(end), srv.sent());
        assertEquals(srv.sent() - expectedLost.size(), srv.answered(), "every other probe answered");

        ProbeLog.Outage outage = srv.outages().get(0);
        assertEquals(1, srv.outages().size());
        assertEquals(firstSendAfter(crash), outage.firstLostSentAt());
        assertEquals(firstSendAfter(restart), outage.recoveredSentAt());
        assertEquals(3 * Probing.SECOND, outage.durationNanos());
        assertEquals(recoveryRtt, outage.recoveryRtt());

        List<TraceEvent.ProbeLost> lost = trace.ofType(TraceEvent.ProbeLost.class, "h1");
        assertEquals(expectedLost.size(), lost.size());
        for (TraceEvent.ProbeLost l : lost) assertEquals(l.sentAt() + TIMEOUT, l.at(), "declared lost one timeout after sending");
    }
}
