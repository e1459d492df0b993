package io.firsthop.sim.fhrp;

import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.glbp.GlbpConfig;
import io.firsthop.core.glbp.GlbpGroup;
import io.firsthop.core.glbp.LoadBalancing;
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
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * GLBP's network: forty hosts on a LAN switch, four routers in GLBP group 1 for the gateway
 * 10.0.0.1, and the upstream router with the server behind. The routers' uplinks share a
 * second segment where GLBP group 1 again (another segment, so no collision) gives the upstream
 * router its way back (10.0.0.0/24 via 172.16.0.254).
 *
 * <pre>
 *  h1..h40 (10.0.0.11..50) ─ sw1 (VLAN 10) ─┬─ r1 ge0 10.0.0.2 .. r4 ge0 10.0.0.5
 *                                          r1..r4 ge1 172.16.0.2..5 ─ sw2 ─ up ge0 172.16.0.1, ge1 198.51.100.1 ─ srv 198.51.100.10
 *  GLBP group 1: 10.0.0.1 on each ge0 (r1 priority 110: the AVG); group 1 again: 172.16.0.254 on each ge1
 * </pre>
 *
 * The routers power on together at 0 and elect r1 AVG; the AVG assigns forwarder 1 to itself
 * and the others in the order their Requests arrive. The hosts start pinging the server only
 * once that is settled ({@link Options#probeStart}), host {@code i} one millisecond after host
 * {@code i - 1} (or before it, {@link Options#inReverseOrder}), so the AVG gets their ARP requests for
 * the gateway in that order.
 */
public final class GlbpLab {
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;
    public static final int GROUP = 1;
    public static final int ROUTERS = 4;
    public static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    public static final Ipv4Address UPLINK_VIP = Ipv4Address.parse("172.16.0.254");
    public static final Ipv4Address SERVER = Ipv4Address.parse("198.51.100.10");
    public static final int LAN_VLAN = 10;
    public static final String LAN_GROUP = "glbp 1 on ge0";

    /**
     * How the lab is built.
     *
     * @param lan           each router's LAN group configuration (the uplink group takes the timers
     *                      and priorities, with Cisco's defaults otherwise)
     * @param hosts         how many hosts
     * @param probeInterval time between two pings of a host
     * @param probeStart    when host 1 sends its first ping
     * @param hostArp       the hosts' ARP behaviour
     * @param reversed      whether the hosts start in reverse order (h40 first, h1 last)
     */
    public record Options(List<GlbpConfig> lan, int hosts, long probeInterval, long probeStart, long latency, ArpSettings hostArp,
                          boolean reversed) {
        /** Cisco's defaults (hello 3 s, hold 10 s, round-robin, redirect 600 s, timeout 14,400 s), r1 at priority 110; 40 hosts pinging every 100 ms from 40 s. */
        public static Options defaults() {
            List<GlbpConfig> lan = new ArrayList<>();
            for (int i = 0; i < ROUTERS; i++) lan.add(GlbpConfig.defaults(GROUP, VIP).withPriority(i == 0 ? 110 : 100));
            return new Options(lan, 40, 100 * MS, 40 * S, 100 * US, ArpSettings.DEFAULT, false);
        }

        public Options withLoadBalancing(LoadBalancing method) {
            return map(c -> c.withLoadBalancing(method));
        }

        public Options withTimers(long helloMs, long holdMs) {
            return map(c -> c.withTimers(helloMs, holdMs));
        }

        public Options withRedirect(int redirectSeconds, int timeoutSeconds) {
            return map(c -> c.withRedirect(redirectSeconds, timeoutSeconds));
        }

        /** Router {@code router}'s {@code glbp weighting}. */
        public Options withWeighting(int router, int weighting, int lower, int upper) {
            List<GlbpConfig> l = new ArrayList<>(lan);
            l.set(router, l.get(router).withWeighting(weighting, lower, upper));
            return new Options(l, hosts, probeInterval, probeStart, latency, hostArp, reversed);
        }

        public Options withProbes(long interval, long start) {
            return new Options(lan, hosts, interval, start, latency, hostArp, reversed);
        }

        /** The hosts start in reverse order: h40 first. */
        public Options inReverseOrder() {
            return new Options(lan, hosts, probeInterval, probeStart, latency, hostArp, true);
        }

        /** When host {@code i} sends its first ping. */
        public long startOf(int i) {
            return probeStart + (reversed ? hosts - i : i - 1) * MS;
        }

        public Options withHostArp(ArpSettings arp) {
            return new Options(lan, hosts, probeInterval, probeStart, latency, arp, reversed);
        }

        private Options map(UnaryOperator<GlbpConfig> f) {
            return new Options(lan.stream().map(f).toList(), hosts, probeInterval, probeStart, latency, hostArp, reversed);
        }

        public long holdNanos() {
            return lan.getFirst().holdMillis() * MS;
        }

        public long helloNanos() {
            return lan.getFirst().helloMillis() * MS;
        }
    }

    /** One GLBP hello as a router received it: when, and the Request/Response TLVs it carried. */
    public record Hello(long at, MacAddress source, List<GlbpTlv.RequestResponse> forwarders) {
        /** Whether it says its sender is the AVF of {@code forwarder}. */
        public boolean activeFor(int forwarder) {
            return forwarders.stream().anyMatch(f -> f.forwarder() == forwarder && f.vfState() == GlbpState.ACTIVE);
        }
    }

    public final Options options;
    public final VirtualEngine sim;
    public final TraceRecorder trace;
    public final List<Router> routers = new ArrayList<>();
    public final List<GlbpGroup> lanGroups = new ArrayList<>();
    public final List<GlbpGroup> uplinkGroups = new ArrayList<>();
    public final List<Host> hosts = new ArrayList<>();
    public final Host server;
    public final EthernetSwitch sw1;
    public final EthernetSwitch sw2;
    public final Router upstream;

    public GlbpLab(Options options) {
        this(options, true);
    }

    /** @param frameEvents whether the trace records every frame sent and received (memory for long runs) */
    public GlbpLab(Options options, boolean frameEvents) {
        this.options = options;
        this.trace = new TraceRecorder(frameEvents);
        this.sim = new VirtualEngine(1);
        List<SwitchPort> lanPorts = new ArrayList<>();
        for (int i = 1; i <= options.hosts(); i++) {
            ProbeFlow probe = ProbeFlow.of("srv", SERVER, options.probeInterval(), options.startOf(i));
            Host h = new Host(HostConfig.of(hostName(i), MacAddress.parse(String.format("02:00:00:00:10:%02x", i)),
                    InterfaceAddress.parse(hostAddress(i) + "/24"), VIP).withArp(options.hostArp()).withProbes(probe));
            hosts.add(h);
            lanPorts.add(SwitchPort.access(h.name(), LAN_VLAN));
            sim.addDevice(h);
        }
        server = new Host(HostConfig.of("srv", MacAddress.parse("02:00:00:00:00:99"), InterfaceAddress.parse("198.51.100.10/24"),
                Ipv4Address.parse("198.51.100.1")));
        List<SwitchPort> upPorts = new ArrayList<>();
        for (int i = 0; i < ROUTERS; i++) {
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
        sim.addDevice(server).addDevice(sw1).addDevice(sw2).addDevice(upstream);
        for (int i = 0; i < ROUTERS; i++) {
            Router r = new Router(RouterConfig.of(routerName(i),
                    RouterInterface.of("ge0", MacAddress.parse(String.format("02:00:00:00:%02x:00", i + 1)),
                            InterfaceAddress.parse(lanAddress(i) + "/24")),
                    RouterInterface.of("ge1", MacAddress.parse(String.format("02:00:00:00:%02x:01", i + 1)),
                            InterfaceAddress.parse(uplinkAddress(i) + "/24")))
                    .withStaticRoutes(StaticRoute.of("0.0.0.0/0", "172.16.0.1")));
            GlbpConfig lan = options.lan().get(i);
            GlbpGroup lanGroup = new GlbpGroup(0, lan);
            GlbpGroup uplinkGroup = new GlbpGroup(1, GlbpConfig.defaults(GROUP, UPLINK_VIP).withPriority(lan.priority())
                    .withTimers(lan.helloMillis(), lan.holdMillis()));
            r.addGroup(lanGroup);
            r.addGroup(uplinkGroup);
            routers.add(r);
            lanGroups.add(lanGroup);
            uplinkGroups.add(uplinkGroup);
            sim.addDevice(r);
        }
        LinkConfig link = LinkConfig.ofLatency(options.latency());
        for (Host h : hosts) sim.connect(h.name() + "-sw1", h.name() + ":eth0", "sw1:" + h.name(), link);
        for (int i = 0; i < ROUTERS; i++) {
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

    /** Host {@code i}, from 1. */
    public static String hostName(int i) {
        return "h" + i;
    }

    public static Ipv4Address hostAddress(int i) {
        return Ipv4Address.parse("10.0.0." + (10 + i));
    }

    public static Ipv4Address lanAddress(int index) {
        return Ipv4Address.parse("10.0.0." + (2 + index));
    }

    public static Ipv4Address uplinkAddress(int index) {
        return Ipv4Address.parse("172.16.0." + (2 + index));
    }

    /** Forwarder {@code f}'s virtual MAC, 0007.b400.010f. */
    public static MacAddress virtualMac(int forwarder) {
        return GlbpMessage.virtualMac(GROUP, forwarder);
    }

    public Router router(int index) {
        return routers.get(index);
    }

    public Host host(int i) {
        return hosts.get(i - 1);
    }

    /** The forwarder router {@code index} owns on the LAN (1..4), as its core says. */
    public int primaryForwarder(int index) {
        return lanGroups.get(index).core().primaryForwarder();
    }

    /** The forwarder number of a virtual MAC of this group. */
    public static int forwarderOf(MacAddress vmac) {
        for (int f = 1; f <= 4; f++) {
            if (virtualMac(f).equals(vmac)) return f;
        }
        throw new AssertionError(vmac + " is not a virtual MAC of GLBP group " + GROUP);
    }

    /** How many hosts have each forwarder's MAC cached for the gateway now: forwarder -> hosts. */
    public Map<Integer, Integer> hostsPerForwarder() {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int f = 1; f <= 4; f++) counts.put(f, 0);
        for (Host h : hosts) {
            MacAddress mac = h.arpLookup(VIP);
            if (mac != null) counts.merge(forwarderOf(mac), 1, Integer::sum);
        }
        return counts;
    }

    /** The hosts (by number) whose cache holds forwarder {@code f}'s MAC for the gateway now. */
    public List<Integer> hostsOf(int f) {
        List<Integer> list = new ArrayList<>();
        for (int i = 1; i <= hosts.size(); i++) {
            if (virtualMac(f).equals(host(i).arpLookup(VIP))) list.add(i);
        }
        return list;
    }

    /** The gateway MACs host {@code i} learned, in order (ArpLearned events for the virtual IP). */
    public List<TraceEvent.ArpLearned> gatewayLearned(int i) {
        return trace.ofType(TraceEvent.ArpLearned.class, hostName(i)).stream().filter(e -> e.ip().equals(VIP)).toList();
    }

    /** The GLBP hellos {@code device} received on the LAN from router {@code from}. */
    public List<Hello> hellos(String device, int from) {
        List<Hello> list = new ArrayList<>();
        for (TraceEvent.FrameReceived r : trace.ofType(TraceEvent.FrameReceived.class, device)) {
            if (r.port().equals("ge0") && r.frame().payload() instanceof Ipv4Packet ip && ip.source().equals(lanAddress(from))
                    && ip.payload() instanceof UdpDatagram udp && udp.payload() instanceof GlbpMessage m && m.hello() != null) {
                List<GlbpTlv.RequestResponse> vfs = new ArrayList<>();
                for (GlbpTlv t : m.tlvs()) {
                    if (t instanceof GlbpTlv.RequestResponse rr) vfs.add(rr);
                }
                list.add(new Hello(r.at(), r.frame().source(), vfs));
            }
        }
        return list;
    }

    /** The first StateChanged of {@code device}/{@code group} to {@code to} at or after {@code from}. */
    public Optional<TraceEvent.StateChanged> firstChange(String device, String group, String to, long from) {
        return trace.ofType(TraceEvent.StateChanged.class, device).stream()
                .filter(e -> e.group().equals(group) && e.to().equals(to) && e.at() >= from).findFirst();
    }

    /** The trace's group name of forwarder {@code f} of the LAN group. */
    public static String forwarderGroup(int f) {
        return LAN_GROUP + " forwarder " + f;
    }

    public List<ProbeTrace.Probe> probes(int host) {
        return ProbeTrace.probes(trace, hostName(host));
    }

    public long firstAnsweredProbeFrom(int host, long t) {
        return ProbeTrace.firstAnsweredFrom(trace, hostName(host), t);
    }
}
