package io.firsthop.core.host;

import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;

/**
 * How a bonded {@link Host} spreads its frames over its uplinks: a transmit hash in the manner
 * of Linux bonding's {@code xmit_hash_policy} (static LAG, "balance-xor" or an 802.3ad
 * port-channel without LACP), {@link Policy#LAYER3_4 layer3+4} or {@link Policy#LAYER2 layer2}.
 * Every frame of one flow takes the same member, so a flow is never reordered; with layer3+4
 * different flows spread over the members, with layer2 everything a host sends to one MAC (its
 * gateway) takes one member.
 *
 * <p>For IPv4 the hash starts from the layer-4 word (UDP ports; for ICMP echo the identifier,
 * which Linux uses since 5.5 because ICMP has no ports), is XORed with both addresses and
 * folded ({@code h ^= h >>> 16; h ^= h >>> 8; h >>> 1}); anything else (ARP) falls back to
 * the layer-2 hash of the MACs' last octets and the EtherType. The member is the hash modulo
 * the number of usable (up) members. The folding is Linux's; the byte order of the words is
 * firsthop's own, so the member a given flow takes is not claimed to match a Linux box.
 */
public final class BondHash {
    private BondHash() {
    }

    /** Linux bonding's {@code xmit_hash_policy} values a host implements. */
    public enum Policy {
        /** {@code layer2}, Linux's default: the MACs' last octets and the EtherType, so one member per peer MAC. */
        LAYER2,
        /** {@code layer3+4}: addresses and ports (the echo identifier for ICMP); layer2 for anything not IPv4. */
        LAYER3_4
    }

    /** The layer3+4 hash of an IPv4 flow: {@code l4Word} is the ports (UDP) or the echo identifier (ICMP). */
    public static int layer34(Ipv4Address source, Ipv4Address destination, int l4Word) {
        int h = l4Word ^ source.value() ^ destination.value();
        h ^= h >>> 16;
        h ^= h >>> 8;
        return h >>> 1;
    }

    /** The layer2 fallback: last octets of both MACs and the EtherType. */
    public static int layer2(MacAddress source, MacAddress destination, int etherType) {
        return (int) ((source.value() ^ destination.value()) & 0xFF) ^ etherType;
    }

    /** The hash of a frame a host transmits. */
    public static int of(EthernetFrame frame) {
        if (frame.payload() instanceof Ipv4Packet ip) {
            int l4 = switch (ip.payload()) {
                case IcmpEcho echo -> echo.identifier();
                case UdpDatagram udp -> (udp.sourcePort() << 16) | udp.destinationPort();
                default -> 0;
            };
            return layer34(ip.source(), ip.destination(), l4);
        }
        return layer2(frame.source(), frame.destination(), frame.etherType());
    }

    /** The hash of a frame a host transmits under {@code policy}. */
    public static int of(EthernetFrame frame, Policy policy) {
        // Linux's layer2 policy hashes every frame by its MACs alone, unfolded (bond_eth_hash)
        return policy == Policy.LAYER2 ? layer2(frame.source(), frame.destination(), frame.etherType()) : of(frame);
    }

    /** Which of {@code usableMembers} (in port order) carries a frame of hash {@code hash}. */
    public static int member(int hash, int usableMembers) {
        return hash % usableMembers;
    }

    /**
     * The member (0 = the host's first port, 1 = its bond port) that probe flow number
     * {@code flowIndex} of a host at {@code source} takes towards {@code destination} while
     * both members are up: what a test predicts before it runs.
     */
    public static int probeMember(Ipv4Address source, Ipv4Address destination, int flowIndex) {
        return member(layer34(source, destination, flowIndex + 1), 2);
    }

    /**
     * The member (0 = the host's first port, 1 = its bond port) that probe flow number
     * {@code flowIndex} of a host ({@code hostMac}, {@code source}) takes towards
     * {@code destination} through the gateway MAC {@code via} under {@code policy}, while both
     * members are up.
     */
    public static int probeMember(Policy policy, MacAddress hostMac, Ipv4Address source, MacAddress via, Ipv4Address destination,
                                  int flowIndex) {
        return policy == Policy.LAYER2
                ? member(layer2(hostMac, via, EthernetFrame.ETHERTYPE_IPV4), 2)
                : probeMember(source, destination, flowIndex);
    }
}
