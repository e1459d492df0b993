package io.firsthop.sim.topo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.l3.Route;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.sim.FrameLengths;
import io.firsthop.sim.ProbeLog;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LanTest {
    private static final long MS = 1_000_000L;

    @Nested
    @DisplayName("building")
    class Building {
        private final Lan lan = Lan.builder().hosts(3).gateways(2).hostGateway("h3", "r2").build();

        @Test
        @DisplayName("names, addresses and default gateways follow the documented plan")
        void plan() {
            assertEquals(List.of("h1", "h2", "h3"), lan.hosts());
            assertEquals(List.of("r1", "r2"), lan.gateways());
            assertEquals(Ipv4Address.parse("10.0.0.13"), lan.address("h3"));
            assertEquals(Ipv4Address.parse("10.0.0.2"), lan.address("r2"));
            assertEquals(Lan.SERVER, lan.address(Lan.SERVER_NAME));
            assertEquals(Ipv4Address.parse("10.0.0.1"), lan.host("h1").gateway());
            assertEquals(Ipv4Address.parse("10.0.0.2"), lan.host("h3").gateway());
            assertEquals(MacAddress.parse("02:00:00:00:00:03"), lan.host("h3").config().mac());
            assertEquals(MacAddress.parse("02:00:00:01:02:00"), lan.gateway("r2").config().interfaces().get(0).mac());
            assertEquals("p4", lan.switchPort("r1"));
            assertEquals("p5", lan.switchPort("r2"));
            assertEquals("sw1-r2", lan.gatewayLink("r2"));
            assertEquals("h2-sw1", lan.accessLink("h2"));
            assertEquals("r1-wan", lan.uplink("r1"));
        }

        @Test
        @DisplayName("wan prefers r1 for the LAN and falls back to r2 while r1's uplink has no carrier")
        void floatingRoute() {
            lan.engine().run(MS);
            var wan = (io.firsthop.core.l3.Router) lan.engine().device(Lan.UPSTREAM);
            Route viaR1 = wan.route(Lan.hostAddress(1));
            assertEquals(Ipv4Address.parse("192.0.2.1"), viaR1.nextHop());
            lan.engine().crash(lan.engine().now(), "r1");
            lan.engine().run(MS);
            assertEquals(Ipv4Address.parse("192.0.2.5"), wan.route(Lan.hostAddress(1)).nextHop());
        }

        @Test
        @DisplayName("unknown hosts or gateways are rejected when building, naming the choices")
        void rejectsUnknownNames() {
            var e = assertThrows(IllegalArgumentException.class, () -> Lan.builder().hosts(2).hostGateway("h3", "r1").build());
            assertEquals("unknown device 'h3' (expected one of [h1, h2])", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Lan.builder().gateways(1).hostGateway("h1", "r2").build());
            assertThrows(IllegalArgumentException.class, () -> Lan.builder().gateways(3));
            assertThrows(IllegalArgumentException.class, () -> Lan.builder().hosts(0));
        }
    }

    @Nested
    @DisplayName("frame length")
    class FrameLength {
        @Test
        @DisplayName("is the codec's encoding padded to 60 octets, plus the 4-octet FCS, where the engine's estimate has to guess")
        void exactWhereTheEstimateGuesses() {
            EthernetFrame hsrp = EthernetFrame.untagged(HsrpV2Message.virtualMac(1), MacAddress.parse("02:00:00:00:00:01"),
                    Ipv4Packet.of(1, Ipv4Address.parse("10.0.0.2"), Ipv4Address.HSRP_V2_MULTICAST, new UdpDatagram(1985, 1985,
                            HsrpV2Message.hello(HsrpState.ACTIVE, 1, MacAddress.parse("02:00:00:00:00:01"), 100, Ipv4Address.parse("10.0.0.1")))));
            int onTheWire = Frames.encode(hsrp, new WireOptions(true, true)).length + 4;
            assertEquals(onTheWire, Lan.wireLength(hsrp));
            assertNotEquals(FrameLengths.estimate(hsrp), Lan.wireLength(hsrp), "the estimate counts HSRP as 20 octets");

            EthernetFrame arp = EthernetFrame.untagged(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
                    ArpPacket.request(MacAddress.parse("02:00:00:00:00:01"), Lan.hostAddress(1), Lan.hostAddress(2)));
            assertEquals(64, Lan.wireLength(arp), "42 octets padded to 60, plus the FCS");
        }

        @Test
        @DisplayName("is what rate-limited links serialize: the first ping's round trip is two ARP frames and two echoes, twice each")
        void pluggedIntoTheEngine() {
            // 8 Mbit/s: one microsecond per octet; no propagation delay
            Lan lan = Lan.builder().hosts(2).links(LinkConfig.IDEAL.withRate(8_000_000))
                    .probe("h1", new ProbeFlow("h2", Lan.hostAddress(2), 10 * MS, 1_000 * MS, 0)).build();
            ProbeLog probes = new ProbeLog();
            lan.engine().addTraceSink(probes);
            lan.engine().run(5 * MS);
            int arpFrame = 64;            // 28-octet ARP in a minimum frame
            int echoFrame = 14 + 20 + 8 + 56 + 4; // ping's 56 data octets
            // request and reply of each, each over two links (host - switch - host)
            assertEquals(1_000L * 2 * (2 * arpFrame + 2 * echoFrame), probes.flow("h1", "h2").rtt(0));
        }
    }

    @Test
    @DisplayName("a probe to the server crosses four links each way")
    void serverPath() {
        Lan lan = Lan.builder().hosts(1).probe("h1", new ProbeFlow("srv", Lan.SERVER, 10 * MS, 1_000 * MS, 0)).build();
        ProbeLog probes = new ProbeLog();
        lan.engine().addTraceSink(probes);
        lan.engine().run(15 * MS);
        assertEquals(2L * Lan.LINKS_HOST_TO_SERVER * Lan.DEFAULT_LATENCY_NANOS, probes.flow("h1", "srv").rtt(1));
        assertTrue(probes.flow("h1", "srv").rtt(0) > probes.flow("h1", "srv").rtt(1), "the first one also resolved ARP");
    }
}
