package io.firsthop.core.vrrp;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.l3.PriorityTracking;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A VRRP virtual router as a router's {@link FirstHopGroup}: it holds a {@link VrrpRouter}
 * core, turns the core's outputs into frames, timers and trace events through {@link GroupIo},
 * and answers the router's data-plane questions from the core's state. It holds no protocol
 * logic of its own beyond framing and the receive-side classification of packets the wire
 * decoder could not turn into an advertisement.
 *
 * <p>How to drive it: the router calls {@link #start} when it powers on, {@link #receive} with
 * every IPv4 packet arriving on the group's port, {@link #timerFired} with the keys the group
 * armed ({@link VrrpTimer} values), {@link #portStateChanged} for port changes,
 * {@link #shutdown} or {@link #crash} when it stops, and {@link #command} with
 * {@link VrrpCommand.SetPriority}.
 *
 * <p>Tracking ({@link PriorityTracking}): the running priority is the base priority (the
 * configured one, or the last {@link VrrpCommand.SetPriority}) lowered by the decrements of the
 * tracked objects that are down, clamped to 1..254; an address owner cannot be tracked. A
 * fault (a down object bound with {@link io.firsthop.core.track.TrackEffect.Fault}) makes a
 * Master resign as on a shutdown, with a priority-0 advertisement, and holds the group in
 * Initialize, port up or not, until the fault clears; the core then gets a Startup-like
 * {@link VrrpInput.FaultCleared}. Every PowerOn starts with nothing tracked down.
 */
public final class VrrpGroup implements FirstHopGroup, PriorityTracking {
    /** 01-00-5E-00-00-12, the Ethernet group of 224.0.0.18 (RFC 1112 §6.4). */
    public static final MacAddress VRRP_MULTICAST_MAC = MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST);
    /** RFC 5798 §5.1.1.3: the TTL of every VRRP packet. */
    public static final int VRRP_TTL = 255;

    private final int port;
    private final VrrpConfig config;
    private final MacAddress virtualMac;
    private final Set<Ipv4Address> virtualAddresses;
    private final List<EthernetFrame> gratuitousArps;

    private VrrpRouter router;
    private boolean running;
    /** The priority set by SetPriority, or 0 for the configured one. */
    private int priorityOverride;
    private int trackDecrement;
    private boolean faulted;
    private String portName;
    private String description;
    private SendCache advertCache;

    /** The last advertisement frame built, reused while the advertisement and source stay the same. */
    private record SendCache(VrrpAdvertisement advert, Ipv4Address source, EthernetFrame frame) {}

    public VrrpGroup(int port, VrrpConfig config) {
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
        this.virtualMac = VrrpAdvertisement.virtualMac(config.vrid());
        this.virtualAddresses = Set.copyOf(config.virtualAddresses());
        List<EthernetFrame> garps = new ArrayList<>(config.virtualAddresses().size());
        for (Ipv4Address vip : config.virtualAddresses()) {
            // RFC 5798 §6.4.1 / §6.4.2 (erratum 7949): a broadcast gratuitous ARP carrying the
            // virtual address, with the virtual MAC as sender and as target link-layer address;
            // sent from the virtual MAC (§7.3) so switches learn where it now lives.
            ArpPacket arp = new ArpPacket(ArpPacket.REQUEST, virtualMac, vip, virtualMac, vip);
            garps.add(EthernetFrame.untagged(MacAddress.BROADCAST, virtualMac, arp));
        }
        this.gratuitousArps = List.copyOf(garps);
        this.description = "vrrp " + config.vrid() + " on port" + port;
    }

    public VrrpConfig config() {
        return config;
    }

    /** The virtual router MAC 00-00-5E-00-01-{VRID} (RFC 5798 §7.3). */
    public MacAddress virtualMac() {
        return virtualMac;
    }

    /** The core, for inspection (state, timers, counters); null before the first start and after a crash. */
    public VrrpRouter router() {
        return router;
    }

    /** The core's state; Initialize when there is no core. */
    public VrrpState state() {
        return router == null ? VrrpState.INITIALIZE : router.state();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return description;
    }

    /** "vrrp": VRRP v2 and v3 share the virtual MACs 00-00-5E-00-01-{VRID}. */
    @Override
    public String protocol() {
        return "vrrp";
    }

    /** The VRID. */
    @Override
    public int groupId() {
        return config.vrid();
    }

    @Override
    public List<Ipv4Address> virtualAddresses() {
        return config.virtualAddresses();
    }

    /**
     * Members of one virtual router share the VRID, the addresses and the version: a v2 and a v3
     * router discard each other's advertisements (RFC 5798 §7.1), so they would both be Master
     * behind one virtual MAC.
     */
    @Override
    public boolean sameGroupAs(FirstHopGroup other) {
        return FirstHopGroup.super.sameGroupAs(other)
                && (!(other instanceof VrrpGroup v) || v.config.version() == config.version());
    }

    @Override
    public void start(long now, GroupIo io) {
        portName = io.portName();
        description = "vrrp " + config.vrid() + " on " + portName;
        router = new VrrpRouter(config, io.primaryAddress().address());
        advertCache = null;
        running = true;
        trackDecrement = 0;
        faulted = false;
        if (!config.owner() && runningPriority() != config.priority()) {
            router.handle(new VrrpInput.PriorityChanged(runningPriority()), now);
        }
        // A router powering on with the group's port down waits in Initialize for the port.
        if (io.portUp(port)) apply(router.handle(VrrpInput.STARTUP, now), now, io, null);
    }

    @Override
    public void shutdown(long now, GroupIo io) {
        if (router != null && running) apply(router.handle(VrrpInput.SHUTDOWN, now), now, io, null);
        running = false;
    }

    @Override
    public void crash() {
        // A crash loses everything silently; the router has already cancelled the timers.
        router = null;
        running = false;
        advertCache = null;
    }

    @Override
    public void portStateChanged(int changedPort, boolean up, long now, GroupIo io) {
        if (changedPort != port || router == null || !running) return;
        if (up && faulted) return; // a faulted group waits in Initialize for the fault to clear
        apply(router.handle(up ? VrrpInput.INTERFACE_UP : VrrpInput.INTERFACE_DOWN, now), now, io, null);
    }

    @Override
    public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
        if (packet.protocol() != Ipv4Packet.PROTOCOL_VRRP || !packet.destination().equals(Ipv4Address.VRRP_MULTICAST)) {
            return false;
        }
        VrrpInput input;
        if (packet.payload() instanceof VrrpAdvertisement adv) {
            if (adv.vrid() != config.vrid()) return false;
            input = new VrrpInput.AdvertReceived(packet.source(), packet.ttl(), adv);
        } else if (packet.payload() instanceof RawIpPayload raw) {
            Bytes data = raw.data();
            if (data.length() < 2 || (data.get(1) & 0xFF) != config.vrid()) return false;
            input = new VrrpInput.MalformedAdvertReceived(classify(packet.ttl(), data));
        } else {
            return false;
        }
        if (router != null && running) apply(router.handle(input, now), now, io, frame);
        return true;
    }

    /**
     * Names the RFC 5798 §7.1 check a VRRP packet for our VRID failed when the decoder could
     * not make an advertisement of it, in the RFC's order. A complete packet with a good header
     * has only the checksum left to fail.
     */
    private VrrpError classify(int ttl, Bytes data) {
        if (ttl != VRRP_TTL) return VrrpError.IP_TTL_ERROR;
        if (data.length() < 8) return VrrpError.PACKET_LENGTH_ERROR;
        int versionAndType = data.get(0) & 0xFF;
        if ((versionAndType >>> 4) != config.version()) return VrrpError.VERSION_ERROR;
        if ((versionAndType & 0x0F) != VrrpAdvertisement.TYPE_ADVERTISEMENT) return VrrpError.INVALID_TYPE;
        int count = data.get(3) & 0xFF;
        int needed = 8 + 4 * count + (config.version() == 2 ? 8 : 0);
        if (data.length() < needed) return VrrpError.PACKET_LENGTH_ERROR;
        return VrrpError.CHECKSUM_ERROR;
    }

    @Override
    public void timerFired(Object key, long now, GroupIo io) {
        if (router == null || !running) return;
        if (key == VrrpTimer.ADVER_TIMER) {
            apply(router.handle(VrrpInput.ADVER_TIMER_FIRED, now), now, io, null);
        } else if (key == VrrpTimer.MASTER_DOWN_TIMER) {
            apply(router.handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, now), now, io, null);
        }
    }

    @Override
    public boolean command(DeviceCommand command, long now, GroupIo io) {
        if (!(command instanceof VrrpCommand.SetPriority set) || set.vrid() != config.vrid()) return false;
        if (set.port() != null && !set.port().equals(io.portName())) return false;
        if (config.owner()) {
            io.trace(new TraceEvent.Note(now, io.routerName(), describe()
                    + ": priority stays 255, the address owner's (RFC 5798 §5.2.4); ignored priority " + set.priority()));
            return true;
        }
        priorityOverride = set.priority();
        if (router != null) apply(router.handle(new VrrpInput.PriorityChanged(runningPriority()), now), now, io, null);
        return true;
    }

    @Override
    public boolean trackable() {
        return !config.owner();
    }

    @Override
    public int trackedValue() {
        return config.owner() ? config.priority() : runningPriority();
    }

    @Override
    public void trackingChanged(int decrement, boolean fault, long now, GroupIo io) {
        if (config.owner()) return; // RFC 5798 §5.2.4: 255 is not the router's to lower (the router never binds an owner)
        trackDecrement = decrement;
        boolean live = router != null && running;
        if (live) apply(router.handle(new VrrpInput.PriorityChanged(runningPriority()), now), now, io, null);
        if (fault == faulted) return;
        faulted = fault;
        if (!live) return;
        if (fault) {
            apply(router.handle(VrrpInput.FAULT, now), now, io, null);
        } else if (io.portUp(port)) {
            apply(router.handle(VrrpInput.FAULT_CLEARED, now), now, io, null);
        }
    }

    /** Whether a tracked object holds the group out of service. */
    public boolean faulted() {
        return faulted;
    }

    /** The base priority lowered by tracking: what the core runs with. */
    private int runningPriority() {
        int base = priorityOverride != 0 ? priorityOverride : config.priority();
        return PriorityTracking.lowered(base, trackDecrement);
    }

    @Override
    public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
        // RFC 5798 §6.4.3: the Master answers ARP for the virtual addresses with the virtual MAC
        // (§8.1.2: never its own); §6.4.2: a Backup MUST NOT answer.
        return isMaster() && virtualAddresses.contains(target) ? virtualMac : null;
    }

    @Override
    public boolean acceptsMac(MacAddress mac) {
        // RFC 5798 §6.4.3: the Master forwards frames to the virtual MAC; §6.4.2: a Backup discards them.
        return isMaster() && mac.equals(virtualMac);
    }

    @Override
    public boolean ownsAddress(Ipv4Address ip) {
        // RFC 5798 §6.4.3: packets to the virtual addresses are accepted by the owner, or by a
        // Master with Accept_Mode; §6.4.2: never by a Backup. The owner's virtual addresses are
        // its own interface addresses, so they are its own whatever the VRRP state.
        if (!virtualAddresses.contains(ip)) return false;
        return config.owner() || (isMaster() && config.acceptMode());
    }

    private boolean isMaster() {
        return router != null && router.state() == VrrpState.MASTER;
    }

    private void apply(List<VrrpOutput> outputs, long now, GroupIo io, EthernetFrame received) {
        for (int i = 0, n = outputs.size(); i < n; i++) {
            switch (outputs.get(i)) {
                case VrrpOutput.SendAdvert send -> io.send(advertFrame(send.advert(), io));
                case VrrpOutput.SendGratuitousArp garp -> {
                    for (int g = 0; g < gratuitousArps.size(); g++) io.send(gratuitousArps.get(g));
                }
                case VrrpOutput.ArmTimer arm -> io.armTimer(arm.timer(), arm.at());
                case VrrpOutput.CancelTimer cancel -> io.cancelTimer(cancel.timer());
                case VrrpOutput.StateChanged changed -> io.trace(new TraceEvent.StateChanged(now, io.routerName(),
                        describe(), changed.from().yangName(), changed.to().yangName(), changed.cause().yangName()));
                case VrrpOutput.AdvertDiscarded discarded -> {
                    if (received != null) {
                        io.trace(new TraceEvent.FrameDropped(now, io.routerName(), io.portName(), received,
                                DropReason.PROTOCOL_CHECK, "VRRP §7.1 " + discarded.error().yangName() + ": " + discarded.detail()));
                    }
                }
            }
        }
    }

    /**
     * RFC 5798 §7.2 / §7.3: from the virtual MAC to 01-00-5E-00-00-12; IPv4 from the primary
     * address to 224.0.0.18, TTL 255 (§5.1.1.3), protocol 112, DSCP CS6 as routing protocols use.
     */
    private EthernetFrame advertFrame(VrrpAdvertisement advert, GroupIo io) {
        Ipv4Address source = io.primaryAddress().address();
        SendCache cache = advertCache;
        if (cache != null && cache.advert() == advert && cache.source().equals(source)) return cache.frame();
        Ipv4Packet packet = new Ipv4Packet(Ipv4Packet.DSCP_CS6, 0, 0, false, VRRP_TTL, source,
                Ipv4Address.VRRP_MULTICAST, Bytes.EMPTY, advert);
        EthernetFrame frame = EthernetFrame.untagged(VRRP_MULTICAST_MAC, virtualMac, packet);
        advertCache = new SendCache(advert, source, frame);
        return frame;
    }

    @Override
    public String toString() {
        return describe() + " (" + state().yangName() + ")";
    }
}
