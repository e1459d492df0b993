package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventTextTest {
    private static final MacAddress H1 = MacAddress.parse("02:00:00:00:00:01");
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.11");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.1");

    @Test
    @DisplayName("times print as seconds with microsecond digits; measured durations with a fixed precision, settings as written")
    void times() {
        assertEquals("1.005000", EventText.time(1_005_000_000L));
        assertEquals("0.000099", EventText.time(99_400L));
        assertEquals("2.000 s", EventText.duration(2_000_000_000L));
        assertEquals("1.50 ms", EventText.duration(1_500_000L));
        assertEquals("717 us", EventText.duration(717_000L));
        assertEquals("1 s", EventText.setting(1_000_000_000L));
        assertEquals("10 ms", EventText.setting(10_000_000L));
        assertEquals("50 us", EventText.setting(50_000L));
    }

    @Test
    @DisplayName("frames read like tcpdump")
    void frames() {
        EthernetFrame who = EthernetFrame.untagged(MacAddress.BROADCAST, H1, ArpPacket.request(H1, A, B));
        assertEquals("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ARP who-has 10.0.0.1 tell 10.0.0.11", EventText.frame(who));
        EthernetFrame ping = EthernetFrame.untagged(MacAddress.parse("02:00:00:01:01:00"), H1,
                Ipv4Packet.of(64, A, B, IcmpEcho.request(1, 7, Bytes.zeros(56))));
        assertEquals("02:00:00:00:00:01 > 02:00:00:01:01:00, IP 10.0.0.11 > 10.0.0.1 ttl 64: ICMP echo request id 1 seq 7",
                EventText.frame(ping));
        assertEquals("dropped (PORT_DOWN, eth0 is down) on eth0: " + EventText.frame(ping),
                EventText.describe(new TraceEvent.FrameDropped(0, "h1", "eth0", ping, DropReason.PORT_DOWN, "eth0 is down")));
        assertEquals("ARP: 10.0.0.1 moved from 02:00:00:00:00:01 to 02:00:00:01:01:00",
                EventText.describe(new TraceEvent.ArpLearned(0, "h1", B, MacAddress.parse("02:00:00:01:01:00"), H1)));
    }
}
