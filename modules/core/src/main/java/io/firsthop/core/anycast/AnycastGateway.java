package io.firsthop.core.anycast;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A gateway with no election: every router that carries the same {@link AnycastConfig} answers
 * ARP for the gateway addresses with the same virtual MAC and routes frames sent to it. This is
 * Arista's VARP on an MLAG pair and the distributed anycast gateway of an EVPN fabric, where
 * every leaf in every site is the gateway. There is no hello and no standby: the group is
 * active whenever its router runs and its port is up, so losing one router costs hosts nothing
 * but the frames in flight, provided the network delivers the MAC to another one (switches
 * keep the MAC local with {@link io.firsthop.core.l2.GatewayMac}).
 *
 * <p>How to drive it: add it to a router's port with {@code router.addGroup(...)} before power-on;
 * the router does the rest. It answers pings to the gateway addresses (on an EVPN leaf they are
 * the SVI's own address). It sends nothing of its own: no gratuitous ARP, since nothing
 * has to move when a peer fails. State changes ("active", "down") are traced with
 * {@link TraceEvent.StateChanged} for the reports.
 */
public final class AnycastGateway implements FirstHopGroup {
    private final int port;
    private final AnycastConfig config;
    private final Set<Ipv4Address> addresses;
    private String description;
    private boolean running;
    private boolean active;

    public AnycastGateway(int port, AnycastConfig config) {
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
        this.addresses = Set.copyOf(config.virtualAddresses());
        this.description = config.kind() + " " + config.virtualMac() + " on port" + port;
    }

    public AnycastConfig config() {
        return config;
    }

    public MacAddress virtualMac() {
        return config.virtualMac();
    }

    /** Whether the gateway answers now: its router runs and its port is up. */
    public boolean active() {
        return active;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The gateway addresses. The group has no group-numbered MAC ({@link #protocol()} is null): its MAC is configured. */
    @Override
    public List<Ipv4Address> virtualAddresses() {
        return config.virtualAddresses();
    }

    @Override
    public void start(long now, GroupIo io) {
        description = config.kind() + " " + config.virtualAddresses().get(0) + " on " + io.portName();
        running = true;
        setActive(io.portUp(port), "startup", now, io);
    }

    @Override
    public void shutdown(long now, GroupIo io) {
        setActive(false, "shutdown", now, io);
        running = false;
    }

    @Override
    public void crash() {
        running = false;
        active = false;
    }

    @Override
    public void portStateChanged(int changedPort, boolean up, long now, GroupIo io) {
        if (changedPort == port && running) setActive(up, up ? "interface-up" : "interface-down", now, io);
    }

    @Override
    public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
        return false;
    }

    @Override
    public void timerFired(Object key, long now, GroupIo io) {
        // arms none
    }

    @Override
    public boolean command(DeviceCommand command, long now, GroupIo io) {
        return false;
    }

    @Override
    public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
        return active && addresses.contains(target) ? config.virtualMac() : null;
    }

    @Override
    public boolean acceptsMac(MacAddress mac) {
        return active && mac.equals(config.virtualMac());
    }

    @Override
    public boolean ownsAddress(Ipv4Address ip) {
        return active && addresses.contains(ip);
    }

    private void setActive(boolean up, String cause, long now, GroupIo io) {
        if (active == up) return;
        active = up;
        io.trace(new TraceEvent.StateChanged(now, io.routerName(), description,
                up ? "down" : "active", up ? "active" : "down", cause));
    }

    @Override
    public String toString() {
        return description + (active ? " (active)" : " (down)");
    }
}
