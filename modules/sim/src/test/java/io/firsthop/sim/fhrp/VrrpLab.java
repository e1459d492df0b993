package io.firsthop.sim.fhrp;

import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.l3.StaticRoute;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The notes' network on the virtual engine: hosts on a LAN switch, two or three routers that
 * share the LAN's gateway 10.0.0.1 through VRRP, and an upstream router with the server behind.
 * The routers' uplinks share a second segment where a VRRP group with the same VRID gives the
 * upstream router its way back (10.0.0.0/24 via 172.16.0.254), so every failure of a router
 * is one the return path survives too.
 *
 * <pre>
 *  h1 (10.0.0.11) ─┐                      ┌─ r1 ge0 10.0.0.2   ge1 172.16.0.2 ─┐
 *  h2 (10.0.0.12) ─┴─ sw1 (VLAN 10) ──────┼─ r2 ge0 10.0.0.3   ge1 172.16.0.3 ─┼─ sw2 ─ up ge0 172.16.0.1
 *                                         └─ (r3 ge0 10.0.0.4  ge1 172.16.0.4)─┘       up ge1 198.51.100.1 ─ srv 198.51.100.10
 *  VRRP VRID 1: 10.0.0.1 on each ge0; VRID 1 again: 172.16.0.254 on each ge1 (another segment)
 * </pre>
 *
 * Every link has the same one-way latency. Hosts ping the server every probe interval.
 */
public final class VrrpLab {
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;
    public static final int VRID = 1;
    public static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    public static final Ipv4Address UPLINK_VIP = Ipv4Address.parse("172.16.0.254");
    public static final Ipv4Address SERVER = Ipv4Address.parse("198.51.100.10");
    public static final MacAddress VMAC = VrrpAdvertisement.virtualMac(VRID);
    public static final int LAN_VLAN = 10;
    public static final String LAN_GROUP = "vrrp 1 on ge0";
    public static final String UPLINK_GROUP = "vrrp 1 on ge1";

    /** How the lab is built. */
    public record Options(int version, int interval, int[] priorities, boolean[] preempt, boolean pseudoHeader,
                          long latency, long probeInterval, boolean rfc9568) {
        /** VRRPv3 at {@code centiseconds}, priorities 110 and 100, preempt on, 100 µs links, probes every 10 ms. */
        public static Options v3(int centiseconds) {
            return new Options(3, centiseconds, new int[] {110, 100}, new boolean[] {true, true}, true, 100 * US, 10 * MS, false);
        }

        /** VRRPv2 at {@code seconds}, otherwise as {@link #v3}. */
        public static Options v2(int seconds) {
            return new Options(2, seconds, new int[] {110, 100}, new boolean[] {true, true}, true, 100 * US, 10 * MS, false);
        }

        public Options withPriorities(int... p) {
            boolean[] pre = new boolean[p.length];
            java.util.Arrays.fill(pre, true);
            return new Options(version, interval, p, pre, pseudoHeader, latency, probeInterval, rfc9568);
        }

        public Options withPreempt(int router, boolean on) {
            boolean[] pre = preempt.clone();
            pre[router] = on;
            return new Options(version, interval, priorities, pre, pseudoHeader, latency, probeInterval, rfc9568);
        }

        public Options withPseudoHeader(boolean on) {
            return new Options(version, interval, priorities, preempt, on, latency, probeInterval, rfc9568);
        }

        public Options withProbeInterval(long nanos) {
            return new Options(version, interval, priorities, preempt, pseudoHeader, latency, nanos, rfc9568);
        }

        /** v3 only: every router behaves as RFC 9568 §6.4.3 where it differs from RFC 5798. */
        public Options withRfc9568(boolean on) {
            return new Options(version, interval, priorities, preempt, pseudoHeader, latency, probeInterval, on);
        }

        /** Advertisement_Interval in nanoseconds. */
        public long intervalNanos() {
            return version == 3 ? interval * 10 * MS : interval * S;
        }
    }

    public final Options options;
    public final VirtualEngine sim;
    public final TraceRecorder trace = new TraceRecorder();
    public final List<Router> routers = new ArrayList<>();
    public final List<VrrpGroup> lanGroups = new ArrayList<>();
    public final List<VrrpGroup> uplinkGroups = new ArrayList<>();
    public final Host h1;
    public final Host h2;
    public final Host server;
    public final EthernetSwitch sw1;
    public final EthernetSwitch sw2;
    public final Router upstream;

    public VrrpLab(Options options) {
        this(options, 1);
    }

    public VrrpLab(Options options, long seed) {
        this.options = options;
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
            String name = routerName(i);
            lanPorts.add(SwitchPort.access(name, LAN_VLAN));
            upPorts.add(SwitchPort.access(name, 1));
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
            int router = i;
            IntFunction<VrrpConfig> config = port -> {
                Ipv4Address vip = port == 0 ? VIP : UPLINK_VIP;
                VrrpConfig c = options.version() == 3
                        ? VrrpConfig.v3(VRID, options.priorities()[router], options.interval(), List.of(vip))
                        : VrrpConfig.v2(VRID, options.priorities()[router], options.interval(), List.of(vip));
                c = c.withPreempt(options.preempt()[router]).withV3ChecksumPseudoHeader(options.pseudoHeader());
                return options.rfc9568() ? c.withRfc9568(true) : c;
            };
            VrrpGroup lan = new VrrpGroup(0, config.apply(0));
            VrrpGroup uplink = new VrrpGroup(1, config.apply(1));
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

    // ---- the RFC's formulas, written out here independently of the core ----

    /**
     * Skew_Time in nanoseconds: RFC 5798 §6.1 ((256 - Priority) * Master_Adver_Interval) / 256
     * for v3, RFC 3768 §6.1 (256 - Priority) / 256 s for v2. Asserts it is a whole number.
     */
    public long skewTime(int priority) {
        long unit = options.version() == 3 ? options.intervalNanos() : S;
        long numerator = (256L - priority) * unit;
        if (numerator % 256 != 0) throw new AssertionError("pick values whose Skew_Time is whole nanoseconds");
        return numerator / 256;
    }

    /** Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time (RFC 5798 §6.1, RFC 3768 §6.1). */
    public long masterDownInterval(int priority) {
        return 3 * options.intervalNanos() + skewTime(priority);
    }

    // ---- reading the trace ----

    /** The instants {@code device}'s group {@code group} became Master, in order. */
    public List<Long> becameMaster(String device, String group) {
        return trace.ofType(TraceEvent.StateChanged.class, device).stream()
                .filter(e -> e.group().equals(group) && e.to().equals("master")).map(TraceEvent.StateChanged::at).toList();
    }

    /** The first StateChanged of {@code device}/{@code group} to {@code to} at or after {@code from}. */
    public Optional<TraceEvent.StateChanged> firstChange(String device, String group, String to, long from) {
        return trace.ofType(TraceEvent.StateChanged.class, device).stream()
                .filter(e -> e.group().equals(group) && e.to().equals(to) && e.at() >= from).findFirst();
    }

    /**
     * The VRRP advertisements {@code device} received on {@code port} from {@code source}, as
     * (arrival time, priority) pairs.
     */
    public List<long[]> advertsReceived(String device, String port, Ipv4Address source) {
        List<long[]> list = new ArrayList<>();
        for (TraceEvent.FrameReceived r : trace.ofType(TraceEvent.FrameReceived.class, device)) {
            if (r.port().equals(port) && r.frame().payload() instanceof Ipv4Packet ip && ip.source().equals(source)
                    && ip.payload() instanceof VrrpAdvertisement a) {
                list.add(new long[] {r.at(), a.priority()});
            }
        }
        return list;
    }

    /** The arrival time of the last advertisement {@code device} got on {@code port} from {@code source} at or before {@code t} with priority in [min, max]. */
    public long lastAdvertBefore(String device, String port, Ipv4Address source, long t, int min, int max) {
        long last = -1;
        for (long[] a : advertsReceived(device, port, source)) {
            if (a[0] <= t && a[1] >= min && a[1] <= max) last = a[0];
        }
        if (last < 0) throw new AssertionError(device + " got no advertisement from " + source + " before " + t);
        return last;
    }

    /** The probes of {@code host} as (sent at, answered?) in send order, once every probe has an outcome. */
    public List<long[]> probes(String host) {
        List<long[]> sent = new ArrayList<>();
        java.util.Map<Integer, long[]> bySequence = new java.util.HashMap<>();
        for (TraceEvent e : trace.forDevice(host)) {
            switch (e) {
                case TraceEvent.ProbeSent p -> {
                    long[] row = {p.at(), -1};
                    sent.add(row);
                    bySequence.put(p.sequence(), row);
                }
                case TraceEvent.ProbeAnswered a -> bySequence.get(a.sequence())[1] = 1;
                case TraceEvent.ProbeLost l -> bySequence.get(l.sequence())[1] = 0;
                default -> { }
            }
        }
        return sent;
    }

    /** The send time of the first probe of {@code host} sent at or after {@code t} that was answered. */
    public long firstAnsweredProbeFrom(String host, long t) {
        for (long[] p : probes(host)) {
            if (p[0] >= t && p[1] == 1) return p[0];
        }
        throw new AssertionError(host + ": no probe sent after " + t + " was answered");
    }
}
