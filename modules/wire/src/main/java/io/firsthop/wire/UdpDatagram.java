package io.firsthop.wire;

/**
 * A UDP datagram (RFC 768). Length and checksum (over the IPv4 pseudo-header) are computed
 * when encoding.
 *
 * <pre>
 * | Source Port (2) | Destination Port (2) | Length (2) | Checksum (2) | data ... |
 * </pre>
 */
public record UdpDatagram(int sourcePort, int destinationPort, UdpPayload payload) implements Ipv4Payload {
    public static final int PORT_HSRP = 1985;
    public static final int PORT_HSRP_V2_IPV6 = 2029;
    public static final int PORT_GLBP = 3222;

    /**
     * Ports are 16-bit; HSRP and GLBP payloads go to their own port, because the decoder tells
     * the payload kind by destination port and would otherwise read it back as something else.
     */
    public UdpDatagram {
        java.util.Objects.requireNonNull(payload, "payload");
        if (sourcePort < 0 || sourcePort > 0xFFFF) throw new IllegalArgumentException("UDP source port must be 0..65535, was " + sourcePort);
        if (destinationPort < 0 || destinationPort > 0xFFFF) {
            throw new IllegalArgumentException("UDP destination port must be 0..65535, was " + destinationPort);
        }
        int expectedPort = switch (payload) {
            case HsrpV1Message m -> PORT_HSRP;
            case HsrpV2Message m -> PORT_HSRP;
            case GlbpMessage m -> PORT_GLBP;
            case RawUdpPayload r -> destinationPort;
        };
        if (destinationPort != expectedPort) {
            throw new IllegalArgumentException(payload.getClass().getSimpleName() + " goes to UDP port " + expectedPort + ", not " + destinationPort);
        }
    }

    @Override
    public int protocol() {
        return Ipv4Packet.PROTOCOL_UDP;
    }
}
