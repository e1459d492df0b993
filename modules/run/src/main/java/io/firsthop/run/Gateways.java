package io.firsthop.run;

import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.scenario.GatewayProtocol;
import io.firsthop.scenario.HostSpec;
import io.firsthop.scenario.L3Interface;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.Topology;
import io.firsthop.wire.MacAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a gateway MAC belongs to, from the binding: every interface MAC is its node's; a VRRP or
 * HSRP virtual MAC belongs to the group with that MAC on the sending host's L2 segment, and at a
 * given time to the member leading that group then (VRRP Master, HSRP Active); a GLBP forwarder
 * MAC (0007.b4XX.XXYY) to the member that was the active virtual forwarder for it then; an
 * anycast gateway MAC to the member nearest the host through switches (configured delays),
 * where every member's switch keeps it.
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
    private LinkGraph graph;

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
        }
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
