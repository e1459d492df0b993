package io.firsthop.core.host;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.arp.ArpCache;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An end host: one IPv4 interface, a default gateway, an ARP cache, an echo responder and a
 * probe generator that measures what a user of the network would see.
 *
 * <p>How to drive it: {@link DeviceInput.PowerOn} starts it (fresh ARP cache, probe flows
 * scheduled); frames arrive on port 0; its timers come back as {@link DeviceInput.TimerFired};
 * {@link SetGateway} repoints its default route; {@link StopProbeFlow} ends a flow for good. It sends untagged frames on port 0.
 *
 * <p>Bonding: a host configured {@link HostConfig#withBond with a bond port} has two ports
 * carrying one interface (same MAC, same address), as a static LAG towards an MLAG pair.
 * Frames are accepted on either; each transmitted frame takes the member its flow hashes to
 * ({@link BondHash} under the configured policy, over the members that are up), so a flow sticks to one member while both
 * are up and moves to the survivor when one goes down. The interface is up while any member is.
 *
 * <p>Same-subnet destinations are reached by ARP and L2 alone; others through the gateway's
 * MAC (RFC 1122 §3.3.1). The L3 interface is kept apart from the ports it transmits on, so a
 * second uplink (bonding, below) sits behind the same address.
 *
 * <p>Probes: each flow sends ICMP echo requests (identifier = flow index + 1, wire sequence
 * = probe ordinal mod 2^16) and reports {@code ProbeSent}, then exactly one of
 * {@code ProbeAnswered} or {@code ProbeLost} (at sentAt + timeout). The {@code sequence} in those
 * events is the probe's ordinal in its flow, which does not wrap and keeps counting across
 * restarts, so a report can key probes by (host, flow, sequence) for a whole run.
 */
public final class Host implements Device {
    private static final int TTL = Ipv4Packet.DEFAULT_TTL;
    /** ping's default 56 data bytes. */
    private static final Bytes PROBE_DATA = Bytes.zeros(56);
    private static final long NOT_ARMED = Long.MIN_VALUE;

    private record ProbeTimer(int flow) {}

    private record ProbeDeadline(int flow) {}

    private static final class Outstanding {
        final int ordinal;
        final long sentAt;
        final long deadline;
        MacAddress via;

        Outstanding(int ordinal, long sentAt, long deadline) {
            this.ordinal = ordinal;
            this.sentAt = sentAt;
            this.deadline = deadline;
        }
    }

    private static final class Flow {
        final ProbeFlow config;
        final int identifier;
        final ProbeTimer sendTimer;
        final ProbeDeadline deadlineTimer;
        // keyed by wire sequence; insertion order = send order = deadline order
        final LinkedHashMap<Integer, Outstanding> outstanding = new LinkedHashMap<>();
        int nextOrdinal;
        long nextSendAt;
        /** Set by {@link StopProbeFlow}; survives restarts. */
        boolean stopped;
        long deadlineArmedAt = NOT_ARMED;

        Flow(ProbeFlow config, int index) {
            this.config = config;
            this.identifier = index + 1;
            this.sendTimer = new ProbeTimer(index);
            this.deadlineTimer = new ProbeDeadline(index);
        }
    }

    private final HostConfig config;
    private final List<String> portNames;
    private final Ipv4Address address;
    private final Ipv4Prefix subnet;
    private final Ipv4Address subnetBroadcast;
    private final MacAddress mac;
    private final Flow[] flows;
    private final ArpCache.Link arpLink = new ArpLink();
    private final boolean[] carrierUp;
    private final boolean[] adminUp;

    private boolean running;
    private Ipv4Address gateway;
    private ArpCache arp;

    public Host(HostConfig config) {
        this.config = config;
        this.portNames = config.bonded() ? List.of(config.interfaceName(), config.bondPort()) : List.of(config.interfaceName());
        this.address = config.address().address();
        this.subnet = config.address().prefix();
        this.subnetBroadcast = subnet.broadcast();
        this.mac = config.mac();
        this.flows = new Flow[config.probes().size()];
        for (int i = 0; i < flows.length; i++) flows[i] = new Flow(config.probes().get(i), i);
        this.carrierUp = new boolean[portNames.size()];
        this.adminUp = new boolean[portNames.size()];
        Arrays.fill(carrierUp, true);
        Arrays.fill(adminUp, true);
        this.gateway = config.gateway();
        this.arp = newArpCache();
    }

    public HostConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public List<String> portNames() {
        return portNames;
    }

    @Override
    public boolean running() {
        return running;
    }

    /** The default gateway in use now (null for none). */
    public Ipv4Address gateway() {
        return gateway;
    }

    /** The cached MAC for {@code ip}, or null. */
    public MacAddress arpLookup(Ipv4Address ip) {
        return arp.lookup(ip);
    }

    /** The ARP cache's resolved entries, oldest confirmation first. */
    public Map<Ipv4Address, MacAddress> arpEntries() {
        return arp.entries();
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        switch (input) {
            case DeviceInput.FrameArrived f -> {
                checkPort(f.port());
                if (!running) drop(f.port(), f.frame(), DropReason.DEVICE_DOWN, "host is down", now, out);
                else receive(f.port(), f.frame(), now, out);
            }
            case DeviceInput.TimerFired t -> {
                if (running) timerFired(t.key(), now, out);
            }
            case DeviceInput.PowerOn p -> powerOn(now, out);
            case DeviceInput.CarrierChanged c -> {
                checkPort(c.port());
                boolean was = portUp(c.port());
                carrierUp[c.port()] = c.up();
                if (running) portStateChanged(c.port(), was, "carrier", now, out);
            }
            case DeviceInput.AdminPortState a -> {
                checkPort(a.port());
                if (!running) {
                    out.trace(new TraceEvent.Note(now, name(), "admin state of " + portName(a.port()) + " ignored: host is down"));
                    return;
                }
                boolean was = portUp(a.port());
                adminUp[a.port()] = a.up();
                portStateChanged(a.port(), was, "admin", now, out);
            }
            case DeviceInput.Crash c -> stop("crash", now, out);
            case DeviceInput.Shutdown s -> stop("shutdown", now, out);
            case DeviceInput.Command c -> command(c, now, out);
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------

    private void powerOn(long now, Outputs out) {
        if (running) {
            out.trace(new TraceEvent.Note(now, name(), "power on ignored: already running"));
            return;
        }
        running = true;
        Arrays.fill(adminUp, true);
        // a runtime tells a powered-off device nothing: it assumes carrier at PowerOn and
        // corrects it right after, so a cable cut while the host ran is not remembered
        Arrays.fill(carrierUp, true);
        gateway = config.gateway();
        arp = newArpCache();
        out.trace(new TraceEvent.DeviceEvent(now, name(), "power on"));
        for (Flow f : flows) {
            if (f.stopped) continue;
            long start = f.config.startNanos();
            long interval = f.config.intervalNanos();
            // a restart resumes on the flow's original grid start + k * interval
            f.nextSendAt = now <= start ? start : start + ((now - start + interval - 1) / interval) * interval;
            out.armTimer(f.sendTimer, f.nextSendAt);
        }
    }

    private void stop(String how, long now, Outputs out) {
        if (!running) return;
        running = false;
        arp.flush(DropReason.DEVICE_DOWN, "host " + how, now, out);
        for (Flow f : flows) {
            out.cancelTimer(f.sendTimer);
            if (f.deadlineArmedAt != NOT_ARMED) out.cancelTimer(f.deadlineTimer);
            f.deadlineArmedAt = NOT_ARMED;
            // the host will never see these answers: close them now so every ProbeSent has an outcome
            for (Outstanding o : f.outstanding.values()) {
                out.trace(new TraceEvent.ProbeLost(now, name(), f.config.name(), o.ordinal, o.sentAt));
            }
            f.outstanding.clear();
        }
        out.trace(new TraceEvent.DeviceEvent(now, name(), how));
    }

    private void portStateChanged(int port, boolean was, String cause, long now, Outputs out) {
        boolean up = portUp(port);
        if (up == was) return;
        out.trace(new TraceEvent.DeviceEvent(now, name(), "port " + portName(port) + (up ? " up" : " down") + " (" + cause + ")"));
        if (!up && !interfaceUp()) {
            // Linux flushes the neighbours of an interface that loses its carrier
            arp.flush(DropReason.PORT_DOWN, portName(port) + " went down", now, out);
        }
    }

    private void command(DeviceInput.Command c, long now, Outputs out) {
        if (c.command() instanceof StopProbeFlow(String flowName)) {
            // honoured while down too: a stopped flow must not resume at the next power-on
            stopFlow(flowName, now, out);
            return;
        }
        if (!running) {
            out.trace(new TraceEvent.Note(now, name(), "command " + c.command() + " ignored: host is down"));
            return;
        }
        if (c.command() instanceof SetGateway(Ipv4Address newGateway)) {
            if (newGateway != null && !subnet.contains(newGateway)) {
                out.trace(new TraceEvent.Note(now, name(), "gateway " + newGateway + " rejected: not on " + subnet));
                return;
            }
            Ipv4Address old = gateway;
            gateway = newGateway;
            out.trace(new TraceEvent.Note(now, name(), "default gateway " + old + " -> " + newGateway));
        } else {
            out.trace(new TraceEvent.Note(now, name(), "command " + c.command() + " not supported by a host"));
        }
    }

    private void stopFlow(String flowName, long now, Outputs out) {
        for (Flow f : flows) {
            if (!f.config.name().equals(flowName)) continue;
            if (!f.stopped) {
                f.stopped = true;
                if (running) out.cancelTimer(f.sendTimer);
                out.trace(new TraceEvent.Note(now, name(), "probe flow " + flowName + " stopped"));
            }
            return;
        }
        out.trace(new TraceEvent.Note(now, name(), "no probe flow '" + flowName + "' to stop"));
    }

    // ---- receive ---------------------------------------------------------------------------

    private void receive(int port, EthernetFrame frame, long now, Outputs out) {
        if (!portUp(port)) {
            drop(port, frame, DropReason.PORT_DOWN, portName(port) + " is down", now, out);
            return;
        }
        if (frame.vlan() != null && frame.vlan().vlanId() != 0) {
            drop(port, frame, DropReason.VLAN_NOT_ALLOWED, "tagged (VLAN " + frame.vlan().vlanId() + ") on an untagged interface", now, out);
            return;
        }
        MacAddress dst = frame.destination();
        if (!dst.equals(mac) && !dst.isBroadcast()) {
            drop(port, frame, DropReason.NOT_FOR_US, dst.isMulticast() ? "multicast group not joined" : "unicast to " + dst, now, out);
            return;
        }
        switch (frame.payload()) {
            case ArpPacket a -> receiveArp(a, now, out);
            case Ipv4Packet ip -> receiveIpv4(port, frame, ip, now, out);
            case RawEthernetPayload raw ->
                    drop(port, frame, DropReason.UNSUPPORTED, "EtherType 0x" + Integer.toHexString(raw.etherType()), now, out);
        }
    }

    private void receiveArp(ArpPacket a, long now, Outputs out) {
        if (a.senderIp().equals(address)) {
            if (!a.senderMac().equals(mac)) {
                out.trace(new TraceEvent.Note(now, name(), "address conflict: " + a.senderMac() + " claims " + address));
            }
            return;
        }
        boolean forUs = a.targetIp().equals(address);
        arp.merge(a, forUs, now, out);
        if (forUs && a.isRequest()) {
            // RFC 826: swap the fields, put in our hardware address, send to the asker
            ArpPacket reply = ArpPacket.reply(mac, address, a.senderMac(), a.senderIp());
            transmitFrame(EthernetFrame.untagged(a.senderMac(), mac, reply), now, out);
        }
    }

    private void receiveIpv4(int port, EthernetFrame frame, Ipv4Packet ip, long now, Outputs out) {
        if (!ip.destination().equals(address)) {
            drop(port, frame, DropReason.NOT_FOR_US, "IPv4 to " + ip.destination(), now, out);
            return;
        }
        switch (ip.payload()) {
            case IcmpEcho echo when !echo.reply() ->
                    // RFC 792: reverse the addresses, type 0, same identifier, sequence and data
                    sendIpv4(Ipv4Packet.of(TTL, address, ip.source(), echo.toReply()), now, out);
            case IcmpEcho echo -> echoReply(ip, echo, now, out);
            case IcmpError err -> out.trace(new TraceEvent.Note(now, name(),
                    "ICMP type " + err.type() + " code " + err.code() + " from " + ip.source()));
            default -> drop(port, frame, DropReason.UNSUPPORTED, "no listener for IP protocol " + ip.protocol(), now, out);
        }
    }

    private void echoReply(Ipv4Packet ip, IcmpEcho echo, long now, Outputs out) {
        int index = echo.identifier() - 1;
        if (index < 0 || index >= flows.length || !flows[index].config.destination().equals(ip.source())) {
            out.trace(new TraceEvent.Note(now, name(), "echo reply from " + ip.source() + " (id " + echo.identifier()
                    + ", seq " + echo.sequence() + ") matches no probe flow; ignored"));
            return;
        }
        Flow f = flows[index];
        Outstanding o = f.outstanding.remove(echo.sequence());
        if (o == null) {
            out.trace(new TraceEvent.Note(now, name(), "echo reply for " + f.config.name() + " seq " + echo.sequence()
                    + " arrived after its probe was declared lost (or twice); ignored"));
            return;
        }
        out.trace(new TraceEvent.ProbeAnswered(now, name(), f.config.name(), o.ordinal, now - o.sentAt, o.via));
    }

    // ---- timers ----------------------------------------------------------------------------

    private void timerFired(Object key, long now, Outputs out) {
        switch (key) {
            case ProbeTimer(int flow) -> sendProbe(flows[flow], now, out);
            case ProbeDeadline(int flow) -> expireProbes(flows[flow], now, out);
            default -> {
                if (!arp.timerFired(key, now, out)) {
                    out.trace(new TraceEvent.Note(now, name(), "unknown timer " + key + " ignored"));
                }
            }
        }
    }

    private void sendProbe(Flow f, long now, Outputs out) {
        int ordinal = f.nextOrdinal++;
        int sequence = ordinal & 0xFFFF;
        Outstanding o = new Outstanding(ordinal, now, now + f.config.timeoutNanos());
        f.outstanding.put(sequence, o);
        if (f.deadlineArmedAt == NOT_ARMED) {
            f.deadlineArmedAt = o.deadline;
            out.armTimer(f.deadlineTimer, o.deadline);
        }
        out.trace(new TraceEvent.ProbeSent(now, name(), f.config.name(), ordinal, f.config.destination()));
        sendIpv4(Ipv4Packet.of(TTL, address, f.config.destination(), IcmpEcho.request(f.identifier, sequence, PROBE_DATA)), now, out);
        f.nextSendAt += f.config.intervalNanos();
        out.armTimer(f.sendTimer, f.nextSendAt);
    }

    private void expireProbes(Flow f, long now, Outputs out) {
        f.deadlineArmedAt = NOT_ARMED;
        Iterator<Outstanding> it = f.outstanding.values().iterator();
        while (it.hasNext()) {
            Outstanding o = it.next();
            if (o.deadline > now) {
                // answered probes leave the head early; re-arm at the real next deadline
                f.deadlineArmedAt = o.deadline;
                out.armTimer(f.deadlineTimer, o.deadline);
                return;
            }
            it.remove();
            out.trace(new TraceEvent.ProbeLost(now, name(), f.config.name(), o.ordinal, o.sentAt));
        }
    }

    // ---- transmit --------------------------------------------------------------------------

    /** The port the interface transmits on when no frame is at hand (drop events): the first up member. */
    private int uplinkPort() {
        for (int p = 0; p < portNames.size(); p++) if (portUp(p)) return p;
        return 0;
    }

    /** The member {@code frame} leaves on: port 0 for a single-homed host, else by the bond's hash over the up members. */
    private int uplinkPort(EthernetFrame frame) {
        if (portNames.size() == 1) return 0;
        boolean first = portUp(0);
        boolean second = portUp(1);
        if (first != second) return first ? 0 : 1;
        // both up (or both down, where the caller drops the frame on the port it names)
        return BondHash.member(BondHash.of(frame, config.bondHash()), 2);
    }

    private boolean interfaceUp() {
        for (int p = 0; p < carrierUp.length; p++) if (portUp(p)) return true;
        return false;
    }

    private void sendIpv4(Ipv4Packet packet, long now, Outputs out) {
        Ipv4Address dst = packet.destination();
        if (!interfaceUp()) {
            drop(uplinkPort(), unresolvedFrame(packet), DropReason.PORT_DOWN, config.interfaceName() + " is down", now, out);
            return;
        }
        if (dst.isBroadcast() || dst.equals(subnetBroadcast)) {
            transmit(packet, MacAddress.BROADCAST, now, out);
            return;
        }
        if (dst.isMulticast()) {
            transmit(packet, MacAddress.ofIpv4Multicast(dst), now, out);
            return;
        }
        Ipv4Address nextHop = subnet.contains(dst) ? dst : gateway;
        if (nextHop == null) {
            drop(uplinkPort(), unresolvedFrame(packet), DropReason.NO_ROUTE, "no default gateway for " + dst, now, out);
            return;
        }
        arp.send(packet, nextHop, -1, now, out);
    }

    private void transmit(Ipv4Packet packet, MacAddress destination, long now, Outputs out) {
        if (packet.payload() instanceof IcmpEcho echo && !echo.reply()) notePath(echo, destination);
        transmitFrame(EthernetFrame.untagged(destination, mac, packet), now, out);
    }

    /** Remembers which MAC a probe went to: the gateway the host actually used. */
    private void notePath(IcmpEcho echo, MacAddress destination) {
        int index = echo.identifier() - 1;
        if (index < 0 || index >= flows.length) return;
        Outstanding o = flows[index].outstanding.get(echo.sequence());
        if (o != null && o.via == null) o.via = destination;
    }

    private void transmitFrame(EthernetFrame frame, long now, Outputs out) {
        int port = uplinkPort(frame);
        if (!portUp(port)) {
            drop(port, frame, DropReason.PORT_DOWN, portName(port) + " is down", now, out);
            return;
        }
        out.send(port, frame);
    }

    private EthernetFrame unresolvedFrame(Ipv4Packet packet) {
        // the packet never got a destination MAC; the zero MAC marks it in the drop event
        return EthernetFrame.untagged(MacAddress.ZERO, mac, packet);
    }

    private final class ArpLink implements ArpCache.Link {
        @Override
        public void sendRequest(Ipv4Address target, long now, Outputs out) {
            transmitFrame(EthernetFrame.untagged(MacAddress.BROADCAST, mac, ArpPacket.request(mac, address, target)), now, out);
        }

        @Override
        public void transmit(Ipv4Packet packet, MacAddress destination, long now, Outputs out) {
            Host.this.transmit(packet, destination, now, out);
        }

        @Override
        public void dropUnresolved(Ipv4Packet packet, int origin, Ipv4Address nextHop, DropReason reason, String detail,
                                   long now, Outputs out) {
            drop(uplinkPort(), unresolvedFrame(packet), reason, detail, now, out);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ArpCache newArpCache() {
        return new ArpCache(config.name(), 0, config.arp(), arpLink);
    }

    private boolean portUp(int port) {
        return carrierUp[port] && adminUp[port];
    }

    private void checkPort(int port) {
        if (port < 0 || port >= portNames.size()) {
            throw new IllegalArgumentException(name() + " has no port " + port + " (ports: " + portNames + ")");
        }
    }

    private void drop(int port, EthernetFrame frame, DropReason reason, String detail, long now, Outputs out) {
        out.trace(new TraceEvent.FrameDropped(now, name(), portName(port), frame, reason, detail));
    }
}
