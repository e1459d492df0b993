package io.firsthop.sim.designs;

import io.firsthop.core.anycast.AnycastConfig;
import io.firsthop.core.anycast.AnycastGateway;
import io.firsthop.core.host.BondHash;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.hsrp.HsrpConfig;
import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.GatewayMac;
import io.firsthop.core.l2.MlagConfig;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.mlag.PeerGateway;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An MLAG pair of switch-routers with dual-homed hosts (point 11 of the notes).
 *
 * <pre>
 *   h1..hN  (bond: eth0 -> swA, eth1 -> swB; MLAG id i on both switches)
 *   swA ==peer== swB        each switch: svi -> its router (rA, rB), 0 latency
 *   rA:up, rB:up -> core -> srv (10.0.99.100, gateway rA 10.0.99.2)
 * </pre>
 * Hosts are 10.0.10.(10+i)/24 with gateway 10.0.10.1 (10.0.10.254 for the odd ones with split
 * groups); each sends {@link #FLOWS_PER_HOST} probe flows to srv. The server answers through rA,
 * which reaches every host on swA's own member, so only the requests can take the detour.
 */
final class MlagLab {
    enum Mode {
        /** VRRP, rA Master: frames hashed to swB cross the peer link to rA. */
        ACTIVE_STANDBY_VRRP,
        /** HSRP, rA Active: same detour as VRRP. */
        ACTIVE_STANDBY_HSRP,
        /** VRRP with peer-gateway on both routers and the virtual MAC kept local on both switches. */
        ACTIVE_ACTIVE,
        /** Arista VARP: both routers answer for 10.0.10.1 with one MAC, no election. */
        VARP,
        /** Two VRRP groups, 10.0.10.1 mastered by rA, 10.0.10.254 by rB; hosts split between them. */
        SPLIT_GROUPS
    }

    static final long US = 1_000L;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    static final long ACCESS = 10 * US;
    static final long PEER = 25 * US;
    static final long UPLINK = 40 * US;
    static final long SERVER = 10 * US;

    static final int FLOWS_PER_HOST = 2;
    static final long PROBE_START = 1 * S;
    static final long PROBE_INTERVAL = 100 * MS;
    /** Probes from here on are past ARP and the elections. */
    static final long MEASURE_FROM = 1500 * MS;

    static final Ipv4Address VIP = Ipv4Address.parse("10.0.10.1");
    static final Ipv4Address VIP2 = Ipv4Address.parse("10.0.10.254");
    static final Ipv4Address SERVER_IP = Ipv4Address.parse("10.0.99.100");
    static final MacAddress VARP_MAC = MacAddress.parse("00:1c:73:00:00:99");

    final Mode mode;
    final int hostCount;
    final VirtualEngine sim = new VirtualEngine(11);
    final ProbePaths paths = new ProbePaths();
    final List<HostConfig> hosts = new ArrayList<>();
    final Map<String, Host> hostDevices = new LinkedHashMap<>();
    final EthernetSwitch swA;
    final EthernetSwitch swB;
    final Router rA;
    final Router rB;

    MlagLab(Mode mode, int hostCount) {
        this.mode = mode;
        this.hostCount = hostCount;
        for (int i = 1; i <= hostCount; i++) {
            Ipv4Address gw = mode == Mode.SPLIT_GROUPS && i % 2 == 1 ? VIP2 : VIP;
            ProbeFlow[] flows = new ProbeFlow[FLOWS_PER_HOST];
            for (int f = 0; f < FLOWS_PER_HOST; f++) flows[f] = ProbeFlow.of("f" + f, SERVER_IP, PROBE_INTERVAL, PROBE_START + f * MS + i * 10 * US);
            hosts.add(HostConfig.of("h" + i, MacAddress.parse(String.format("02:00:00:00:10:%02x", i)),
                    InterfaceAddress.parse("10.0.10." + (10 + i) + "/24"), gw).withProbes(flows).withBond("eth1"));
        }
        swA = new EthernetSwitch(switchConfig("swA"));
        swB = new EthernetSwitch(switchConfig("swB"));
        rA = router("rA", 0x0a, "10.0.10.2/24", "10.0.99.2/24", 200, 100);
        rB = router("rB", 0x0b, "10.0.10.3/24", "10.0.99.3/24", 100, 200);
        EthernetSwitch core = new EthernetSwitch(SwitchConfig.of("core",
                SwitchPort.access("ra", 1), SwitchPort.access("rb", 1), SwitchPort.access("srv", 1)));
        Host srv = new Host(HostConfig.of("srv", MacAddress.parse("02:00:00:00:99:64"),
                InterfaceAddress.parse("10.0.99.100/24"), Ipv4Address.parse("10.0.99.2")));
        sim.addDevice(swA).addDevice(swB).addDevice(rA).addDevice(rB).addDevice(core).addDevice(srv);
        for (HostConfig h : hosts) {
            Host host = new Host(h);
            hostDevices.put(h.name(), host);
            sim.addDevice(host);
            sim.connect(h.name() + "-a", h.name() + ":eth0", "swA:" + h.name(), LinkConfig.ofLatency(ACCESS));
            sim.connect(h.name() + "-b", h.name() + ":eth1", "swB:" + h.name(), LinkConfig.ofLatency(ACCESS));
            paths.follow(h);
        }
        sim.connect("peer", "swA:peer", "swB:peer", LinkConfig.ofLatency(PEER));
        sim.connect("svi-a", "swA:svi", "rA:v10", LinkConfig.IDEAL);
        sim.connect("svi-b", "swB:svi", "rB:v10", LinkConfig.IDEAL);
        sim.connect("up-a", "rA:up", "core:ra", LinkConfig.ofLatency(UPLINK));
        sim.connect("up-b", "rB:up", "core:rb", LinkConfig.ofLatency(UPLINK));
        sim.connect("srv-link", "core:srv", "srv:eth0", LinkConfig.ofLatency(SERVER));
        paths.watch("peer", "swA:peer", "swB:peer").watch("up-a", "rA:up", "core:ra").watch("up-b", "rB:up", "core:rb");
        sim.addTraceSink(paths);
    }

    private SwitchConfig switchConfig(String name) {
        List<SwitchPort> ports = new ArrayList<>();
        ports.add(SwitchPort.trunk("peer", Set.of(10), 1));
        ports.add(SwitchPort.access("svi", 10));
        Object[] members = new Object[2 * hostCount];
        for (int i = 1; i <= hostCount; i++) {
            ports.add(SwitchPort.access("h" + i, 10));
            members[2 * (i - 1)] = "h" + i;
            members[2 * (i - 1) + 1] = i;
        }
        SwitchConfig c = new SwitchConfig(name, ports, SwitchConfig.DEFAULT_AGING_NANOS).withMlag(MlagConfig.of("peer", members));
        return switch (mode) {
            case ACTIVE_ACTIVE -> c.withGatewayMacs(GatewayMac.of(10, VrrpAdvertisement.virtualMac(1), "svi"));
            case VARP -> c.withGatewayMacs(GatewayMac.withArp(10, VARP_MAC, "svi", VIP));
            default -> c;
        };
    }

    private Router router(String name, int id, String v10, String up, int priority1, int priority2) {
        Router r = new Router(RouterConfig.of(name,
                RouterInterface.of("v10", MacAddress.parse(String.format("02:00:00:00:%02x:01", id)), InterfaceAddress.parse(v10)),
                RouterInterface.of("up", MacAddress.parse(String.format("02:00:00:00:%02x:02", id)), InterfaceAddress.parse(up))));
        VrrpConfig vrrp = VrrpConfig.v3(1, priority1, 10, List.of(VIP));
        switch (mode) {
            case ACTIVE_STANDBY_VRRP -> r.addGroup(new VrrpGroup(0, vrrp));
            case ACTIVE_STANDBY_HSRP -> r.addGroup(new HsrpGroup(0, HsrpConfig.of(2, 1, VIP).withPriority(priority1)
                    .withPreempt(true).withTimers(HsrpTimers.millis(100, 400))));
            case ACTIVE_ACTIVE -> {
                VrrpGroup g = new VrrpGroup(0, vrrp);
                r.addGroup(new PeerGateway(g, g.virtualMac()));
            }
            case VARP -> r.addGroup(new AnycastGateway(0, AnycastConfig.varp(VARP_MAC, VIP)));
            case SPLIT_GROUPS -> {
                r.addGroup(new VrrpGroup(0, vrrp));
                r.addGroup(new VrrpGroup(0, VrrpConfig.v3(2, priority2, 10, List.of(VIP2))));
            }
        }
        return r;
    }

    /** Whether the requests of a host's flow cross the peer link to reach a router that routes them: predicted from the bond hash. */
    boolean predictedToCross(HostConfig host, int flowIndex) {
        int member = BondHash.probeMember(host.address().address(), SERVER_IP, flowIndex);
        return switch (mode) {
            case ACTIVE_STANDBY_VRRP, ACTIVE_STANDBY_HSRP -> member == 1;
            case SPLIT_GROUPS -> host.gateway().equals(VIP) ? member == 1 : member == 0;
            case ACTIVE_ACTIVE, VARP -> false;
        };
    }

    /** The RTT a probe should see: access, SVI (0), uplink, server link, both ways; plus the peer link once if the request detours. */
    long predictedRtt(boolean crosses) {
        long base = PathLatency.of(sim, "h1-a", "svi-a", "up-a", "srv-link") + PathLatency.of(sim, "srv-link", "up-a", "svi-a", "h1-a");
        return base + (crosses ? PathLatency.of(sim, "peer") : 0);
    }

    VirtualEngine run(long until) {
        sim.runUntil(until);
        return sim;
    }
}
