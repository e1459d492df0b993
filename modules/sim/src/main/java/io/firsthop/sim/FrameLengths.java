package io.firsthop.sim;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.EthernetPayload;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import io.firsthop.wire.VrrpAdvertisement;

/**
 * The engine's default frame length, used for link serialization until the wire codec's exact
 * length is plugged in ({@link VirtualEngine#setFrameLength}). Counts the Ethernet header
 * (plus 4 for an 802.1Q tag), the payload's header sizes from the RFCs, padding to the 60-byte
 * minimum and the 4-byte FCS; not the preamble nor the inter-frame gap. UDP payloads this
 * module does not know (HSRP, GLBP) count as {@value #UNKNOWN_UDP_PAYLOAD_BYTES} bytes, the
 * size of an HSRPv1 message.
 */
public final class FrameLengths {
    static final int UNKNOWN_UDP_PAYLOAD_BYTES = 20;
    private static final int ETHERNET_HEADER = 14;
    private static final int DOT1Q_TAG = 4;
    private static final int MIN_FRAME_WITHOUT_FCS = 60;
    private static final int FCS = 4;

    private FrameLengths() {
    }

    /** The estimated length on the wire of {@code frame}, FCS included. */
    public static int estimate(EthernetFrame frame) {
        int length = ETHERNET_HEADER + (frame.vlan() != null ? DOT1Q_TAG : 0) + payload(frame.payload());
        return Math.max(length, MIN_FRAME_WITHOUT_FCS) + FCS;
    }

    private static int payload(EthernetPayload payload) {
        return switch (payload) {
            case ArpPacket arp -> 28;
            case Ipv4Packet ip -> 20 + ip.options().length() + ipPayload(ip.payload());
            case RawEthernetPayload raw -> raw.data().length();
        };
    }

    private static int ipPayload(Ipv4Payload payload) {
        return switch (payload) {
            case IcmpEcho echo -> 8 + echo.data().length();
            case IcmpError error -> 8 + error.invokingPacket().length();
            case UdpDatagram udp -> 8 + udpPayload(udp.payload());
            // RFC 5798 §5.1 (v3): 8-byte header + addresses; RFC 3768 §5.1 (v2) adds 8 bytes of authentication data
            case VrrpAdvertisement vrrp -> 8 + 4 * vrrp.addresses().size() + (vrrp.version() == 2 ? 8 : 0);
            case RawIpPayload raw -> raw.data().length();
        };
    }

    private static int udpPayload(UdpPayload payload) {
        return payload instanceof RawUdpPayload raw ? raw.data().length() : UNKNOWN_UDP_PAYLOAD_BYTES;
    }
}
