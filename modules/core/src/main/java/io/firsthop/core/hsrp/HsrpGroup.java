package io.firsthop.core.hsrp;

import io.firsthop.core.DeviceCommand;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.GroupIo;
import io.firsthop.core.l3.PriorityTracking;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HSRP group on a router port: the {@link FirstHopGroup} face of an {@link HsrpRouter}. It
 * holds no protocol logic: each call turns into one core input, and the core's outputs into
 * frames, timers and trace events through the {@link GroupIo}.
 *
 * <p>On the wire: messages are UDP 1985 to 1985 from the interface's primary address (RFC 2281
 * §5.1), to 224.0.0.2 (version 1) or 224.0.0.102 (version 2), TTL 1, DSCP CS6, Ethernet
 * destination the group's multicast MAC, Ethernet source the virtual MAC when the message
 * says Active and the interface MAC otherwise (§6.1). Version 2 identifies the sender by its
 * interface MAC. Version 1 carries whole seconds: millisecond timers are rounded up to the
 * next second (at least 1, at most 255), so a router learning them never gives up on the
 * Active earlier than its configured Holdtime.
 *
 * <p>Data plane: only in Active does the group answer ARP for the virtual IP (with the
 * virtual MAC), accept frames to the virtual MAC, and answer IP packets to the virtual IP.
 *
 * <p>Tracking ({@link PriorityTracking}, IOS {@code standby <group> track <object> [decrement n]}):
 * the running priority is the base priority (the configured one, or the last
 * {@link SetHsrpPriority}) lowered by the decrements of the tracked objects that are down
 * (IOS's default decrement is 10, {@link io.firsthop.core.track.TrackEffect#DEFAULT}), clamped to
 * 1..254; with nothing down it is the base itself, 255 included. A change reaches the other
 * routers in the next hello, as RFC 2281 has no message for it: with preemption a Standby that
 * now outranks the Active takes over on the Active's next hello (§5.7 note *), so within one
 * Hellotime; without it nothing happens until the Active fails. A fault (a down object bound with
 * {@link io.firsthop.core.track.TrackEffect.Fault}, IOS's {@code track ... shutdown}) disables the
 * group as RFC 2281 §5.5 event b does: an Active resigns (§5.7 (b, Active): CDH/1) so its
 * Standby takes over at once, and the group waits in Initial, port up or not, until the fault
 * clears; it then starts again as on event a. Every PowerOn starts with nothing tracked down.
 */
public final class HsrpGroup implements FirstHopGroup, PriorityTracking {
    /** The TTL of every HSRP message (RFC 2281 §5.1; Cisco uses it for version 2 too). */
    public static final int TTL = 1;
    /** The cause of the state change when a tracked object's fault disables the group. */
    public static final String TRACK_FAULT = "track-fault";

    private final int port;
    private final HsrpConfig config;
    private final MacAddress virtualMac;
    private final Ipv4Address destination;
    private final MacAddress destinationMac;
    private HsrpRouter core;
    private String portName;
    /** The priority set by {@link SetHsrpPriority}, or -1 for the configured one. */
    private int priorityOverride = -1;
    private int trackDecrement;
    private boolean faulted;

    public HsrpGroup(int port, HsrpConfig config) {
        if (port < 0) throw new IllegalArgumentException("port must not be negative, was " + port);
        this.port = port;
        this.config = Objects.requireNonNull(config, "config");
        this.virtualMac = config.virtualMac();
        this.destination = config.version() == 1 ? Ipv4Address.ALL_ROUTERS : Ipv4Address.HSRP_V2_MULTICAST;
        this.destinationMac = MacAddress.ofIpv4Multicast(destination);
        this.core = new HsrpRouter(config);
        this.portName = "port" + port;
    }

    public HsrpConfig config() {
        return config;
    }

    public MacAddress virtualMac() {
        return virtualMac;
    }

    /** The protocol core, for inspection. */
    public HsrpRouter core() {
        return core;
    }

    public HsrpState state() {
        return core.state();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return "hsrp " + config.group() + " on " + portName;
    }

    /** "hsrp" for version 1 (0000.0c07.acXX), "hsrp2" for version 2 (0000.0c9f.fXXX): the two draw from different MACs. */
    @Override
    public String protocol() {
        return config.version() == 1 ? "hsrp" : "hsrp2";
    }

    /** The HSRP group number. */
    @Override
    public int groupId() {
        return config.group();
    }

    /** The configured virtual IP; none when the group learns it from the Active (RFC 2281 §5.1). */
    @Override
    public List<Ipv4Address> virtualAddresses() {
        return config.virtualIp() == null ? List.of() : List.of(config.virtualIp());
    }

    /**
     * Members of one HSRP group also share the authentication string: RFC 2281 §5.1 makes a router
     * ignore messages whose password differs, so two routers with different strings would each
     * become Active behind the one virtual MAC.
     */
    @Override
    public boolean sameGroupAs(FirstHopGroup other) {
        return FirstHopGroup.super.sameGroupAs(other)
                && (!(other instanceof HsrpGroup h) || h.config.authentication().equals(config.authentication()));
    }

    @Override
    public void start(long now, GroupIo io) {
        core = new HsrpRouter(config);
        trackDecrement = 0;
        faulted = false;
        if (runningPriority() != config.priority()) core.handle(new HsrpInput.PriorityChanged(runningPriority()), now);
        if (io.portUp(port)) startup(now, io);
    }

    @Override
    public void shutdown(long now, GroupIo io) {
        apply(core.handle(HsrpInput.SHUTDOWN, now), now, io);
    }

    @Override
    public void crash() {
        core = new HsrpRouter(config);
    }

    @Override
    public void portStateChanged(int changedPort, boolean up, long now, GroupIo io) {
        if (changedPort != port) return;
        if (up) {
            // a faulted group waits in Initial for the fault to clear
            if (!faulted) startup(now, io);
        }
        // RFC 2281 §5.5 event b: "the interface is disabled"; the Resign cannot leave a down port (see send)
        else apply(core.handle(HsrpInput.SHUTDOWN, now), now, io);
    }

    @Override
    public boolean receive(EthernetFrame frame, Ipv4Packet packet, long now, GroupIo io) {
        if (!(packet.payload() instanceof UdpDatagram udp) || udp.destinationPort() != UdpDatagram.PORT_HSRP) return false;
        HsrpInput.Received input = toInput(udp.payload(), packet.source());
        if (input == null) return false;
        apply(core.handle(input, now), now, io);
        return true;
    }

    @Override
    public void timerFired(Object key, long now, GroupIo io) {
        if (key instanceof HsrpTimer timer) apply(core.handle(HsrpInput.expired(timer), now), now, io);
    }

    @Override
    public boolean command(DeviceCommand command, long now, GroupIo io) {
        if (!(command instanceof SetHsrpPriority set) || set.group() != config.group()) return false;
        if (set.port() != null && !set.port().equals(io.portName())) return false;
        priorityOverride = set.priority();
        apply(core.handle(new HsrpInput.PriorityChanged(runningPriority()), now), now, io);
        return true;
    }

    /** Every HSRP group can be tracked: no priority is fixed by the protocol. */
    @Override
    public boolean trackable() {
        return true;
    }

    @Override
    public int trackedValue() {
        return runningPriority();
    }

    @Override
    public void trackingChanged(int decrement, boolean fault, long now, GroupIo io) {
        trackDecrement = decrement;
        apply(core.handle(new HsrpInput.PriorityChanged(runningPriority()), now), now, io);
        if (fault == faulted) return;
        faulted = fault;
        if (fault) {
            // RFC 2281 §5.5 event b, "HSRP is disabled": an Active resigns, every state goes to Initial
            apply(core.handle(HsrpInput.SHUTDOWN, now), now, io, TRACK_FAULT);
        } else if (io.portUp(port)) {
            // RFC 2281 §5.5 event a: configured again on an enabled interface
            startup(now, io);
        }
    }

    /** Whether a tracked object holds the group out of service. */
    public boolean faulted() {
        return faulted;
    }

    /** The base priority lowered by tracking: what the core runs with. */
    private int runningPriority() {
        int base = priorityOverride >= 0 ? priorityOverride : config.priority();
        return trackDecrement == 0 ? base : PriorityTracking.lowered(base, trackDecrement);
    }

    @Override
    public MacAddress arpReplyMac(Ipv4Address target, MacAddress requesterMac, Ipv4Address requesterIp) {
        return core.state() == HsrpState.ACTIVE && target.equals(core.virtualIp()) ? virtualMac : null;
    }

    @Override
    public boolean acceptsMac(MacAddress mac) {
        return core.state() == HsrpState.ACTIVE && mac.equals(virtualMac);
    }

    @Override
    public boolean ownsAddress(Ipv4Address ip) {
        return core.state() == HsrpState.ACTIVE && ip.equals(core.virtualIp());
    }

    private void startup(long now, GroupIo io) {
        apply(core.handle(new HsrpInput.Startup(io.primaryAddress().address()), now), now, io);
    }

    /** The core input for an HSRP payload of this group and version, or null if it is not ours. */
    private HsrpInput.Received toInput(UdpPayload payload, Ipv4Address source) {
        switch (payload) {
            case HsrpV1Message m when config.version() == 1 && m.group() == config.group() -> {
                HsrpPdu pdu = new HsrpPdu(m.state(), m.helloTime() * 1000, m.holdTime() * 1000, m.priority(),
                        m.authData(), m.virtualIp());
                return HsrpInput.received(m.opCode(), source, pdu);
            }
            case HsrpV2Message m when config.version() == 2 -> {
                HsrpV2Tlv.GroupState gs = m.groupState();
                if (gs == null || gs.group() != config.group()) return null;
                HsrpPdu pdu = new HsrpPdu(gs.state(), gs.helloTimeMs(), gs.holdTimeMs(), gs.priority(),
                        textAuth(m.tlvs()), gs.virtualIp());
                return HsrpInput.received(gs.opCode(), source, pdu);
            }
            default -> {
                return null;
            }
        }
    }

    /** The text password a version 2 message carries, or {@link Bytes#EMPTY} (never matching) without one. */
    private static Bytes textAuth(List<HsrpV2Tlv> tlvs) {
        for (int i = 0, n = tlvs.size(); i < n; i++) {
            if (tlvs.get(i) instanceof HsrpV2Tlv.TextAuth t) return t.authData();
        }
        return Bytes.EMPTY;
    }

    private void apply(List<HsrpOutput> outputs, long now, GroupIo io) {
        apply(outputs, now, io, null);
    }

    /** Carries out the core's outputs; {@code cause}, if not null, names the cause of its state changes instead of the event. */
    private void apply(List<HsrpOutput> outputs, long now, GroupIo io, String cause) {
        portName = io.portName();
        for (int i = 0, n = outputs.size(); i < n; i++) {
            switch (outputs.get(i)) {
                case HsrpOutput.Send s -> send(message(s.opCode(), s.pdu(), io), io);
                case HsrpOutput.SendGratuitousArp g -> send(gratuitousArp(g.virtualIp()), io);
                case HsrpOutput.ArmTimer a -> io.armTimer(a.timer(), a.at());
                case HsrpOutput.CancelTimer c -> io.cancelTimer(c.timer());
                case HsrpOutput.StateChanged c -> io.trace(new TraceEvent.StateChanged(now, io.routerName(), describe(),
                        stateName(c.from()), stateName(c.to()), cause != null ? cause : c.cause()));
                case HsrpOutput.AuthenticationFailed f -> io.trace(new TraceEvent.Note(now, io.routerName(),
                        describe() + ": " + f.opCode().name().toLowerCase(Locale.ROOT) + " from " + f.source()
                                + " ignored, authentication mismatch"));
            }
        }
    }

    private void send(EthernetFrame frame, GroupIo io) {
        // a Resign for an interface that just went down has no wire to leave by
        if (io.portUp(port)) io.send(frame);
    }

    /** The frame for one HSRP message (see the class javadoc for every field). */
    EthernetFrame message(HsrpOpCode opCode, HsrpPdu pdu, GroupIo io) {
        MacAddress interfaceMac = io.interfaceMac();
        UdpPayload payload = config.version() == 1
                ? new HsrpV1Message(opCode, pdu.state(), wireSeconds(pdu.helloTimeMs()), wireSeconds(pdu.holdTimeMs()),
                        pdu.priority(), config.group(), pdu.authData(), pdu.virtualIp())
                : HsrpV2Message.of(new HsrpV2Tlv.GroupState(opCode, pdu.state(), config.group(), interfaceMac, pdu.priority(),
                        pdu.helloTimeMs(), pdu.holdTimeMs(), pdu.virtualIp()), new HsrpV2Tlv.TextAuth(pdu.authData()));
        UdpDatagram udp = new UdpDatagram(UdpDatagram.PORT_HSRP, UdpDatagram.PORT_HSRP, payload);
        Ipv4Packet ip = new Ipv4Packet(Ipv4Packet.DSCP_CS6, 0, 0, false, TTL, io.primaryAddress().address(), destination,
                Bytes.EMPTY, udp);
        // RFC 2281 §6.1: the virtual MAC is the source of hellos if and only if the router is Active
        MacAddress source = pdu.state() == HsrpState.ACTIVE ? virtualMac : interfaceMac;
        return EthernetFrame.untagged(destinationMac, source, ip);
    }

    /** RFC 2281 §5.6 action I: an ARP response for the virtual IP, from the virtual MAC in both headers, broadcast. */
    EthernetFrame gratuitousArp(Ipv4Address virtualIp) {
        return EthernetFrame.untagged(MacAddress.BROADCAST, virtualMac, ArpPacket.reply(virtualMac, virtualIp, virtualMac, virtualIp));
    }

    /** Version 1's whole seconds: rounded up, so a learned Holdtime is never shorter than the sender's. */
    static int wireSeconds(int millis) {
        return Math.min(255, Math.max(1, (millis + 999) / 1000));
    }

    private static String stateName(HsrpState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
