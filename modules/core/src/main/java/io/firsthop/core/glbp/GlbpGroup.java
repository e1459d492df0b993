package io.firsthop.core.glbp;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.l3.PriorityTracking;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import java.util.List;
import java.util.Objects;

/**
 * A GLBP group on one router port: the {@link FirstHopGroup} face of a {@link GlbpRouter}. It
 * holds no protocol logic: each call hands the core an input with the time and applies the
 * outputs through the router's {@link GroupIo}.
 *
 * <p>Messages go out in UDP 3222 -> 3222 from the interface's primary address, with TTL 255 (what
 * Cisco routers send; Loki, which imitates them, does the same); hellos to 224.0.0.102
 * (01:00:5e:00:00:66), Requests and Responses unicast to the peer. The Ethernet source of a
 * hello is the virtual MAC of a forwarder this router is AVF for (in turn, and the taken-over one
 * right after a takeover), as captures of Cisco routers show, so switches learn where each virtual
 * MAC lives; the interface MAC when it forwards for none, and for Requests and Responses. State changes become
 * {@link TraceEvent.StateChanged} events: group "glbp 1 on ge0" for the virtual gateway,
 * "glbp 1 on ge0 forwarder 2" for a virtual forwarder, states spelled as Cisco does.
 *
 * <p>Tracking ({@link PriorityTracking}, IOS {@code glbp <group> weighting track <object>
 * [decrement n]}) acts on the <em>weighting</em>, not on the AVG priority, as in Cisco's "GLBP
 * Gateway Weighting and Tracking": the running weighting is the base weighting (the configured
 * one, or the last {@link GlbpCommand.SetWeighting}) lowered by the decrements of the tracked
 * objects that are down (IOS's default decrement is 10, as HSRP's:
 * {@link io.firsthop.core.track.TrackEffect#DEFAULT}), clamped to GLBP's 1..254. The thresholds
 * then decide: below the lower threshold the router stops forwarding for every forwarder (the
 * secondaries take its virtual MACs over at once, from its next hello), and it forwards again
 * only once the weighting is back at or above the upper threshold (its own forwarder after the
 * forwarder preemption delay, 30 s by default). A decrement that keeps the weighting at or above
 * the lower threshold changes only the weights the AVG's weighted load balancing uses. A fault (a
 * down object bound with {@link io.firsthop.core.track.TrackEffect.Fault}) takes the group out of
 * service as a graceful shutdown does (a farewell hello, then Initial) until it clears, when the
 * group starts again. Every PowerOn starts with nothing tracked down.
 */
public final class GlbpGroup implements FirstHopGroup, PriorityTracking {
    /** TTL of every GLBP packet sent. */
    public static final int TTL = 255;
    /** The cause of the state changes when a tracked object's fault takes the group out of service. */
    public static final String TRACK_FAULT = "track-fault";

    private final int port;
    private final GlbpConfig config;
    private GlbpRouter core;
    private String name;
    private String[] forwarderNames;
    private Ipv4Address sourceAddress;
    /** The weighting set by {@link GlbpCommand.SetWeighting}, or 0 for the configured one. */
    private int weightingOverride;
    private int trackDecrement;
    private boolean faulted;

    public GlbpGroup(int port, GlbpConfig config) {
        if (port < 0) throw new IllegalArgumentException("port must not be negative, was " + port);
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
        this.name = "glbp " + config.group() + " on port" + port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return name;
    }

    public GlbpConfig config() {
        return config;
    }

    /** The running core, or null before {@link #start} and after a crash. */
    public GlbpRouter core() {
        return core;
    }

    /** "glbp": virtual MACs 0007.b4xx.xxyy, the group in the xx.xx bits. */
    @Override
    public String protocol() {
        return "glbp";
    }

    /** The GLBP group number. */
    @Override
    public int groupId() {
        return config.group();
    }

    @Override
    public List<Ipv4Address> virtualAddresses() {
        return List.of(config.virtualIp());
    }

    /**
     * Members of one GLBP group also share the authentication: a router rejects the messages of
     * one whose string differs, so both would be AVG and hand out the same virtual MACs.
     */
    @Override
    public boolean sameGroupAs(FirstHopGroup other) {
        return FirstHopGroup.super.sameGroupAs(other)
                && (!(other instanceof GlbpGroup g) || Objects.equals(g.config.authentication(), config.authentication()));
    }

    @Override
    public void start(long now, GroupIo io) {
        name = "glbp " + config.group() + " on " + io.portName();
        forwarderNames = new String[GlbpRouter.MAX_FORWARDERS + 1];
        for (int f = 1; f <= GlbpRouter.MAX_FORWARDERS; f++) forwarderNames[f] = name + " forwarder " + f;
        sourceAddress = io.primaryAddress().address();
        core = new GlbpRouter(config, io.interfaceMac(), sourceAddress);
        trackDecrement = 0;
        faulted = false;
        if (runningWeighting() != config.weighting()) core.handle(new GlbpInput.SetWeighting(runningWeighting()), now);
        // A router powering on with the group's port down waits in Initial for the port.
        if (io.portUp(port)) apply(core.handle(GlbpInput.STARTUP, now), now, io, null);
    }

    @Override
    public void shutdown(long now, GroupIo io) {
        if (core != null) apply(core.handle(GlbpInput.SHUTDOWN, now), now, io, null);
    }

    @Override
    public void crash() {
        core = null;
    }

    @Override
    public void portStateChanged(int changedPort, boolean up, long now, GroupIo io) {
        // Other ports matter only for tracking, which reaches the group as a weighting command.
        if (changedPort != port || core == null) return;
        if (up && faulted) return; // a faulted group waits in Initial for the fault to clear
        apply(core.handle(up ? GlbpInput.STARTUP : GlbpInput.INTERFACE_DOWN, now), now, io, null);
    }

    @Override
    public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
        if (!(packet.payload() instanceof UdpDatagram udp)
                || udp.destinationPort() != UdpDatagram.PORT_GLBP
                || !(udp.payload() instanceof GlbpMessage message)
                || message.group() != config.group()) {
            return false;
        }
        if (core != null) {
            apply(core.handle(new GlbpInput.MessageReceived(packet.source(), packet.destination(), message), now), now, io, frame);
        }
        return true;
    }

    @Override
    public void timerFired(Object key, long now, GroupIo io) {
        if (core != null && key instanceof GlbpTimer timer) {
            apply(core.handle(new GlbpInput.TimerFired(timer), now), now, io, null);
        }
    }

    @Override
    public boolean command(DeviceCommand command, long now, GroupIo io) {
        if (!(command instanceof GlbpCommand c) || c.group() != config.group()) return false;
        GlbpInput input = switch (c) {
            case GlbpCommand.SetWeighting w -> {
                weightingOverride = w.weighting();
                yield new GlbpInput.SetWeighting(runningWeighting());
            }
            case GlbpCommand.SetPriority p -> new GlbpInput.SetPriority(p.priority());
        };
        if (core != null) apply(core.handle(input, now), now, io, null);
        return true;
    }

    /** What tracking lowers: the weighting. */
    @Override
    public String trackedValueName() {
        return "weight";
    }

    /** Every GLBP group can be tracked. */
    @Override
    public boolean trackable() {
        return true;
    }

    /** The weighting in force now, tracking applied. */
    @Override
    public int trackedValue() {
        return runningWeighting();
    }

    @Override
    public void trackingChanged(int decrement, boolean fault, long now, GroupIo io) {
        trackDecrement = decrement;
        if (core == null) return;
        apply(core.handle(new GlbpInput.SetWeighting(runningWeighting()), now), now, io, null);
        if (fault == faulted) return;
        faulted = fault;
        if (fault) {
            // out of service: say goodbye so the standby VG and the secondaries take over at once
            apply(core.handle(GlbpInput.SHUTDOWN, now), now, io, null, TRACK_FAULT);
        } else if (io.portUp(port)) {
            apply(core.handle(GlbpInput.STARTUP, now), now, io, null);
        }
    }

    /** Whether a tracked object holds the group out of service. */
    public boolean faulted() {
        return faulted;
    }

    /** The base weighting lowered by tracking: what the core runs with. */
    private int runningWeighting() {
        int base = weightingOverride != 0 ? weightingOverride : config.weighting();
        return PriorityTracking.lowered(base, trackDecrement);
    }

    /** Only the AVG answers ARP for the virtual IP, with the MAC its load-balancing method picks. */
    @Override
    public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
        if (core == null || !target.equals(config.virtualIp())) return null;
        return core.arpReplyMac(requesterMac);
    }

    /**
     * The AVG's reply names another router's virtual MAC in the ARP body only; its Ethernet source
     * is the interface MAC (firsthop's choice, Cisco does not document it): sent from the virtual
     * MAC it hands out, the reply would make every switch learn that MAC at the AVG's port and
     * send the forwarder's hosts to the AVG, which does not forward for it, until the AVF's next
     * hello moved it back.
     */
    @Override
    public MacAddress arpReplySource(MacAddress replyMac, MacAddress interfaceMac) {
        return interfaceMac;
    }

    /** Every virtual MAC this router is AVF for: its own forwarder and any it took over. */
    @Override
    public boolean acceptsMac(MacAddress mac) {
        return core != null && core.forwards(mac);
    }

    @Override
    public boolean ownsAddress(Ipv4Address ip) {
        return core != null && core.isAvg() && ip.equals(config.virtualIp());
    }

    private void apply(List<GlbpOutput> outputs, long now, GroupIo io, EthernetFrame received) {
        apply(outputs, now, io, received, null);
    }

    /** Carries out the core's outputs; {@code cause}, if not null, names the cause of its state changes instead of the core's. */
    private void apply(List<GlbpOutput> outputs, long now, GroupIo io, EthernetFrame received, String cause) {
        for (int i = 0, n = outputs.size(); i < n; i++) {
            switch (outputs.get(i)) {
                case GlbpOutput.Send s -> io.send(EthernetFrame.untagged(s.destinationMac(), s.sourceMac(),
                        Ipv4Packet.of(TTL, sourceAddress, s.destination(),
                                new UdpDatagram(UdpDatagram.PORT_GLBP, UdpDatagram.PORT_GLBP, s.message()))));
                case GlbpOutput.ArmTimer a -> io.armTimer(a.timer(), a.at());
                case GlbpOutput.CancelTimer c -> io.cancelTimer(c.timer());
                case GlbpOutput.VgStateChanged v -> io.trace(new TraceEvent.StateChanged(now, io.routerName(), name,
                        v.from().displayName(), v.to().displayName(), cause != null ? cause : v.cause()));
                case GlbpOutput.VfStateChanged v -> io.trace(new TraceEvent.StateChanged(now, io.routerName(),
                        forwarderNames[v.forwarder()], v.from().displayName(), v.to().displayName(), cause != null ? cause : v.cause()));
                case GlbpOutput.Rejected r -> {
                    if (received != null) {
                        io.trace(new TraceEvent.FrameDropped(now, io.routerName(), io.portName(), received,
                                DropReason.PROTOCOL_CHECK, name + ": " + r.reason()));
                    }
                }
                case GlbpOutput.Note n2 -> io.trace(new TraceEvent.Note(now, io.routerName(), name + ": " + n2.text()));
            }
        }
    }
}
