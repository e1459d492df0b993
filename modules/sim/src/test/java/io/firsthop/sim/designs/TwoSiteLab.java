package io.firsthop.sim.designs;

import io.firsthop.core.anycast.AnycastConfig;
import io.firsthop.core.anycast.AnycastGateway;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.GatewayMac;
import io.firsthop.core.l2.MlagConfig;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two sites, seoul and daegu, with VLAN 10 (hosts, 10.0.10.0/24) and VLAN 20 (servers,
 * 10.0.20.0/24) stretched across a WAN as an EVPN/VXLAN fabric presents them (point 12).
 *
 * <pre>
 *   seoul                                              daegu
 *   s1-leaf ======== wan (2 ms, VLANs 10+20) ========= d1-leaf
 *     |  peer (MLAG pair)                                |  peer (MLAG pair)
 *   s2-leaf                                            d2-leaf
 *   each leaf: v10, v20 -> its router (SVIs), 0 latency
 *   s1-leaf: h-seoul (VLAN 10), srv-seoul (VLAN 20)
 *   d1-leaf: h-daegu (VLAN 10), srv-daegu (VLAN 20), h-dual (bond, MLAG id 1, also on d2-leaf)
 * </pre>
 * The fabric's inter-site path is one link between the sites' first leaves (no ECMP underlay):
 * enough for one stretched segment and loop-free with the two MLAG pairs. Routers: s1 .2, s2
 * .3, d1 .4, d2 .5 on both VLANs. The servers' gateway is always the anycast 10.0.20.1 on
 * every leaf (their own site's), unless {@code serversCentralised}: then 10.0.20.2 in seoul.
 * The hosts' gateway depends on the {@link Design}. Every probe flow targets srv-daegu
 * ("to-srv-daegu") and srv-seoul ("to-srv-seoul").
 */
final class TwoSiteLab {
    enum Design {
        /** The hosts' only gateway is s1's router (10.0.10.2): daegu traffic trombones to seoul. */
        CENTRALISED,
        /** VRRP 10.0.10.1 over all four leaves, s1 Master (priority 200): one Master serves both sites. */
        STRETCHED_VRRP,
        /** 10.0.10.1 with one anycast MAC on every leaf: hosts leave through their own site's leaf. */
        ANYCAST
    }

    static final long US = 1_000L;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    static final long ACCESS = 50 * US;
    static final long PEER = 10 * US;
    static final long WAN = 2 * MS;

    static final long PROBE_START = 2 * S;
    static final long PROBE_INTERVAL = 100 * MS;
    static final long MEASURE_FROM = 2500 * MS;

    static final MacAddress ANYCAST_MAC = MacAddress.parse("00:00:5e:00:53:01");
    static final Ipv4Address GW10 = Ipv4Address.parse("10.0.10.1");
    static final Ipv4Address GW20 = Ipv4Address.parse("10.0.20.1");
    static final Ipv4Address SRV_SEOUL = Ipv4Address.parse("10.0.20.11");
    static final Ipv4Address SRV_DAEGU = Ipv4Address.parse("10.0.20.12");
    static final String[] LEAVES = {"s1", "s2", "d1", "d2"};

    final Design design;
    final boolean serversCentralised;
    final VirtualEngine sim = new VirtualEngine(12);
    final ProbePaths paths = new ProbePaths();
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, Router> routers = new LinkedHashMap<>();
    final Map<String, EthernetSwitch> leaves = new LinkedHashMap<>();

    TwoSiteLab(Design design, boolean serversCentralised) {
        this.design = design;
        this.serversCentralised = serversCentralised;
        for (int i = 0; i < LEAVES.length; i++) {
            String leaf = LEAVES[i];
            EthernetSwitch sw = new EthernetSwitch(leafConfig(leaf));
            leaves.put(leaf, sw);
            Router r = router(leaf, i);
            routers.put(leaf, r);
            sim.addDevice(sw).addDevice(r);
            sim.connect(leaf + "-svi10", leaf + "-leaf:v10", leaf + "-router:v10", LinkConfig.IDEAL);
            sim.connect(leaf + "-svi20", leaf + "-leaf:v20", leaf + "-router:v20", LinkConfig.IDEAL);
        }
        sim.connect("wan", "s1-leaf:wan", "d1-leaf:wan", LinkConfig.ofLatency(WAN));
        sim.connect("s-peer", "s1-leaf:peer", "s2-leaf:peer", LinkConfig.ofLatency(PEER));
        sim.connect("d-peer", "d1-leaf:peer", "d2-leaf:peer", LinkConfig.ofLatency(PEER));
        paths.watch("wan", "s1-leaf:wan", "d1-leaf:wan");

        Ipv4Address hostGateway = design == Design.CENTRALISED ? Ipv4Address.parse("10.0.10.2") : GW10;
        Ipv4Address serverGateway = serversCentralised ? Ipv4Address.parse("10.0.20.2") : GW20;
        host(HostConfig.of("h-seoul", mac(0x11), InterfaceAddress.parse("10.0.10.11/24"), hostGateway).withProbes(probes()), "s1");
        host(HostConfig.of("h-daegu", mac(0x12), InterfaceAddress.parse("10.0.10.12/24"), hostGateway).withProbes(probes()), "d1");
        HostConfig dual = HostConfig.of("h-dual", mac(0x13), InterfaceAddress.parse("10.0.10.13/24"), hostGateway)
                .withProbes(dualProbes()).withBond("eth1");
        Host h = new Host(dual);
        hosts.put(dual.name(), h);
        sim.addDevice(h);
        sim.connect("h-dual-d1", "h-dual:eth0", "d1-leaf:h-dual", LinkConfig.ofLatency(ACCESS));
        sim.connect("h-dual-d2", "h-dual:eth1", "d2-leaf:h-dual", LinkConfig.ofLatency(ACCESS));
        paths.follow(dual);
        host(HostConfig.of("srv-seoul", mac(0x21), InterfaceAddress.parse("10.0.20.11/24"), serverGateway), "s1");
        host(HostConfig.of("srv-daegu", mac(0x22), InterfaceAddress.parse("10.0.20.12/24"), serverGateway), "d1");
        sim.addTraceSink(paths);
    }

    private static ProbeFlow[] probes() {
        return new ProbeFlow[] {
                ProbeFlow.of("to-srv-daegu", SRV_DAEGU, PROBE_INTERVAL, PROBE_START),
                ProbeFlow.of("to-srv-seoul", SRV_SEOUL, PROBE_INTERVAL, PROBE_START + MS)};
    }

    /** Four flows to srv-daegu, so the bond spreads them over both leaves. */
    private static ProbeFlow[] dualProbes() {
        ProbeFlow[] flows = new ProbeFlow[4];
        for (int i = 0; i < flows.length; i++) flows[i] = ProbeFlow.of("f" + i, SRV_DAEGU, PROBE_INTERVAL, PROBE_START + 2 * MS + i * 10 * US);
        return flows;
    }

    private void host(HostConfig config, String leaf) {
        Host h = new Host(config);
        hosts.put(config.name(), h);
        sim.addDevice(h);
        sim.connect(config.name() + "-link", config.name() + ":eth0", leaf + "-leaf:" + config.name(), LinkConfig.ofLatency(ACCESS));
        if (!config.probes().isEmpty()) paths.follow(config);
    }

    private static MacAddress mac(int n) {
        return MacAddress.parse(String.format("02:00:00:00:00:%02x", n));
    }

    private SwitchConfig leafConfig(String leaf) {
        List<SwitchPort> ports = new ArrayList<>();
        ports.add(SwitchPort.access("v10", 10));
        ports.add(SwitchPort.access("v20", 20));
        ports.add(SwitchPort.trunk("peer", Set.of(10, 20), 1));
        switch (leaf) {
            case "s1" -> {
                ports.add(SwitchPort.trunk("wan", Set.of(10, 20), 1));
                ports.add(SwitchPort.access("h-seoul", 10));
                ports.add(SwitchPort.access("srv-seoul", 20));
            }
            case "d1" -> {
                ports.add(SwitchPort.trunk("wan", Set.of(10, 20), 1));
                ports.add(SwitchPort.access("h-daegu", 10));
                ports.add(SwitchPort.access("srv-daegu", 20));
                ports.add(SwitchPort.access("h-dual", 10));
            }
            case "d2" -> ports.add(SwitchPort.access("h-dual", 10));
            default -> {
            }
        }
        SwitchConfig c = new SwitchConfig(leaf + "-leaf", ports, SwitchConfig.DEFAULT_AGING_NANOS)
                .withMlag(leaf.startsWith("d") ? MlagConfig.of("peer", "h-dual", 1) : MlagConfig.of("peer"));
        GatewayMac servers = GatewayMac.withArp(20, ANYCAST_MAC, "v20", GW20);
        return design == Design.ANYCAST
                ? c.withGatewayMacs(servers, GatewayMac.withArp(10, ANYCAST_MAC, "v10", GW10))
                : c.withGatewayMacs(servers);
    }

    private Router router(String leaf, int index) {
        String last = String.valueOf(2 + index);
        Router r = new Router(RouterConfig.of(leaf + "-router",
                RouterInterface.of("v10", MacAddress.parse(String.format("02:00:00:00:1%d:10", index)), InterfaceAddress.parse("10.0.10." + last + "/24")),
                RouterInterface.of("v20", MacAddress.parse(String.format("02:00:00:00:1%d:20", index)), InterfaceAddress.parse("10.0.20." + last + "/24"))));
        switch (design) {
            case CENTRALISED -> {
            }
            case STRETCHED_VRRP -> r.addGroup(new VrrpGroup(0, VrrpConfig.v3(10, 200 - 50 * index, 10, List.of(GW10))));
            case ANYCAST -> r.addGroup(new AnycastGateway(0, AnycastConfig.anycast(ANYCAST_MAC, GW10)));
        }
        r.addGroup(new AnycastGateway(1, AnycastConfig.anycast(ANYCAST_MAC, GW20)));
        return r;
    }

    /**
     * The one-way latency from a single-homed host to a server (or back) crossing the WAN
     * {@code wanCrossings} times: two access links, the WAN, and SVIs that cost nothing.
     */
    long oneWay(int wanCrossings) {
        return PathLatency.of(sim, "h-daegu-link", "srv-daegu-link") + wanCrossings * PathLatency.of(sim, "wan");
    }

    VirtualEngine run(long until) {
        sim.runUntil(until);
        return sim;
    }
}
