package io.firsthop.core.l3;

import io.firsthop.core.DeviceCommand;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Set;

/**
 * A first-hop redundancy group (a VRRP virtual router, an HSRP group, a GLBP group, an
 * anycast gateway) running on one interface of a {@link Router}. The router owns the wires
 * and asks the group the data-plane questions: which MAC answers ARP for an address, which
 * destination MACs it routes for, which addresses it answers pings for. Control-plane
 * packets and the group's own timers are handed to it with the current time; it acts
 * through {@link GroupIo}.
 */
public interface FirstHopGroup {
    /** The router port (interface index) the group runs on. */
    int port();

    /** A short human name, e.g. "vrrp 51 on ge0". */
    String describe();

    /**
     * The family of virtual MACs the group draws from, e.g. "vrrp", "hsrp", "hsrp2", "glbp";
     * null if it has no group-numbered virtual MAC. Two groups with equal {@code protocol()} and
     * {@link #groupId()} derive the same virtual MAC, so they must not share an L2 segment
     * (point 6 of the notes). VRRP v2 and v3 share "vrrp" (both use 00-00-5E-00-01-{VRID});
     * HSRP v1 and v2 do not (0000.0c07.acXX against 0000.0c9f.fXXX).
     */
    default String protocol() {
        return null;
    }

    /** The number the virtual MAC derives from (VRRP VRID, HSRP or GLBP group); -1 if none. */
    default int groupId() {
        return -1;
    }

    /** The virtual addresses the group serves; empty if it learns them from its peers (HSRP without a configured address). */
    default List<Ipv4Address> virtualAddresses() {
        return List.of();
    }

    /**
     * Whether {@code other}, with the same {@link #protocol()} and {@link #groupId()} on the same
     * segment, is another member of this very group rather than a second group whose virtual
     * MAC would collide with this one's. By default: the same protocol and number, and the same
     * virtual addresses (in any order) unless one side learns them.
     */
    default boolean sameGroupAs(FirstHopGroup other) {
        if (protocol() == null || !protocol().equals(other.protocol()) || groupId() != other.groupId()) return false;
        List<Ipv4Address> mine = virtualAddresses();
        List<Ipv4Address> theirs = other.virtualAddresses();
        return mine.isEmpty() || theirs.isEmpty() || Set.copyOf(mine).equals(Set.copyOf(theirs));
    }

    /** The router powered on (or restarted): start from Initialize/Initial. */
    void start(long now, GroupIo io);

    /** The router shuts down gracefully: say goodbye (VRRP priority 0, HSRP resign). */
    void shutdown(long now, GroupIo io);

    /** The router crashed: drop all state silently; the router has cancelled every timer. */
    void crash();

    /** A port of the router (this group's or another, for tracking) went up or down. */
    void portStateChanged(int port, boolean up, long now, GroupIo io);

    /**
     * Offers an IPv4 packet that arrived on the group's port (multicast or addressed to the
     * router). Returns true if the group consumed it (its own protocol's packet).
     */
    boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io);

    /** A timer this group armed through {@link GroupIo#armTimer} is due. */
    void timerFired(Object key, long now, GroupIo io);

    /** A command for this group (priority change, tracked object change); false if not understood. */
    boolean command(DeviceCommand command, long now, GroupIo io);

    /**
     * The MAC to put in an ARP reply for {@code target} asked by {@code requesterMac}
     * ({@code requesterIp}), or null if this group does not answer for it now.
     */
    MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp);

    /**
     * The Ethernet source of the ARP reply the router sends with {@code replyMac}, the MAC
     * {@link #arpReplyMac} gave. By default {@code replyMac} itself: a VRRP Master or HSRP Active
     * answers from the virtual MAC it forwards for, and switches learn it where it lives. A group
     * that hands out MACs other routers forward for (GLBP) answers from {@code interfaceMac}, so
     * that no switch learns another router's virtual MAC at this port.
     */
    default MacAddress arpReplySource(MacAddress replyMac, MacAddress interfaceMac) {
        return replyMac;
    }

    /** Whether the router should accept and route frames sent to {@code mac} on this port. */
    boolean acceptsMac(MacAddress mac);

    /** Whether the router should answer (as its own) IP packets sent to {@code ip}. */
    boolean ownsAddress(Ipv4Address ip);
}
