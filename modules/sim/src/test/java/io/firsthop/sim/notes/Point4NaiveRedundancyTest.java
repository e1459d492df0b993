package io.firsthop.sim.notes;

import static io.firsthop.sim.notes.Probing.ARP_VIA_SWITCH;
import static io.firsthop.sim.notes.Probing.INTERVAL;
import static io.firsthop.sim.notes.Probing.SERVER_RTT;
import static io.firsthop.sim.notes.Probing.between;
import static io.firsthop.sim.notes.Probing.firstSendAfter;
import static io.firsthop.sim.notes.Probing.sendTimesBetween;
import static io.firsthop.sim.notes.Probing.sentBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.SetGateway;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.ProbeLog;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notes point 4: two gateways with different addresses and no FHRP do not help: a host keeps
 * pointing at the dead one until someone changes its gateway setting.
 */
@DisplayName("Notes point 4: naive redundancy, two gateway addresses and no FHRP")
class Point4NaiveRedundancyTest {
    /** h1 uses r1, h2 uses r2; both ping the server. */
    private final Lan lan = Lan.builder().hosts(2).gateways(2).hostGateway("h2", "r2")
            .probe("h1", Probing.toServer())
            .probe("h2", Probing.toServer())
            .build();
    private final VirtualEngine sim = lan.engine();
    private final ProbeLog probes = new ProbeLog();
    private final TraceRecorder trace = new TraceRecorder(false);

    Point4NaiveRedundancyTest() {
        sim.addTraceSink(probes).addTraceSink(trace);
    }

    private MacAddress lanMac(String gateway) {
        return lan.gateway(gateway).config().interfaces().get(0).mac();
    }

    @Test
    @DisplayName("r1 dies at 3.005 s for good: h1 loses every probe until its gateway is set to r2 at 6.005 s, then reaches the server through r2")
    void outageLastsUntilTheHostIsReconfigured() {
        long crash = between(3, 5);
        long reconfigure = between(6, 5);
        long end = between(9, 5);
        // the first probe after the change waits for h1 to resolve r2 across the switch; r2 knows
        // wan already (it has been forwarding h2's probes), and since r1's uplink lost carrier wan
        // routes the LAN through r2, which it knows from r2's own ARP request
        long recoveryRtt = SERVER_RTT + ARP_VIA_SWITCH;
        assertTrue(recoveryRtt < INTERVAL / 2);

        sim.crash(crash, "r1");
        sim.command(reconfigure, "h1", new SetGateway(lan.address("r2")));
        sim.run(end);

        ProbeLog.Flow h1 = probes.flow("h1", "srv");
        List<Long> expectedLost = sendTimesBetween(crash, reconfigure);
        assertEquals(300, expectedLost.size(), "3 s of a dead gateway at one probe per 10 ms");
        assertEquals(expectedLost, h1.lostSentTimes(), "lost: every probe from the crash to the reconfiguration, none after");
        assertEquals(sentBy(end) - expectedLost.size(), h1.answered());

        ProbeLog.Outage outage = h1.outages().get(0);
        assertEquals(1, h1.outages().size());
        assertEquals(firstSendAfter(crash), outage.firstLostSentAt());
        assertEquals(firstSendAfter(reconfigure), outage.recoveredSentAt(), "the outage ends with the operator, not with any protocol");
        assertEquals(recoveryRtt, outage.recoveryRtt());
        for (int i = 0; i < h1.sent(); i++) {
            if (h1.fate(i) != ProbeLog.Fate.ANSWERED) continue;
            assertEquals(h1.sentAt(i) < crash ? lanMac("r1") : lanMac("r2"), h1.via(i), "gateway used by probe " + i);
        }
        assertEquals(lanMac("r2"), lan.host("h1").arpLookup(lan.address("r2")));
        assertTrue(trace.events().contains(new TraceEvent.Note(reconfigure, "h1", "default gateway 10.0.0.1 -> 10.0.0.2")));
    }

    @Test
    @DisplayName("a host already configured with the surviving gateway loses nothing, though the dead one is never repaired")
    void hostOnTheLiveGatewayUnaffected() {
        long crash = between(3, 5);
        long end = between(9, 5);
        sim.crash(crash, "r1");
        sim.run(end);

        ProbeLog.Flow h2 = probes.flow("h2", "srv");
        assertEquals(0, h2.lost());
        assertEquals(sentBy(end), h2.answered());
        ProbeLog.Flow h1 = probes.flow("h1", "srv");
        assertEquals(0, h1.answered() - sentBy(crash), "h1 got nothing answered after the crash");
        assertTrue(h1.lost() > 0 && h1.outages().size() == 1 && !h1.outages().get(0).recovered(), "h1 never recovers by itself");
    }
}
