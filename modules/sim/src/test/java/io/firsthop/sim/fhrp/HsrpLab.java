package io.firsthop.sim.fhrp;

import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.hsrp.HsrpConfig;
import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.l3.StaticRoute;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link VrrpLab}'s network with HSRP instead of VRRP: hosts on a LAN switch, two or three
 * routers sharing the gateway 10.0.0.1 through HSRP group 1, and an upstream router with the
 * server behind. The routers' uplinks share a second segment where HSRP group 1 again (another
 * segment, so no collision) gives the upstream router its way back (10.0.0.0/24 via
 * 172.16.0.254), so every failure of a router is one the return path survives too.
 *
 * <pre>
 *  h1 (10.0.0.11) ─┐                      ┌─ r1 ge0 10.0.0.2   ge1 172.16.0.2 ─┐
 *  h2 (10.0.0.12) ─┴─ sw1 (VLAN 10) ──────┼─ r2 ge0 10.0.0.3   ge1 172.16.0.3 ─┼─ sw2 ─ up ge0 172.16.0.1
 *                                         └─ (r3 ge0 10.0.0.4  ge1 172.16.0.4)─┘       up ge1 198.51.100.1 ─ srv 198.51.100.10
 *  HSRP group 1: 10.0.0.1 on each ge0; group 1 again: 172.16.0.254 on each ge1
 * </pre>
 *
 * Every link has the same one-way latency; the routers all power on at 0, so their hello timers
 * tick in phase, every Hellotime from 0. Hosts ping the server every probe interval.
 */
public final class HsrpLab {
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;
    public static final int GROUP = 1;
    public static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    public static final Ipv4Address UPLINK_VIP = Ipv4Address.parse("172.16.0.254");
    public static final Ipv4Address SERVER = Ipv4Address.parse("198.51.100.10");
    public static final int LAN_VLAN = 10;
    public static final String LAN_GROUP = "hsrp 1 on ge0";
    public static final String UPLINK_GROUP = "hsrp 1 on ge1";

    /**
     * How the lab is built.
     *
     * @param timers configured timers, or null for RFC 2281's 3 s / 10 s learned from the Active
     */
    public record Options(int version, HsrpTimers timers, int[] priorities, boolean[] preempt, long latency, long probeInterval) {
        /** HSRP version 1 with RFC 2281's defaults: 3 s / 10 s, no preemption; priorities 110 and 100, 100 µs links, probes every 10 ms. */
        public static Options v1() {
            return new Options(1, null, new int[] {110, 100}, new boolean[2], 100 * US, 10 * MS);
        }

        /** HSRP version 2 with millisecond timers ({@code standby timers msec hello msec hold}), otherwise as {@link #v1}. */
        public static Options v2(int helloMs, int holdMs) {
            return new Options(2, HsrpTimers.millis(helloMs, holdMs), new int[] {110, 100}, new boolean[2], 100 * US, 10 * MS);
        }

        public Options withPriorities(int... p) {
            return new Options(version, timers, p.clone(), Arrays.copyOf(preempt, p.length), latency, probeInterval);
        }

        public Options withPreempt(int router, boolean on) {
            boolean[] pre = preempt.clone();
            pre[router] = on;
            return new Options(version, timers, priorities, pre, latency, probeInterval);
        }

        public Options withPreempt(boolean... on) {
            return new Options(version, timers, priorities, on.clone(), latency, probeInterval);
        }

        public Options withProbeInterval(long nanos) {
            return new Options(version, timers, priorities, preempt, latency, nanos);
        }

        public long helloNanos() {
            return (timers == null ? HsrpTimers.DEFAULT : timers).helloTimeMs() * MS;
        }

        public long holdNanos() {
            return (timers == null ? HsrpTimers.DEFAULT : timers).holdTimeMs() * MS;
        }

        /** The group's virtual MAC: 0000.0c07.ac01 (version 1) or 0000.0c9f.f001 (version 2). */
        public MacAddress virtualMac() {
            return version == 1 ? HsrpV1Message.virtualMac(GROUP) : HsrpV2Message.virtualMac(GROUP);
        }
    }

    /** One HSRP message as a router received it. */
    public record Hello(long at, HsrpOpCode opCode, HsrpState state, int priority) {}

    public final Options options;
    public final MacAddress vmac;
    public final VirtualEngine sim;
    public final TraceRecorder trace = new TraceRecorder();
    public final List<Router> routers = new ArrayList<>();
    public final List<HsrpGroup> lanGroups = new ArrayList<>();
    public final List<HsrpGroup> uplinkGroups = new ArrayList<>();
    public final Host h1;
    public final Host h2;
    public final Host server;
    public final EthernetSwitch sw1;
    public final EthernetSwitch sw2;
    public final Router upstream;

    public HsrpLab(Options options) {
        this(options, 1);
    }

    public HsrpLab(Options options, long seed) {
        this.options = options;
        this.vmac = options.virtualMac();
        this.sim = new VirtualEngine(seed);
        int n = options.priorities().length;
        ProbeFlow probe = ProbeFlow.of("srv", SERVER, options.probeInterval(), 0);
        h1 = new Host(HostConfig.of("h1", MacAddress.parse("02:00:00:00:00:11"), InterfaceAddress.parse("10.0.0.11/24"), VIP)
                .withProbes(probe));
        h2 = new Host(HostConfig.of("h2", MacAddress.parse("02:00:00:00:00:12"), InterfaceAddress.parse("10.0.0.12/24"), VIP)
                .withProbes(probe));
        server = new Host(HostConfig.of("srv", MacAddress.parse("02:00:00:00:00:99"), InterfaceAddress.parse("198.51.100.10/24"),
                Ipv4Address.parse("198.51.100.1")));
        List<SwitchPort> lanPorts = new ArrayList<>(List.of(SwitchPort.access("h1", LAN_VLAN), SwitchPort.access("h2", LAN_VLAN)));
        List<SwitchPort> upPorts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lanPorts.add(SwitchPort.access(routerName(i), LAN_VLAN));
            upPorts.add(SwitchPort.access(routerName(i), 1));
        }
        upPorts.add(SwitchPort.access("up", 1));
        sw1 = new EthernetSwitch(new SwitchConfig("sw1", lanPorts, SwitchConfig.DEFAULT_AGING_NANOS));
        sw2 = new EthernetSwitch(new SwitchConfig("sw2", upPorts, SwitchConfig.DEFAULT_AGING_NANOS));
        upstream = new Router(RouterConfig.of("up",
                        RouterInterface.of("ge0", MacAddress.parse("02:00:00:00:0f:00"), InterfaceAddress.parse("172.16.0.1/24")),
                        RouterInterface.of("ge1", MacAddress.parse("02:00:00:00:0f:01"), InterfaceAddress.parse("198.51.100.1/24")))
                .withStaticRoutes(StaticRoute.of("10.0.0.0/24", UPLINK_VIP.toString())));
        sim.addDevice(h1).addDevice(h2).addDevice(server).addDevice(sw1).addDevice(sw2).addDevice(upstream);
        for (int i = 0; i < n; i++) {
            Router r = new Router(RouterConfig.of(routerName(i),
                    RouterInterface.of("ge0", MacAddress.parse(String.format("02:00:00:00:%02x:00", i + 1)),
                            InterfaceAddress.parse("10.0.0." + (2 + i) + "/24")),
                    RouterInterface.of("ge1", MacAddress.parse(String.format("02:00:00:00:%02x:01", i + 1)),
                            InterfaceAddress.parse("172.16.0." + (2 + i) + "/24")))
                    .withStaticRoutes(StaticRoute.of("0.0.0.0/0", "172.16.0.1")));
            HsrpGroup lan = new HsrpGroup(0, config(i, VIP));
            HsrpGroup uplink = new HsrpGroup(1, config(i, UPLINK_VIP));
            r.addGroup(lan);
            r.addGroup(uplink);
            routers.add(r);
            lanGroups.add(lan);
            uplinkGroups.add(uplink);
            sim.addDevice(r);
        }
        LinkConfig link = LinkConfig.ofLatency(options.latency());
        sim.connect("h1-sw1", "h1:eth0", "sw1:h1", link).connect("h2-sw1", "h2:eth0", "sw1:h2", link);
        for (int i = 0; i < n; i++) {
            String name = routerName(i);
            sim.connect(name + "-sw1", name + ":ge0", "sw1:" + name, link);
            sim.connect(name + "-sw2", name + ":ge1", "sw2:" + name, link);
        }
        sim.connect("up-sw2", "up:ge0", "sw2:up", link).connect("up-srv", "up:ge1", "srv:eth0", link);
        sim.addTraceSink(trace);
    }

    private HsrpConfig config(int router, Ipv4Address vip) {
        return HsrpConfig.of(options.version(), GROUP, vip).withPriority(options.priorities()[router])
                .withTimers(options.timers()).withPreempt(options.preempt()[router]);
    }

    public static String routerName(int index) {
        return "r" + (index + 1);
    }

    public Router router(int index) {
        return routers.get(index);
    }

    /** The primary address of router {@code index} on the LAN. */
    public static Ipv4Address lanAddress(int index) {
        return Ipv4Address.parse("10.0.0." + (2 + index));
    }

    /** The primary address of router {@code index} on the uplink segment. */
    public static Ipv4Address uplinkAddress(int index) {
        return Ipv4Address.parse("172.16.0." + (2 + index));
    }

    // ---- reading the trace ----

    /** The instants {@code device}'s group {@code group} became Active, in order. */
    public List<Long> becameActive(String device, String group) {
        return trace.ofType(TraceEvent.StateChanged.class, device).stream()
                .filter(e -> e.group().equals(group) && e.to().equals("active")).map(TraceEvent.StateChanged::at).toList();
    }

    /** The first StateChanged of {@code device}/{@code group} to {@code to} at or after {@code from}. */
    public Optional<TraceEvent.StateChanged> firstChange(String device, String group, String to, long from) {
        return trace.ofType(TraceEvent.StateChanged.class, device).stream()
                .filter(e -> e.group().equals(group) && e.to().equals(to) && e.at() >= from).findFirst();
    }

    /** The HSRP messages of this lab's group {@code device} received on {@code port} from {@code source}, in arrival order. */
    public List<Hello> received(String device, String port, Ipv4Address source) {
        List<Hello> list = new ArrayList<>();
        for (TraceEvent.FrameReceived r : trace.ofType(TraceEvent.FrameReceived.class, device)) {
            if (!r.port().equals(port) || !(r.frame().payload() instanceof Ipv4Packet ip) || !ip.source().equals(source)
                    || !(ip.payload() instanceof UdpDatagram udp)) {
                continue;
            }
            switch (udp.payload()) {
                case HsrpV1Message m -> list.add(new Hello(r.at(), m.opCode(), m.state(), m.priority()));
                case HsrpV2Message m -> {
                    HsrpV2Tlv.GroupState g = m.groupState();
                    list.add(new Hello(r.at(), g.opCode(), g.state(), g.priority()));
                }
                default -> { }
            }
        }
        return list;
    }

    /** The last message {@code device} got on {@code port} from {@code source} at or before {@code t} that {@code matches}. */
    public Hello lastReceivedBefore(String device, String port, Ipv4Address source, long t, Predicate<Hello> matches) {
        Hello last = null;
        for (Hello h : received(device, port, source)) {
            if (h.at() <= t && matches.test(h)) last = h;
        }
        if (last == null) throw new AssertionError(device + " got no such HSRP message from " + source + " before " + t);
        return last;
    }

    /** The first message {@code device} got on {@code port} from {@code source} at or after {@code t} that {@code matches}. */
    public Hello firstReceivedFrom(String device, String port, Ipv4Address source, long t, Predicate<Hello> matches) {
        for (Hello h : received(device, port, source)) {
            if (h.at() >= t && matches.test(h)) return h;
        }
        throw new AssertionError(device + " got no such HSRP message from " + source + " after " + t);
    }

    /** The last hello from the Active router {@code index} on the LAN that r{@code receiver} accepted at or before {@code t}. */
    public long lastActiveHelloBefore(int receiver, int active, long t) {
        return lastReceivedBefore(routerName(receiver), "ge0", lanAddress(active), t,
                h -> h.opCode() == HsrpOpCode.HELLO && h.state() == HsrpState.ACTIVE).at();
    }

    public List<ProbeTrace.Probe> probes(String host) {
        return ProbeTrace.probes(trace, host);
    }

    public long firstAnsweredProbeFrom(String host, long t) {
        return ProbeTrace.firstAnsweredFrom(trace, host, t);
    }
}
