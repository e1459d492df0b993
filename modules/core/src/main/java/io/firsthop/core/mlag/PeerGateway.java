package io.firsthop.core.mlag;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.l3.PriorityTracking;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Active-active forwarding on an MLAG pair, as Cisco's vPC {@code peer-gateway} and Arista's
 * MLAG with VRRP do it: the group keeps its election (one Master answers ARP and sends
 * adverts), but the router routes frames sent to the group's virtual MAC whatever the group's
 * state, so a frame that the host's LAG hashed to the standby's switch is routed there instead
 * of crossing the peer link to the Master. The switches must deliver the virtual MAC to their
 * own router ({@link io.firsthop.core.l2.GatewayMac} on each peer).
 *
 * <p>How to drive it: wrap the group ({@code new PeerGateway(vrrpGroup, vrrpGroup.virtualMac())})
 * and add the wrapper to the router instead of the group. Everything else is the wrapped
 * group's: election, ARP replies, adverts, commands, and tracking when the wrapped group is
 * {@link PriorityTracking} (bind the wrapper with {@code router.track}).
 */
public final class PeerGateway implements FirstHopGroup, PriorityTracking {
    private final FirstHopGroup group;
    private final Set<MacAddress> macs;
    private boolean running;

    /** Wraps {@code group}, also routing frames to {@code macs} (its virtual MAC, usually). */
    public PeerGateway(FirstHopGroup group, MacAddress... macs) {
        this.group = Objects.requireNonNull(group, "group");
        this.macs = Set.of(macs);
        if (this.macs.isEmpty()) throw new IllegalArgumentException("peer-gateway needs at least one MAC");
    }

    /** The wrapped group. */
    public FirstHopGroup group() {
        return group;
    }

    @Override
    public int port() {
        return group.port();
    }

    @Override
    public String describe() {
        return group.describe() + " (peer-gateway)";
    }

    @Override
    public String protocol() {
        return group.protocol();
    }

    @Override
    public int groupId() {
        return group.groupId();
    }

    @Override
    public List<Ipv4Address> virtualAddresses() {
        return group.virtualAddresses();
    }

    @Override
    public boolean sameGroupAs(FirstHopGroup other) {
        // the peer's member is usually wrapped too: compare what is inside
        return group.sameGroupAs(other instanceof PeerGateway pg ? pg.group : other);
    }

    @Override
    public void start(long now, GroupIo io) {
        running = true;
        group.start(now, io);
    }

    @Override
    public void shutdown(long now, GroupIo io) {
        group.shutdown(now, io);
        running = false;
    }

    @Override
    public void crash() {
        running = false;
        group.crash();
    }

    @Override
    public void portStateChanged(int port, boolean up, long now, GroupIo io) {
        group.portStateChanged(port, up, now, io);
    }

    @Override
    public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
        return group.receive(frame, packet, now, io);
    }

    @Override
    public void timerFired(Object key, long now, GroupIo io) {
        group.timerFired(key, now, io);
    }

    @Override
    public boolean command(DeviceCommand command, long now, GroupIo io) {
        return group.command(command, now, io);
    }

    @Override
    public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
        return group.arpReplyMac(target, requesterMac, requesterIp);
    }

    @Override
    public boolean acceptsMac(MacAddress mac) {
        return group.acceptsMac(mac) || (running && macs.contains(mac));
    }

    @Override
    public boolean ownsAddress(Ipv4Address ip) {
        return group.ownsAddress(ip);
    }

    @Override
    public String trackedValueName() {
        return group instanceof PriorityTracking pt ? pt.trackedValueName() : PriorityTracking.super.trackedValueName();
    }

    @Override
    public boolean trackable() {
        return group instanceof PriorityTracking pt && pt.trackable();
    }

    @Override
    public int trackedValue() {
        if (!(group instanceof PriorityTracking pt)) throw new IllegalStateException(group.describe() + " is not tracked");
        return pt.trackedValue();
    }

    @Override
    public void trackingChanged(int decrement, boolean fault, long now, GroupIo io) {
        if (group instanceof PriorityTracking pt) pt.trackingChanged(decrement, fault, now, io);
    }

    @Override
    public String toString() {
        return describe();
    }
}
