package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.pcap.PcapReader;
import io.firsthop.wire.pcap.PcapRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The keepalived 2.2.7 and FRR 8.4.4 VRRPv3 captures of src/test/resources/captures (facts
 * from its README, as tshark decodes them), read with {@link PcapReader} and decoded with the
 * pseudo-header checksum both implementations use by default.
 */
@DisplayName("real VRRPv3 captures (keepalived, FRR)")
class RealCaptureTest {
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address R2 = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address R3 = Ipv4Address.parse("10.0.0.3");
    static final MacAddress VMAC = VrrpAdvertisement.virtualMac(51);

    record Captured(PcapRecord record, EthernetFrame frame) {
        byte[] bytes() {
            return record.data().toArray();
        }

        boolean isVrrp() {
            return frame.payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement;
        }

        Ipv4Packet ip() {
            return (Ipv4Packet) frame.payload();
        }

        VrrpAdvertisement vrrp() {
            return (VrrpAdvertisement) ip().payload();
        }
    }

    static List<PcapRecord> records(String file) throws IOException {
        try (InputStream in = RealCaptureTest.class.getResourceAsStream("/captures/" + file)) {
            assertTrue(in != null, file + " is on the test class path");
            return new PcapReader(in).readAll();
        }
    }

    static List<Captured> decodeAll(String file) throws Exception {
        List<Captured> out = new ArrayList<>();
        for (PcapRecord r : records(file)) {
            out.add(new Captured(r, Frames.decode(r.data().toArray(), WireOptions.DEFAULT)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vrrp3-keepalived.pcap", "vrrp3-keepalived-failover.pcap", "vrrp3-frr.pcap", "vrrp3-frr-failover.pcap"})
    @DisplayName("every frame decodes and re-encodes byte for byte, checksums included")
    void everyFrameRoundTrips(String file) throws Exception {
        List<Captured> frames = decodeAll(file);
        assertFalse(frames.isEmpty());
        for (Captured c : frames) {
            assertEquals(c.record().originalLength(), c.record().data().length(), "frames are not cut by the snap length");
            assertEquals(hex(c.bytes()), hex(Frames.encode(c.frame(), WireOptions.DEFAULT)));
            assertEquals(c.bytes().length, Frames.encodedLength(c.frame()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vrrp3-keepalived.pcap", "vrrp3-keepalived-failover.pcap", "vrrp3-frr.pcap", "vrrp3-frr-failover.pcap"})
    @DisplayName("RFC 5798 §5.1/§5.2: every advert is v3 type 1, VRID 51, 100 cs, one address 10.0.0.1, TTL 255, CS6, to 224.0.0.18")
    void advertFacts(String file) throws Exception {
        for (Captured c : decodeAll(file)) {
            if (!c.isVrrp()) continue;
            Ipv4Packet ip = c.ip();
            VrrpAdvertisement a = c.vrrp();
            assertEquals(3, a.version());
            assertEquals(51, a.vrid());
            assertEquals(100, a.maxAdverInterval());
            assertEquals(List.of(VIP), a.addresses());
            assertEquals(255, ip.ttl());
            assertEquals(Ipv4Packet.DSCP_CS6, ip.dscp());
            assertEquals(Ipv4Address.VRRP_MULTICAST, ip.destination());
            assertEquals(Ipv4Packet.PROTOCOL_VRRP, ip.protocol());
            assertEquals(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), c.frame().destination());
            if (a.priority() == 110) {
                assertEquals(R2, ip.source());
                assertEquals("6bd5", hex(c.bytes()).substring(2 * (14 + 20 + 6), 2 * (14 + 20 + 8)), "checksum tshark marks correct");
            }
        }
    }

    @Test
    @DisplayName("a steady Master: five adverts at priority 110 from 10.0.0.2, about 1 s apart")
    void steadyMaster() throws Exception {
        for (String file : List.of("vrrp3-keepalived.pcap", "vrrp3-frr.pcap")) {
            List<Captured> frames = decodeAll(file);
            assertEquals(5, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(110, frames.get(i).vrrp().priority());
                assertEquals(R2, frames.get(i).ip().source());
                if (i > 0) {
                    long gap = frames.get(i).record().timestampNanos() - frames.get(i - 1).record().timestampNanos();
                    assertTrue(Math.abs(gap - 1_000_000_000L) < 20_000_000L, file + " gap " + gap);
                }
            }
        }
    }

    @Test
    @DisplayName("keepalived sends from the router's MAC and without DF; FRR from the virtual MAC 00:00:5e:00:01:33 with DF")
    void senders() throws Exception {
        for (Captured c : decodeAll("vrrp3-keepalived-failover.pcap")) {
            if (!c.isVrrp()) continue;
            MacAddress expected = c.ip().source().equals(R2) ? MacAddress.parse("02:00:00:00:00:02") : MacAddress.parse("02:00:00:00:00:03");
            assertEquals(expected, c.frame().source());
            assertFalse(c.ip().dontFragment());
        }
        for (Captured c : decodeAll("vrrp3-frr-failover.pcap")) {
            if (!c.isVrrp()) continue;
            assertEquals(VMAC, c.frame().source());
            assertTrue(c.ip().dontFragment());
        }
    }

    @Test
    @DisplayName("the VRRP payload is byte-identical between keepalived and FRR, checksum included")
    void samePayload() throws Exception {
        byte[] k = decodeAll("vrrp3-keepalived.pcap").get(0).bytes();
        byte[] f = decodeAll("vrrp3-frr.pcap").get(0).bytes();
        assertArrayEquals(java.util.Arrays.copyOfRange(k, 34, 46), java.util.Arrays.copyOfRange(f, 34, 46));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vrrp3-keepalived-failover.pcap", "vrrp3-frr-failover.pcap"})
    @DisplayName("RFC 5798 §6.4.3/§6.4.2: graceful failover: priority 0 from 10.0.0.2, then 10.0.0.3 (priority 100) about Skew_Time later, then gratuitous ARP")
    void gracefulFailover(String file) throws Exception {
        List<Captured> frames = decodeAll(file);
        int stop = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).isVrrp() && frames.get(i).vrrp().priority() == VrrpAdvertisement.PRIORITY_STOP) {
                assertEquals(-1, stop, "one priority-0 advert");
                stop = i;
            }
        }
        assertTrue(stop > 0, "a priority-0 advert follows priority-110 adverts");
        assertEquals(R2, frames.get(stop).ip().source());
        Captured takeover = frames.get(stop + 1);
        assertEquals(R3, takeover.ip().source());
        assertEquals(100, takeover.vrrp().priority());
        // Skew_Time = ((256 - 100) * Master_Adver_Interval / 256) = 609.375 ms; FRR rounds it down to 600 ms
        long gap = takeover.record().timestampNanos() - frames.get(stop).record().timestampNanos();
        assertTrue(gap >= 600_000_000L && gap < 615_000_000L, "Skew_Time gap " + gap);

        int arps = 0;
        for (Captured c : frames.subList(stop + 1, frames.size())) {
            if (c.frame().payload() instanceof ArpPacket arp) {
                arps++;
                assertTrue(arp.isGratuitous() && arp.isRequest(), "RFC 5798 §6.4.1: gratuitous ARP");
                assertEquals(VIP, arp.senderIp());
                assertEquals(c.frame().source(), arp.senderMac());
                assertEquals(MacAddress.BROADCAST, c.frame().destination());
            } else {
                assertEquals(R3, c.ip().source());
            }
        }
        if (file.contains("frr")) {
            assertEquals(1, arps, "FRR sends one gratuitous ARP");
            assertEquals(VMAC, frames.get(stop + 2).frame().source(), "from the virtual MAC");
        } else {
            assertTrue(arps > 1, "keepalived repeats its gratuitous ARPs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vrrp3-keepalived.pcap", "vrrp3-keepalived-failover.pcap", "vrrp3-frr.pcap", "vrrp3-frr-failover.pcap"})
    @DisplayName("RFC 9568 §5.2.8 mode: the captured adverts fail with BAD_CHECKSUM, and re-encoding changes the checksum")
    void rfc9568ModeDisagrees(String file) throws Exception {
        for (Captured c : decodeAll(file)) {
            if (!c.isVrrp()) {
                assertEquals(c.frame(), Frames.decode(c.bytes(), WireOptions.RFC9568), "non-VRRP frames do not depend on the switch");
                continue;
            }
            assertDecodeError(DecodeError.BAD_CHECKSUM, () -> Frames.decode(c.bytes(), WireOptions.RFC9568));
            byte[] again = Frames.encode(c.frame(), WireOptions.RFC9568);
            assertNotEquals(hex(c.bytes()), hex(again));
            assertEquals(hex(c.bytes()).substring(0, 80), hex(again).substring(0, 80), "only the VRRP checksum differs");
            assertEquals(hex(c.bytes()).substring(84), hex(again).substring(84));
            assertEquals(c.frame(), Frames.decode(again, WireOptions.RFC9568));
            if (c.vrrp().priority() == 110) assertEquals("5666", hex(again).substring(80, 84));
        }
    }
}
