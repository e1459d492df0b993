package io.firsthop.core.l3;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.arp.ArpCache;
import io.firsthop.core.track.ObjectTracker;
import io.firsthop.core.track.SetTrackedObject;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Ipv4Codec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IPv4 router (RFC 1812) with untagged routed interfaces, connected and static routes,
 * per-interface ARP, ICMP echo and errors, and first-hop redundancy groups plugged in
 * through {@link FirstHopGroup}.
 *
 * <p>How to drive it: build it from a {@link RouterConfig}, {@link #addGroup add} its FHRP
 * groups, then send {@link DeviceInput.PowerOn}. Frames arrive on ports (= interfaces, in
 * configuration order); timers, its own and its groups', come back as
 * {@link DeviceInput.TimerFired}. Interfaces start up; {@link DeviceInput.CarrierChanged} and
 * {@link DeviceInput.AdminPortState} take them down and up, and connected routes (and static
 * routes through them) follow. Commands go to the groups.
 *
 * <p>Forwarding follows Linux's order: route lookup (none: ICMP net unreachable), then TTL
 * (1 or less: ICMP time exceeded), then TTL decrement and ARP for the next hop on the egress
 * interface (failure: ICMP host unreachable for each waiting packet). Packets routed back out
 * of the interface they came in on are forwarded (no ICMP redirect is sent): that hairpin is
 * the standby-to-active detour the reports measure. ICMP errors are sourced from the ingress
 * interface's primary address (RFC 1812 §4.3.2.4 asks for an address of the interface the
 * error leaves by, which is the same one while routes are symmetric) and quote the invoking
 * IP header plus 8 bytes (§4.3.2.3).
 *
 * <p>Groups: each group runs on one port and gets a {@link GroupIo} that sends out of that
 * port and namespaces its timers ({@link GroupTimer}). The router offers the groups of the
 * ingress port every IPv4 packet that is multicast, broadcast or addressed to the router
 * (or to a group-owned address) before anything else; answers ARP requests with the MAC a
 * group returns from {@link FirstHopGroup#arpReplyMac} (as ARP sender and Ethernet source);
 * routes frames sent to a MAC a group {@link FirstHopGroup#acceptsMac accepts}; answers
 * pings to addresses a group {@link FirstHopGroup#ownsAddress owns}. Shutdown lets the groups
 * say goodbye before the router stops (then their timers are cancelled; they are not told
 * {@code crash()}); a crash tells them nothing but {@code crash()}.
 *
 * <p>Tracking: the router hosts {@link #addTrackedObject tracked objects} (its interfaces' line
 * state, reachability of an address by ICMP echo probes it sends itself from the egress
 * interface's primary address) in an {@link ObjectTracker}, and {@link #track binds} groups
 * that implement {@link PriorityTracking} to them. When a group's verdict changes the router
 * hands it to the group and traces a {@link TraceEvent.Note} with the value's change; each
 * object's change is a {@link TraceEvent.StateChanged} of group "track &lt;name&gt;". Echo
 * replies to the router's own addresses go to the tracker. A {@link SetTrackedObject} command
 * overrides one object (forced down and held, or released), even while the router is off.
 *
 * <p>At every PowerOn the router assumes carrier on every port, as the runtimes do (the virtual
 * engine corrects it right after with {@link DeviceInput.CarrierChanged}).
 */
public final class Router implements Device {
    /** Timer key of a group's timer: {@code group} is its index in {@link #groups()}. */
    public record GroupTimer(int group, Object key) {}

    private static final int TTL = Ipv4Packet.DEFAULT_TTL;
    private static final String LOCAL = "local";

    private final RouterConfig config;
    private final List<String> portNames;
    private final Interface[] interfaces;
    private final Set<Ipv4Address> localAddresses = new HashSet<>();
    private final List<GroupContext> groups = new ArrayList<>();
    private final Set<GroupTimer> armedGroupTimers = new HashSet<>();
    private final ObjectTracker tracker;

    // the active routing table, longest prefix first (connected before static on ties)
    private int routeCount;
    private int[] routeNetwork = new int[0];
    private int[] routeMask = new int[0];
    private int[] routeLength = new int[0];
    private int[] routePort = new int[0];
    private Ipv4Address[] routeNextHop = new Ipv4Address[0];

    private boolean running;

    public Router(RouterConfig config) {
        this.config = config;
        int n = config.interfaces().size();
        this.interfaces = new Interface[n];
        List<String> names = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            RouterInterface ri = config.interfaces().get(p);
            interfaces[p] = new Interface(p, ri);
            names.add(ri.name());
            for (InterfaceAddress a : ri.addresses()) localAddresses.add(a.address());
        }
        this.portNames = List.copyOf(names);
        this.tracker = new ObjectTracker(config.name(), new TrackerHost());
    }

    /**
     * Adds a first-hop redundancy group on its {@link FirstHopGroup#port() port}. Groups are
     * part of the router's configuration: add them while the router is not running; they are
     * started at every PowerOn.
     */
    public void addGroup(FirstHopGroup group) {
        if (running) throw new IllegalStateException(name() + ": add groups before PowerOn");
        int port = group.port();
        if (port < 0 || port >= interfaces.length) {
            throw new IllegalArgumentException(name() + ": group " + group.describe() + " on port " + port + ", but ports are " + portNames);
        }
        GroupContext ctx = new GroupContext(groups.size(), group, interfaces[port]);
        groups.add(ctx);
        Interface ifc = interfaces[port];
        ifc.groups = Arrays.copyOf(ifc.groups, ifc.groups.length + 1);
        ifc.groups[ifc.groups.length - 1] = ctx;
    }

    /**
     * Adds a tracked object (configuration, like {@link #addGroup}: before PowerOn). An
     * {@link TrackedObject.InterfaceLine} must name one of the router's interfaces.
     */
    public void addTrackedObject(TrackedObject object) {
        if (running) throw new IllegalStateException(name() + ": add tracked objects before PowerOn");
        if (object instanceof TrackedObject.InterfaceLine line && !portNames.contains(line.interfaceName())) {
            throw new IllegalArgumentException(name() + ": track " + line.name() + " names interface '" + line.interfaceName()
                    + "', but interfaces are " + portNames);
        }
        tracker.add(object);
    }

    /**
     * Makes {@code group} (already {@link #addGroup added}) follow tracked object
     * {@code objectName}: while the object is down, {@code effect} applies to the group. The
     * group must implement {@link PriorityTracking} and be {@link PriorityTracking#trackable}.
     */
    public void track(FirstHopGroup group, String objectName, TrackEffect effect) {
        if (running) throw new IllegalStateException(name() + ": bind tracked objects before PowerOn");
        int index = -1;
        for (GroupContext c : groups) {
            if (c.group == group) index = c.index;
        }
        if (index < 0) throw new IllegalArgumentException(name() + ": " + group.describe() + " is not a group of this router");
        if (!(group instanceof PriorityTracking pt)) {
            throw new IllegalArgumentException(name() + ": " + group.describe() + " cannot be tracked (no PriorityTracking)");
        }
        if (!pt.trackable()) {
            throw new IllegalArgumentException(name() + ": " + group.describe()
                    + " cannot be tracked: its priority is fixed (a VRRP address owner is 255, RFC 5798 §5.2.4)");
        }
        tracker.bind(index, objectName, effect);
    }

    /** The tracked objects, in the order they were added. */
    public List<TrackedObject> trackedObjects() {
        return tracker.objects();
    }

    /** Whether tracked object {@code name} is up now. */
    public boolean trackedObjectUp(String name) {
        return tracker.isUp(name);
    }

    /** The groups, in the order they were added (the index used in {@link GroupTimer}). */
    public List<FirstHopGroup> groups() {
        List<FirstHopGroup> list = new ArrayList<>(groups.size());
        for (GroupContext c : groups) list.add(c.group);
        return list;
    }

    public RouterConfig config() {
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

    /** Whether interface {@code port} is up (admin up and carrier present). */
    public boolean interfaceUp(int port) {
        return interfaces[port].up();
    }

    /** The active routes, in lookup order (longest prefix first). */
    public List<Route> routes() {
        List<Route> list = new ArrayList<>(routeCount);
        for (int i = 0; i < routeCount; i++) list.add(routeAt(i));
        return list;
    }

    /** The route a packet to {@code destination} would take, or null. */
    public Route route(Ipv4Address destination) {
        int r = lookup(destination);
        return r < 0 ? null : routeAt(r);
    }

    /** The MAC cached on interface {@code port} for {@code ip}, or null. */
    public MacAddress arpLookup(int port, Ipv4Address ip) {
        return interfaces[port].arp.lookup(ip);
    }

    /** Interface {@code port}'s resolved ARP entries, oldest confirmation first. */
    public Map<Ipv4Address, MacAddress> arpEntries(int port) {
        return interfaces[port].arp.entries();
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        switch (input) {
            case DeviceInput.FrameArrived f -> {
                checkPort(f.port());
                if (!running) drop(portName(f.port()), f.frame(), DropReason.DEVICE_DOWN, "router is down", now, out);
                else receive(interfaces[f.port()], f.frame(), now, out);
            }
            case DeviceInput.TimerFired t -> {
                if (running) timerFired(t.key(), now, out);
            }
            case DeviceInput.PowerOn p -> powerOn(now, out);
            case DeviceInput.CarrierChanged c -> {
                checkPort(c.port());
                Interface ifc = interfaces[c.port()];
                boolean was = ifc.up();
                ifc.carrierUp = c.up();
                if (running) interfaceStateChanged(ifc, was, "carrier", now, out);
            }
            case DeviceInput.AdminPortState a -> {
                checkPort(a.port());
                if (!running) {
                    out.trace(new TraceEvent.Note(now, name(), "admin state of " + portName(a.port()) + " ignored: router is down"));
                    return;
                }
                Interface ifc = interfaces[a.port()];
                boolean was = ifc.up();
                ifc.adminUp = a.up();
                interfaceStateChanged(ifc, was, "admin", now, out);
            }
            case DeviceInput.Crash c -> {
                if (!running) return;
                for (GroupContext ctx : groups) ctx.group.crash();
                stop("crash", now, out);
            }
            case DeviceInput.Shutdown s -> {
                if (!running) return;
                // the groups say goodbye (VRRP priority 0, HSRP resign) while the ports still work
                for (GroupContext ctx : groups) ctx.group.shutdown(now, ctx.bind(out, now));
                stop("shutdown", now, out);
            }
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
        for (Interface ifc : interfaces) {
            ifc.adminUp = true;
            // a runtime tells a powered-off device nothing: it corrects the carrier after PowerOn
            ifc.carrierUp = true;
            ifc.arp = new ArpCache(name(), ifc.port, config.arp(), ifc);
        }
        rebuildRoutes();
        out.trace(new TraceEvent.DeviceEvent(now, name(), "power on"));
        for (GroupContext ctx : groups) ctx.group.start(now, ctx.bind(out, now));
        tracker.start(now, out);
    }

    private void stop(String how, long now, Outputs out) {
        running = false;
        tracker.stop(out);
        for (GroupTimer t : armedGroupTimers) out.cancelTimer(t);
        armedGroupTimers.clear();
        for (Interface ifc : interfaces) ifc.arp.flush(DropReason.DEVICE_DOWN, "router " + how, now, out);
        out.trace(new TraceEvent.DeviceEvent(now, name(), how));
    }

    private void interfaceStateChanged(Interface ifc, boolean was, String cause, long now, Outputs out) {
        boolean up = ifc.up();
        if (up == was) return;
        out.trace(new TraceEvent.DeviceEvent(now, name(), "port " + ifc.config.name() + (up ? " up" : " down") + " (" + cause + ")"));
        if (!up) {
            int forgotten = ifc.arp.flush(DropReason.PORT_DOWN, ifc.config.name() + " went down", now, out);
            if (forgotten > 0) {
                out.trace(new TraceEvent.Note(now, name(), "ARP cache of " + ifc.config.name() + " flushed (" + forgotten + " entries)"));
            }
        }
        // connected routes, and static routes resolved through them, exist only while the interface is up
        rebuildRoutes();
        for (GroupContext ctx : groups) ctx.group.portStateChanged(ifc.port, up, now, ctx.bind(out, now));
        tracker.lineChanged(ifc.config.name(), up, now, out);
    }

    private void command(DeviceInput.Command c, long now, Outputs out) {
        if (c.command() instanceof SetTrackedObject(String object, boolean up)) {
            // the router's own, not a group's; kept while it is off, as the failed check it stands for
            if (!tracker.override(object, up, now, out)) {
                out.trace(new TraceEvent.Note(now, name(), "no tracked object '" + object + "' to " + (up ? "release" : "force down")));
            }
            return;
        }
        if (!running) {
            out.trace(new TraceEvent.Note(now, name(), "command " + c.command() + " ignored: router is down"));
            return;
        }
        boolean understood = false;
        for (GroupContext ctx : groups) understood |= ctx.group.command(c.command(), now, ctx.bind(out, now));
        if (!understood) out.trace(new TraceEvent.Note(now, name(), "command " + c.command() + " not understood by any group"));
    }

    private void timerFired(Object key, long now, Outputs out) {
        if (key instanceof GroupTimer t) {
            armedGroupTimers.remove(t);
            if (t.group() >= 0 && t.group() < groups.size()) {
                GroupContext ctx = groups.get(t.group());
                ctx.group.timerFired(t.key(), now, ctx.bind(out, now));
            }
            return;
        }
        if (tracker.timerFired(key, now, out)) return;
        for (Interface ifc : interfaces) {
            if (ifc.arp.timerFired(key, now, out)) return;
        }
        out.trace(new TraceEvent.Note(now, name(), "unknown timer " + key + " ignored"));
    }

    // ---- receive ---------------------------------------------------------------------------

    private void receive(Interface ifc, EthernetFrame frame, long now, Outputs out) {
        String port = ifc.config.name();
        if (!ifc.up()) {
            drop(port, frame, DropReason.PORT_DOWN, port + " is down", now, out);
            return;
        }
        if (frame.vlan() != null && frame.vlan().vlanId() != 0) {
            drop(port, frame, DropReason.VLAN_NOT_ALLOWED, "tagged (VLAN " + frame.vlan().vlanId() + ") on a routed untagged interface", now, out);
            return;
        }
        MacAddress dst = frame.destination();
        boolean linkMulticast = dst.isMulticast();
        if (!linkMulticast && !dst.equals(ifc.mac) && !ifc.groupAcceptsMac(dst)) {
            drop(port, frame, DropReason.NOT_FOR_US, "unicast to " + dst, now, out);
            return;
        }
        switch (frame.payload()) {
            case ArpPacket a -> receiveArp(ifc, a, now, out);
            case Ipv4Packet ip -> receiveIpv4(ifc, frame, ip, linkMulticast, now, out);
            case RawEthernetPayload raw ->
                    drop(port, frame, DropReason.UNSUPPORTED, "EtherType 0x" + Integer.toHexString(raw.etherType()), now, out);
        }
    }

    private void receiveArp(Interface ifc, ArpPacket a, long now, Outputs out) {
        if (localAddresses.contains(a.senderIp())) {
            if (!ifc.owns(a.senderIp()) || !a.senderMac().equals(ifc.mac)) {
                out.trace(new TraceEvent.Note(now, name(), "address conflict on " + ifc.config.name() + ": "
                        + a.senderMac() + " claims " + a.senderIp()));
            }
            return;
        }
        MacAddress replyMac = null;
        MacAddress replySource = null;
        if (a.isRequest() && !a.isGratuitous()) {
            // a group answering for its virtual address comes first: a VRRP owner's virtual
            // address is also the interface's own, and RFC 5798 §6.4.3 answers it with the virtual MAC
            for (GroupContext ctx : ifc.groups) {
                replyMac = ctx.group.arpReplyMac(a.targetIp(), a.senderMac(), a.senderIp());
                if (replyMac != null) {
                    replySource = ctx.group.arpReplySource(replyMac, ifc.mac);
                    break;
                }
            }
            if (replyMac == null && ifc.owns(a.targetIp())) {
                replyMac = ifc.mac;
                replySource = ifc.mac;
            }
        }
        ifc.arp.merge(a, replyMac != null, now, out);
        if (replyMac != null) {
            ArpPacket reply = ArpPacket.reply(replyMac, a.targetIp(), a.senderMac(), a.senderIp());
            ifc.transmitFrame(EthernetFrame.untagged(a.senderMac(), replySource, reply), now, out);
        }
    }

    private void receiveIpv4(Interface ifc, EthernetFrame frame, Ipv4Packet ip, boolean linkMulticast, long now, Outputs out) {
        Ipv4Address dst = ip.destination();
        boolean multicast = dst.isMulticast() || dst.isBroadcast();
        boolean local = !multicast && localAddresses.contains(dst);
        boolean groupOwned = !multicast && !local && anyGroupOwns(dst);
        if (multicast || local || groupOwned) {
            for (GroupContext ctx : ifc.groups) {
                if (ctx.group.receive(frame, ip, now, ctx.bind(out, now))) return;
            }
        }
        if (multicast) {
            drop(ifc.config.name(), frame, DropReason.NOT_FOR_US, "no group takes " + dst + " (multicast is not routed)", now, out);
            return;
        }
        if (local || groupOwned) {
            deliverLocally(ifc, frame, ip, now, out);
            return;
        }
        if (linkMulticast) {
            // RFC 1812 §5.3.4: unicast IP in a link-layer broadcast is not forwarded
            drop(ifc.config.name(), frame, DropReason.NOT_FOR_US, "unicast " + dst + " in a link-layer broadcast", now, out);
            return;
        }
        forward(ifc, frame, ip, now, out);
    }

    private void deliverLocally(Interface ifc, EthernetFrame frame, Ipv4Packet ip, long now, Outputs out) {
        if (ip.payload() instanceof IcmpEcho echo && !echo.reply()) {
            // RFC 1122 §3.2.2.6: the reply's source is the address the request was sent to
            originate(Ipv4Packet.of(TTL, ip.destination(), ip.source(), echo.toReply()), now, out);
            return;
        }
        if (ip.payload() instanceof IcmpEcho echo && tracker.echoReply(ip.source(), echo, now, out)) return;
        drop(ifc.config.name(), frame, DropReason.UNSUPPORTED,
                "no listener for IP protocol " + ip.protocol() + " at " + ip.destination(), now, out);
    }

    private void forward(Interface ingress, EthernetFrame frame, Ipv4Packet ip, long now, Outputs out) {
        Ipv4Address dst = ip.destination();
        int r = lookup(dst);
        if (r < 0) {
            drop(ingress.config.name(), frame, DropReason.NO_ROUTE, "no route to " + dst, now, out);
            // RFC 1812 §5.2.7.1: no route -> Destination Unreachable, code 0 (net)
            icmpError(ip, ingress, IcmpError.TYPE_DESTINATION_UNREACHABLE, IcmpError.CODE_NET_UNREACHABLE, now, out);
            return;
        }
        Ipv4Address nextHop = routeNextHop[r];
        if (nextHop == null && routeLength[r] <= 30 && (dst.value() | routeMask[r]) == -1) {
            // RFC 2644: directed broadcasts are not forwarded by default
            drop(ingress.config.name(), frame, DropReason.NOT_FOR_US, "directed broadcast " + dst + " is not forwarded", now, out);
            return;
        }
        if (ip.ttl() <= 1) {
            drop(ingress.config.name(), frame, DropReason.TTL_EXPIRED, "TTL " + ip.ttl() + " to " + dst, now, out);
            // RFC 1812 §5.3.1: a packet whose TTL would reach zero is discarded with Time Exceeded
            icmpError(ip, ingress, IcmpError.TYPE_TIME_EXCEEDED, IcmpError.CODE_TTL_EXCEEDED_IN_TRANSIT, now, out);
            return;
        }
        Interface egress = interfaces[routePort[r]];
        egress.arp.send(ip.withTtl(ip.ttl() - 1), nextHop == null ? dst : nextHop, ingress.port, now, out);
    }

    /** Sends a packet the router itself originates (echo replies, ICMP errors). */
    private void originate(Ipv4Packet packet, long now, Outputs out) {
        Ipv4Address dst = packet.destination();
        int r = lookup(dst);
        if (r < 0) {
            drop(LOCAL, EthernetFrame.untagged(MacAddress.ZERO, MacAddress.ZERO, packet), DropReason.NO_ROUTE,
                    "no route to " + dst + " for a locally generated packet", now, out);
            return;
        }
        Ipv4Address nextHop = routeNextHop[r];
        interfaces[routePort[r]].arp.send(packet, nextHop == null ? dst : nextHop, -1, now, out);
    }

    private void icmpError(Ipv4Packet invoking, Interface ingress, int type, int code, long now, Outputs out) {
        // RFC 1812 §4.3.2.7: never about an ICMP error, a multicast or broadcast destination,
        // or a source that does not name a single host
        if (invoking.payload() instanceof IcmpError) return;
        Ipv4Address dst = invoking.destination();
        Ipv4Address src = invoking.source();
        if (dst.isMulticast() || dst.isBroadcast()) return;
        if (src.value() == 0 || src.isMulticast() || src.isBroadcast() || (src.value() >>> 24) == 127) return;
        InterfaceAddress from = ingress.config.primary();
        if (from == null) return;
        IcmpError error = new IcmpError(type, code, quote(invoking));
        originate(Ipv4Packet.of(TTL, from.address(), src, error), now, out);
    }

    /**
     * What an ICMP error quotes of {@code invoking}: its IP header and the first 64 bits of its
     * data, as they were on the wire (RFC 792; RFC 1812 §4.3.2.3 allows more, firsthop quotes
     * exactly that). Encoded by the wire codec, checksums included; VRRP's checksum mode does
     * not matter because a router never quotes multicast packets (§4.3.2.7).
     */
    static Bytes quote(Ipv4Packet invoking) {
        byte[] wire = new byte[Ipv4Codec.length(invoking)];
        Ipv4Codec.encode(invoking, wire, 0, WireOptions.DEFAULT);
        int quoted = Math.min(wire.length, Ipv4Codec.MIN_HEADER_LENGTH + invoking.options().length() + 8);
        return Bytes.of(wire, 0, quoted);
    }

    private boolean anyGroupOwns(Ipv4Address ip) {
        for (GroupContext ctx : groups) if (ctx.group.ownsAddress(ip)) return true;
        return false;
    }

    // ---- routing table ---------------------------------------------------------------------

    private int lookup(Ipv4Address destination) {
        int d = destination.value();
        for (int i = 0; i < routeCount; i++) {
            if ((d & routeMask[i]) == routeNetwork[i]) return i;
        }
        return -1;
    }

    private Route routeAt(int i) {
        return new Route(new Ipv4Prefix(new Ipv4Address(routeNetwork[i]), routeLength[i]), routePort[i], routeNextHop[i]);
    }

    private void rebuildRoutes() {
        List<Route> connected = new ArrayList<>();
        Set<Ipv4Prefix> seen = new HashSet<>();
        for (Interface ifc : interfaces) {
            if (!ifc.up()) continue;
            for (InterfaceAddress a : ifc.config.addresses()) {
                if (seen.add(a.prefix())) connected.add(new Route(a.prefix(), ifc.port, null));
            }
        }
        List<Route> all = new ArrayList<>(connected);
        for (StaticRoute s : config.staticRoutes()) {
            // the next hop must be on a connected subnet (no recursive lookup)
            Route via = null;
            for (Route c : connected) {
                if (c.prefix().contains(s.nextHop()) && (via == null || c.prefix().length() > via.prefix().length())) via = c;
            }
            if (via != null) all.add(new Route(s.prefix(), via.port(), s.nextHop()));
        }
        // longest prefix first; on equal prefixes a connected route (distance 0) beats a static one
        all.sort(Comparator.comparingInt((Route rt) -> -rt.prefix().length()).thenComparing(rt -> !rt.connected()));
        int n = all.size();
        routeNetwork = new int[n];
        routeMask = new int[n];
        routeLength = new int[n];
        routePort = new int[n];
        routeNextHop = new Ipv4Address[n];
        for (int i = 0; i < n; i++) {
            Route rt = all.get(i);
            routeNetwork[i] = rt.prefix().network().value();
            routeMask[i] = rt.prefix().mask();
            routeLength[i] = rt.prefix().length();
            routePort[i] = rt.port();
            routeNextHop[i] = rt.nextHop();
        }
        routeCount = n;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void checkPort(int port) {
        if (port < 0 || port >= interfaces.length) {
            throw new IllegalArgumentException(name() + " has no port " + port + " (ports: " + portNames + ")");
        }
    }

    private void drop(String port, EthernetFrame frame, DropReason reason, String detail, long now, Outputs out) {
        out.trace(new TraceEvent.FrameDropped(now, name(), port, frame, reason, detail));
    }

    /** Sends the tracker's probes and hands its verdicts to the groups. */
    private final class TrackerHost implements ObjectTracker.Host {
        @Override
        public void sendProbe(Ipv4Address target, IcmpEcho request, long now, Outputs out) {
            // the source is the egress interface's primary address, as a host stack picks it
            int r = lookup(target);
            InterfaceAddress source = r < 0 ? null : interfaces[routePort[r]].config.primary();
            if (source == null) {
                Ipv4Packet unsent = Ipv4Packet.of(TTL, Ipv4Address.ANY, target, request);
                drop(LOCAL, EthernetFrame.untagged(MacAddress.ZERO, MacAddress.ZERO, unsent), DropReason.NO_ROUTE,
                        "no route to " + target + " for a tracking probe", now, out);
                return;
            }
            originate(Ipv4Packet.of(TTL, source.address(), target, request), now, out);
        }

        @Override
        public boolean lineUp(String interfaceName) {
            int port = portNames.indexOf(interfaceName);
            return port >= 0 && interfaces[port].up();
        }

        @Override
        public void verdictChanged(int group, ObjectTracker.Verdict verdict, long now, Outputs out) {
            GroupContext ctx = groups.get(group);
            PriorityTracking tracked = (PriorityTracking) ctx.group;
            int before = tracked.trackedValue();
            tracked.trackingChanged(verdict.decrement(), verdict.fault(), now, ctx.bind(out, now));
            int after = tracked.trackedValue();
            String why = verdict.down().isEmpty() ? "no tracked object down" : "tracked down: " + String.join(", ", verdict.down());
            out.trace(new TraceEvent.Note(now, name(), ctx.group.describe() + ": " + tracked.trackedValueName() + " "
                    + before + " -> " + after + (verdict.fault() ? ", fault" : "") + " (" + why + ")"));
        }
    }

    /** One routed interface: its state, its ARP cache, and its groups. */
    private final class Interface implements ArpCache.Link {
        final int port;
        final RouterInterface config;
        final MacAddress mac;
        final Ipv4Address[] addresses;
        GroupContext[] groups = new GroupContext[0];
        boolean carrierUp = true;
        boolean adminUp = true;
        ArpCache arp;

        Interface(int port, RouterInterface config) {
            this.port = port;
            this.config = config;
            this.mac = config.mac();
            this.addresses = new Ipv4Address[config.addresses().size()];
            for (int i = 0; i < addresses.length; i++) addresses[i] = config.addresses().get(i).address();
            this.arp = new ArpCache(Router.this.config.name(), port, Router.this.config.arp(), this);
        }

        boolean up() {
            return carrierUp && adminUp;
        }

        boolean owns(Ipv4Address ip) {
            for (Ipv4Address a : addresses) if (a.equals(ip)) return true;
            return false;
        }

        boolean groupAcceptsMac(MacAddress dst) {
            for (GroupContext ctx : groups) if (ctx.group.acceptsMac(dst)) return true;
            return false;
        }

        void transmitFrame(EthernetFrame frame, long now, Outputs out) {
            if (!up()) {
                drop(config.name(), frame, DropReason.PORT_DOWN, config.name() + " is down", now, out);
                return;
            }
            out.send(port, frame);
        }

        @Override
        public void sendRequest(Ipv4Address target, long now, Outputs out) {
            Ipv4Address sender = null;
            for (InterfaceAddress a : config.addresses()) {
                if (a.prefix().contains(target)) {
                    sender = a.address();
                    break;
                }
            }
            if (sender == null && !config.addresses().isEmpty()) sender = config.addresses().get(0).address();
            if (sender == null) sender = Ipv4Address.ANY;
            transmitFrame(EthernetFrame.untagged(MacAddress.BROADCAST, mac, ArpPacket.request(mac, sender, target)), now, out);
        }

        @Override
        public void transmit(Ipv4Packet packet, MacAddress destination, long now, Outputs out) {
            transmitFrame(EthernetFrame.untagged(destination, mac, packet), now, out);
        }

        @Override
        public void dropUnresolved(Ipv4Packet packet, int origin, Ipv4Address nextHop, DropReason reason, String detail,
                                   long now, Outputs out) {
            drop(config.name(), EthernetFrame.untagged(MacAddress.ZERO, mac, packet), reason, detail, now, out);
            if (reason == DropReason.ARP_FAILED && origin >= 0) {
                // RFC 1812 §5.2.7.1: the next hop cannot be reached -> Destination Unreachable, code 1 (host)
                icmpError(packet, interfaces[origin], IcmpError.TYPE_DESTINATION_UNREACHABLE, IcmpError.CODE_HOST_UNREACHABLE, now, out);
            }
        }
    }

    /** The {@link GroupIo} of one group; bound to the current input's {@link Outputs}. */
    private final class GroupContext implements GroupIo {
        final int index;
        final FirstHopGroup group;
        final Interface ifc;
        private Outputs out;
        private long now;

        GroupContext(int index, FirstHopGroup group, Interface ifc) {
            this.index = index;
            this.group = group;
            this.ifc = ifc;
        }

        GroupIo bind(Outputs current, long currentNow) {
            this.out = current;
            this.now = currentNow;
            return this;
        }

        @Override
        public void send(EthernetFrame frame) {
            if (!ifc.up()) {
                out.trace(new TraceEvent.FrameDropped(now, name(), ifc.config.name(), frame, DropReason.PORT_DOWN,
                        group.describe() + ": " + ifc.config.name() + " is down"));
                return;
            }
            out.send(ifc.port, frame);
        }

        @Override
        public void armTimer(Object key, long at) {
            GroupTimer t = new GroupTimer(index, key);
            armedGroupTimers.add(t);
            out.armTimer(t, at);
        }

        @Override
        public void cancelTimer(Object key) {
            GroupTimer t = new GroupTimer(index, key);
            armedGroupTimers.remove(t);
            out.cancelTimer(t);
        }

        @Override
        public void trace(TraceEvent event) {
            out.trace(event);
        }

        @Override
        public String routerName() {
            return name();
        }

        @Override
        public String portName() {
            return ifc.config.name();
        }

        @Override
        public MacAddress interfaceMac() {
            return ifc.mac;
        }

        @Override
        public InterfaceAddress primaryAddress() {
            return ifc.config.primary();
        }

        @Override
        public boolean portUp(int port) {
            return port >= 0 && port < interfaces.length && interfaces[port].up();
        }
    }
}
