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

    @Override
    public int protocol() {
        return Ipv4Packet.PROTOCOL_UDP;
    }
}
