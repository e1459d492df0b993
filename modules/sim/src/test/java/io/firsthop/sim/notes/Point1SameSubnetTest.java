package io.firsthop.sim.notes;

import static io.firsthop.sim.notes.Probing.INTERVAL;
import static io.firsthop.sim.notes.Probing.L;
import static io.firsthop.sim.notes.Probing.SECOND;
import static io.firsthop.sim.notes.Probing.between;
import static io.firsthop.sim.notes.Probing.sentBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.trace.TraceEvent.FrameReceived;
import io.firsthop.core.trace.TraceEvent.FrameSent;
import io.firsthop.sim.ProbeLog;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Notes point 1: hosts on one subnet talk directly, ARP broadcast then L2 (MAC only) delivery;
 * that traffic never touches a gateway and survives a gateway failure.
 */
@DisplayName("Notes point 1: same-subnet hosts reach each other by ARP and L2 only")
class Point1SameSubnetTest {
    /** h1 pings h2 (flow "h2") and the server (flow "srv"); r1 is the only gateway. */
    private final Lan lan = Lan.builder().hosts(2).gateways(1)
            .probe("h1", Probing.to("h2", Lan.hostAddress(2)))
            .probe("h1", Probing.toServer())
            .build();
    private final VirtualEngine sim = lan.engine();
    private final ProbeLog probes = new ProbeLog();

    Point1SameSubnetTest() {
        sim.addTraceSink(probes);
    }

    /** Whether a frame belongs to the h1 <-> h2 conversation: their IPv4 packets, or ARP between them. */
    private static boolean ofH1H2(EthernetFrame frame) {
        Set<Ipv4Address> pair = Set.of(Lan.hostAddress(1), Lan.hostAddress(2));
        return switch (frame.payload()) {
            case Ipv4Packet ip -> pair.contains(ip.source()) && pair.contains(ip.destination());
            case ArpPacket arp -> pair.contains(arp.senderIp()) && pair.contains(arp.targetIp());
            default -> false;
        };
    }

    @Test
    @DisplayName("the first probe waits for one ARP exchange across the switch, the next ones take the L2 round trip only")
    void arpThenL2() {
        sim.run(between(1, 5));
        ProbeLog.Flow h2 = probes.flow("h1", "h2");
        // h1 -> sw1 -> h2 is two links: a round trip is 4 L, and the first probe also waits for
        // h1's ARP request and h2's reply over the same two links
        long l2RoundTrip = 4 * L;
        assertEquals(4 * L + l2RoundTrip, h2.rtt(0));
        for (int i = 1; i < h2.sent(); i++) assertEquals(l2RoundTrip, h2.rtt(i), "probe " + i);
        assertEquals(lan.host("h2").config().mac(), h2.via(0), "sent to h2's own MAC, not to a gateway");
        assertEquals(lan.host("h2").config().mac(), lan.host("h1").arpLookup(Lan.hostAddress(2)));
    }

    @Test
    @DisplayName("no frame of the h1-h2 conversation reaches the gateway except the ARP broadcasts every port gets, and the gateway sends none")
    void gatewayNeverInvolved() {
        TraceRecorder frames = new TraceRecorder(true);
        sim.addTraceSink(frames);
        sim.run(between(1, 5));

        List<TraceEvent> atGateway = frames.forDevice("r1");
        List<EthernetFrame> received = atGateway.stream()
                .filter(e -> e instanceof FrameReceived).map(e -> ((FrameReceived) e).frame()).filter(Point1SameSubnetTest::ofH1H2).toList();
        assertEquals(1, received.size(), "exactly h1's one ARP request, flooded by sw1: " + received);
        assertTrue(received.get(0).destination().isBroadcast() && received.get(0).payload() instanceof ArpPacket a && a.isRequest());
        assertFalse(atGateway.stream().anyMatch(e -> e instanceof FrameSent s && ofH1H2(s.frame())), "r1 sent a frame of the conversation");
        assertTrue(probes.flow("h1", "h2").answered() > 0, "the conversation did happen");
    }

    @Test
    @DisplayName("when the gateway crashes, probes to h2 are all still answered while probes to the outside stop")
    void survivesGatewayCrash() {
        long crash = between(2, 5);
        long end = between(4, 5);
        sim.crash(crash, "r1");
        sim.run(end);

        ProbeLog.Flow h2 = probes.flow("h1", "h2");
        // the last probe leaves at 4.000 s and is answered 4 L later, before the end
        assertEquals(sentBy(end), h2.sent());
        assertEquals(h2.sent(), h2.answered(), "every same-subnet probe answered");
        assertEquals(0, h2.lost());

        ProbeLog.Flow srv = probes.flow("h1", "srv");
        for (int i = 0; i < srv.sent(); i++) {
            boolean beforeCrash = srv.sentAt(i) < crash;
            assertEquals(beforeCrash ? ProbeLog.Fate.ANSWERED : (srv.sentAt(i) + Probing.TIMEOUT <= end ? ProbeLog.Fate.LOST : ProbeLog.Fate.PENDING),
                    srv.fate(i), "srv probe sent at " + srv.sentAt(i));
        }
        assertEquals((int) ((crash - 1) / INTERVAL) + 1, srv.answered(), "answered: the probes sent before the crash");
        assertTrue(srv.lost() > 0 && end - crash > SECOND, "the outside probes did time out during the run");
    }
}
