package io.firsthop.run;

import io.firsthop.core.host.BondHash;
import io.firsthop.scenario.Endpoint;
import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.scenario.GatewayProtocol;
import io.firsthop.scenario.HostSpec;
import io.firsthop.scenario.L3Interface;
import io.firsthop.scenario.Link;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.SwitchSpec;
import io.firsthop.scenario.Topology;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a gateway MAC belongs to, from the binding: every interface MAC is its node's; a VRRP or
 * HSRP virtual MAC belongs to the group with that MAC on the sending host's L2 segment, and at a
 * given time to the member leading that group then (VRRP Master, HSRP Active); a GLBP forwarder
 * MAC (0007.b4XX.XXYY) to the member that was the active virtual forwarder for it then; an
 * anycast gateway MAC to the member nearest the host through switches (configured delays),
 * where every member's switch keeps it.
 *
 * <p>A bonded host reaches two switches, and its bond picks one per flow: when the MAC is one
 * the switch on the picked member routes itself (an anycast gateway on its VLAN interface, or a
 * VRRP or HSRP group of an MLAG peer with {@code peer-gateway}), that switch is the gateway. The
 * member is the one the bond's hash picks while both are usable, else the usable one; usable
 * means, from the plan's timeline, that neither its link is cut, nor its port or the switch's
 * port is down, nor the switch is crashed or shut down.
 *
 * <p>How to use it: {@link #ownerAt} with the flow, the probe's {@code via} MAC and the instant
 * the probe was sent, and the run's {@link Observations} for who led what when.
 */
public final class Gateways {
    /**
     * The gateway a probe went through.
     *
     * @param node  the node that forwarded it, or null when it cannot be told (no leader, or two)
     * @param label how reports name it: the node, "r1+r2" for two leaders, or the MAC itself
     */
    public record Owner(String node, String label) {}

    private record SegmentMac(int segment, MacAddress mac) {}

    private record SegmentGlbp(int segment, int group) {}

    private final Scenario scenario;
    private final Topology topology;
    private final Map<MacAddress, String> interfaceOwners = new HashMap<>();
    private final Map<SegmentMac, FhrpGroup> virtualMacs = new HashMap<>();
    private final Map<SegmentGlbp, FhrpGroup> glbpGroups = new HashMap<>();
    private final Map<String, Integer> hostSegments = new HashMap<>();
    private final Map<MacAddress, FhrpGroup> anycastMacs = new HashMap<>();
    private final Map<String, Owner> nearestAnycast = new HashMap<>();
    /** Switches that route a gateway MAC on their own VLAN interface, by the segment of that interface. */
    private final Map<SegmentMac, Set<String>> routedBySwitch = new HashMap<>();
    private final Map<String, BondedHost> bondedHosts = new HashMap<>();
    private LinkGraph graph;

    /** One member of a bonded host: the switch it reaches, and from when it is usable or not. */
    private static final class Member {
        final String link;
        final String hostPort;
        final Endpoint far;
        boolean cut;
        boolean hostPortDown;
        boolean farPortDown;
        boolean farDown;
        final List<long[]> changes = new ArrayList<>(); // {at, 1 usable | 0 not}, in time order

        Member(String link, String hostPort, Endpoint far) {
            this.link = link;
            this.hostPort = hostPort;
            this.far = far;
        }

        void record(long at) {
            long usable = cut || hostPortDown || farPortDown || farDown ? 0 : 1;
            long last = changes.isEmpty() ? 1 : changes.get(changes.size() - 1)[1];
            if (usable != last) changes.add(new long[] {at, usable});
        }

        boolean usableAt(long at) {
            long usable = 1;
            for (long[] c : changes) {
                if (c[0] > at) break;
                usable = c[1];
            }
            return usable == 1;
        }
    }

    private record BondedHost(HostSpec spec, Member[] members, Map<String, Integer> flowIndex) {}

    public Gateways(NetworkPlan plan) {
        this.scenario = plan.scenario();
        this.topology = plan.topology();
        for (Node n : scenario.nodes().values()) {
            if (n.spec() instanceof HostSpec h) {
                interfaceOwners.put(h.iface().mac(), n.name());
                hostSegments.put(n.name(), topology.segmentOf(n.name(), h.iface().name()));
            }
            for (L3Interface i : n.spec().l3Interfaces()) interfaceOwners.put(i.mac(), n.name());
        }
        for (FhrpGroup g : topology.groups()) {
            GatewayProtocol config = g.members().get(0).config();
            switch (config) {
                case GatewayProtocol.Vrrp v -> virtualMacs.put(new SegmentMac(g.segment(), v.virtualMac()), g);
                case GatewayProtocol.Hsrp h -> virtualMacs.put(new SegmentMac(g.segment(), h.virtualMac()), g);
                case GatewayProtocol.Glbp gl -> glbpGroups.put(new SegmentGlbp(g.segment(), gl.group()), g);
                case GatewayProtocol.Anycast a -> anycastMacs.put(a.virtualMac(), g);
            }
            for (FhrpGroup.Member m : g.members()) {
                if (!(scenario.node(m.node()).spec() instanceof SwitchSpec sw)) continue;
                MacAddress routed = switch (m.config()) {
                    case GatewayProtocol.Anycast a -> a.virtualMac();
                    case GatewayProtocol.Vrrp v when sw.mlag() != null && sw.mlag().peerGateway() -> v.virtualMac();
                    case GatewayProtocol.Hsrp h when sw.mlag() != null && sw.mlag().peerGateway() -> h.virtualMac();
                    default -> null;
                };
                if (routed != null) {
                    routedBySwitch.computeIfAbsent(new SegmentMac(topology.segmentOf(m.node(), m.iface()), routed), k -> new HashSet<>())
                            .add(m.node());
                }
            }
        }
        for (Node n : scenario.nodes().values()) {
            if (n.spec() instanceof HostSpec h && h.bond() != null) bondedHosts.put(n.name(), bondedHost(n, h, plan));
        }
    }

    private BondedHost bondedHost(Node n, HostSpec h, NetworkPlan plan) {
        Member[] members = new Member[2];
        for (int i = 0; i < 2; i++) {
            Endpoint port = new Endpoint(n.name(), h.bond().members().get(i));
            Link l = scenario.linkAt(port);
            members[i] = l == null ? null : new Member(l.name(), port.iface(), l.a().equals(port) ? l.b() : l.a());
        }
        for (TimedAction ta : plan.timeline()) {
            for (Member m : members) {
                if (m == null) continue;
                Action a = ta.action();
                if (a instanceof Action.CutLink c && c.link().equals(m.link)) m.cut = true;
                else if (a instanceof Action.RestoreLink r && r.link().equals(m.link)) m.cut = false;
                else if (a instanceof Action.InterfaceDown d && d.device().equals(n.name()) && d.port().equals(m.hostPort)) m.hostPortDown = true;
                else if (a instanceof Action.InterfaceUp u && u.device().equals(n.name()) && u.port().equals(m.hostPort)) m.hostPortDown = false;
                else if (a instanceof Action.InterfaceDown d && d.device().equals(m.far.node()) && d.port().equals(m.far.iface())) m.farPortDown = true;
                else if (a instanceof Action.InterfaceUp u && u.device().equals(m.far.node()) && u.port().equals(m.far.iface())) m.farPortDown = false;
                else if (a instanceof Action.Crash c && c.device().equals(m.far.node())) m.farDown = true;
                else if (a instanceof Action.Shutdown sd && sd.device().equals(m.far.node())) m.farDown = true;
                else if (a instanceof Action.Restart r && r.device().equals(m.far.node())) m.farDown = false;
                m.record(ta.at());
            }
        }
        Map<String, Integer> flowIndex = new HashMap<>();
        for (Flow f : scenario.traffic()) {
            if (f.from().equals(n.name())) flowIndex.put(f.name(), flowIndex.size());
        }
        return new BondedHost(h, members, flowIndex);
    }

    /**
     * The switch that routes a bonded host's probe itself, or null: the switch its bond sends the
     * probe to, when that switch routes {@code mac} on its own VLAN interface.
     */
    private Owner routedAtBondMember(Flow flow, MacAddress mac, long at) {
        BondedHost b = bondedHosts.get(flow.from());
        Integer segment = hostSegments.get(flow.from());
        Set<String> routers = b == null || segment == null ? null : routedBySwitch.get(new SegmentMac(segment, mac));
        if (routers == null || b.members()[0] == null || b.members()[1] == null) return null;
        boolean first = b.members()[0].usableAt(at);
        boolean second = b.members()[1].usableAt(at);
        int member;
        if (first && second) {
            HostSpec h = b.spec();
            member = BondHash.probeMember(Binder.hashPolicy(h.bond().hashPolicy()), h.iface().mac(), h.iface().address().address(), mac,
                    flow.to(), b.flowIndex().get(flow.name()));
        } else if (first || second) {
            member = first ? 0 : 1;
        } else {
            return null;
        }
        String sw = b.members()[member].far.node();
        return routers.contains(sw) ? new Owner(sw, sw) : null;
    }

    /** Interface MAC -> node, for every host, router and VLAN interface. */
    public Map<MacAddress, String> interfaceOwners() {
        return Map.copyOf(interfaceOwners);
    }

    /** Virtual MAC -> group name, for reports: "vrrp:1" for 00:00:5e:00:01:01 (first group on any segment). */
    public Map<MacAddress, String> virtualMacGroups() {
        Map<MacAddress, String> m = new LinkedHashMap<>();
        for (Map.Entry<SegmentMac, FhrpGroup> e : virtualMacs.entrySet()) m.putIfAbsent(e.getKey().mac(), e.getValue().name());
        return m;
    }

    /** Who forwarded a probe of {@code flow} sent to {@code mac} at {@code at}. */
    public Owner ownerAt(Flow flow, MacAddress mac, long at, Observations obs) {
        if (mac == null) return new Owner(null, "unknown");
        String node = interfaceOwners.get(mac);
        if (node != null) return new Owner(node, node);
        Owner local = routedAtBondMember(flow, mac, at);
        if (local != null) return local;
        FhrpGroup anycast = anycastMacs.get(mac);
        if (anycast != null) return nearestMember(flow.from(), anycast);
        Integer segment = hostSegments.get(flow.from());
        if (segment != null) {
            FhrpGroup g = virtualMacs.get(new SegmentMac(segment, mac));
            if (g != null) return holders(obs.group(g.name()).leadersAt(at), mac);
            long v = mac.value();
            if ((v & ~0x3_FFFFL) == 0x0007_B400_0000L) {
                FhrpGroup gl = glbpGroups.get(new SegmentGlbp(segment, (int) ((v >> 8) & 0x3FF)));
                if (gl != null) return holders(obs.group(gl.name()).holdersAt(at, (int) (v & 0xFF)), mac);
            }
        }
        return new Owner(null, mac.toString());
    }

    /**
     * The anycast member that takes a host's frames to the shared MAC: the nearest one through
     * switches (each keeps the MAC at its own router: {@link io.firsthop.core.l2.GatewayMac}).
     */
    private Owner nearestMember(String host, FhrpGroup g) {
        return nearestAnycast.computeIfAbsent(host + "|" + g.name(), k -> {
            if (graph == null) graph = new LinkGraph(scenario, Map.of());
            long[] d = graph.distances(host, true);
            String best = null;
            long bestDistance = Long.MAX_VALUE;
            for (FhrpGroup.Member m : g.members()) {
                long dm = d[graph.index(m.node())];
                if (dm < bestDistance) {
                    bestDistance = dm;
                    best = m.node();
                }
            }
            return best == null ? new Owner(null, g.name() + " (no member reachable)") : new Owner(best, best);
        });
    }

    private static Owner holders(List<String> nodes, MacAddress mac) {
        if (nodes.size() == 1) return new Owner(nodes.get(0), nodes.get(0));
        if (nodes.isEmpty()) return new Owner(null, mac + " (no member held it)");
        return new Owner(null, String.join("+", nodes));
    }

    /** The site of a node, or null. */
    public String siteOf(String node) {
        return node == null ? null : scenario.siteOf(node);
    }
}
