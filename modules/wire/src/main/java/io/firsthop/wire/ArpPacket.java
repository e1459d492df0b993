package io.firsthop.wire;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol 0x0800,
 * lengths 6 and 4, which is all firsthop models.
 *
 * <pre>
 * | HTYPE=1 (2) | PTYPE=0x0800 (2) | HLEN=6 (1) | PLEN=4 (1) | OPER (2) |
 * | SHA (6) | SPA (4) | THA (6) | TPA (4) |
 * </pre>
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp,
                        MacAddress targetMac, Ipv4Address targetIp) implements EthernetPayload {
    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    public ArpPacket {
        java.util.Objects.requireNonNull(senderMac, "senderMac");
        java.util.Objects.requireNonNull(senderIp, "senderIp");
        java.util.Objects.requireNonNull(targetMac, "targetMac");
        java.util.Objects.requireNonNull(targetIp, "targetIp");
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation must be 1 (request) or 2 (reply), was " + operation);
        }
    }

    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    public static ArpPacket reply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {
        return new ArpPacket(REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    /**
     * A gratuitous ARP announcing {@code ip} at {@code mac}: a request whose sender and target
     * address are both {@code ip} (RFC 5227 §3 calls this an ARP announcement; RFC 5798
     * §6.4.1 sends one per virtual address on becoming Master).
     */
    public static ArpPacket gratuitous(MacAddress mac, Ipv4Address ip) {
        return new ArpPacket(REQUEST, mac, ip, MacAddress.ZERO, ip);
    }

    public boolean isRequest() {
        return operation == REQUEST;
    }

    public boolean isReply() {
        return operation == REPLY;
    }

    public boolean isGratuitous() {
        return senderIp.equals(targetIp);
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_ARP;
    }
}
