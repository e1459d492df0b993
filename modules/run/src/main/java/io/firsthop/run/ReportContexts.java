package io.firsthop.run;

import io.firsthop.report.ReportContext;
import io.firsthop.report.RunInfo;
import io.firsthop.report.Topology;
import io.firsthop.scenario.HostSpec;
import io.firsthop.scenario.L3Interface;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.PortMode;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.SwitchPort;
import io.firsthop.scenario.SwitchSpec;
import io.firsthop.scenario.Flow;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the report module needs to know of a bound scenario that its trace does not say: the
 * topology with sites, who owns each interface MAC, the L2 segment of each interface (named
 * after the first switch VLAN on it, "sw1/vlan10", or the first interface when no switch is,
 * "r1:ge1"), and each flow's nearest-gateway baseline at the start of the run ({@link Baselines}).
 */
public final class ReportContexts {
    private ReportContexts() {
    }

    public static ReportContext of(NetworkPlan plan, RunInfo run) {
        Scenario s = plan.scenario();
        List<Topology.Node> nodes = new ArrayList<>();
        for (Node n : s.nodes().values()) nodes.add(new Topology.Node(n.name(), n.kind().yamlName(), n.site()));
        List<Topology.Link> links = new ArrayList<>();
        for (LinkPlan l : plan.links()) links.add(new Topology.Link(l.name(), l.a(), l.b()));
        Map<MacAddress, String> owners = new HashMap<>(new Gateways(plan).interfaceOwners());
        // an anycast MAC belongs to every member: the report names it after its group (which member
        // a flow reached is the run module's to tell, from the topology)
        for (io.firsthop.scenario.FhrpGroup g : plan.topology().groups()) {
            if (g.members().get(0).config() instanceof io.firsthop.scenario.GatewayProtocol.Anycast a) owners.putIfAbsent(a.virtualMac(), g.name());
        }
        Baselines baselines = new Baselines(plan);
        Map<String, Double> nearest = new LinkedHashMap<>();
        for (Flow f : s.traffic()) {
            long b = baselines.initial(f.name());
            if (b >= 0) nearest.put(f.name(), b / 1e6);
        }
        Map<String, String> sites = new LinkedHashMap<>();
        for (DevicePlan d : plan.devices()) {
            sites.put(d.name(), d.site());
            for (String part : d.parts()) sites.put(part, d.site());
        }
        return ReportContext.of(run)
                .withTopology(new Topology(nodes, links))
                .withDeviceSites(sites)
                .withMacOwners(owners)
                .withSegments(segments(plan))
                .withNearestGatewayRtt(nearest)
                .withDuration(plan.durationNanos());
    }

    /** "node:interface" -> segment name, for every host interface and L3 interface. */
    static Map<String, String> segments(NetworkPlan plan) {
        Scenario s = plan.scenario();
        io.firsthop.scenario.Topology t = plan.topology();
        Map<Integer, String> names = new HashMap<>();
        for (Node n : s.nodes().values()) {
            if (!(n.spec() instanceof SwitchSpec sw)) continue;
            TreeSet<Integer> vlans = new TreeSet<>();
            for (SwitchPort p : sw.ports()) {
                switch (p.mode()) {
                    case PortMode.Access a -> vlans.add(a.vlan());
                    case PortMode.Trunk tr -> {
                        vlans.add(tr.nativeVlan());
                        if (!tr.allowsAll()) vlans.addAll(tr.allowedVlans());
                    }
                }
            }
            for (int v : vlans) names.putIfAbsent(t.segmentOfVlan(n.name(), v), n.name() + "/vlan" + v);
        }
        Map<String, String> segments = new LinkedHashMap<>();
        for (Node n : s.nodes().values()) {
            List<String> ifaces = new ArrayList<>();
            if (n.spec() instanceof HostSpec h) ifaces.add(h.iface().name());
            for (L3Interface i : n.spec().l3Interfaces()) ifaces.add(i.name());
            for (String i : ifaces) {
                int seg = t.segmentOf(n.name(), i);
                segments.put(n.name() + ":" + i, names.computeIfAbsent(seg, k -> n.name() + ":" + i));
            }
        }
        return segments;
    }
}
