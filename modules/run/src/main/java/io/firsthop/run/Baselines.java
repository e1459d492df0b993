package io.firsthop.run;

import io.firsthop.scenario.Event;
import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.scenario.HostSpec;
import io.firsthop.scenario.L3Interface;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.Topology;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The round trip each flow would see through its nearest gateway: the baseline a probe's RTT is
 * compared with to tell what a detour (tromboning, a remote gateway, a hairpin) costs.
 *
 * <p>How it is computed, from configured link latencies only (no queueing, no jitter, no
 * serialization, no device processing time: the virtual engine's devices take none):
 * <ul>
 *   <li>the flow's <em>gateway candidates</em> are the router interfaces on the sending host's L2
 *       segment that serve an address the host uses as its gateway during the run (its
 *       configured gateway and every {@code set-gateway} of it): the interface that has that
 *       address, and every member of a gateway group whose virtual address it is;</li>
 *   <li>the one-way path host to gateway is the shortest path through switches only (L2);
 *       gateway to destination is the shortest path through switches and routers (not through
 *       hosts, which do not forward); each link counts its configured one-way delay;</li>
 *   <li>baseline = 2 x min over candidates of (host to gateway + gateway to destination): the
 *       reply is assumed to come back the same way. A destination on the host's own subnet needs no
 *       gateway: baseline = 2 x the L2 path host to destination.</li>
 * </ul>
 * Link delays change with {@code impair} events, so baselines are recomputed at each one and the
 * one in force when a probe was sent applies. A flow whose destination is no node's address, or
 * whose host has no gateway on its segment, has no baseline ({@link #reason} says why).
 */
public final class Baselines {
    private static final long NONE = -1;

    private final Scenario scenario;
    private final Topology topology;
    /** Per epoch: from when, and each flow's baseline (NONE if none). */
    private final List<long[]> epochs = new ArrayList<>();
    private final long[] epochStarts;
    private final List<String> flowNames = new ArrayList<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();

    public Baselines(NetworkPlan plan) {
        this.scenario = plan.scenario();
        this.topology = plan.topology();
        for (Flow f : scenario.traffic()) flowNames.add(f.name());
        Map<String, Long> delays = new HashMap<>();
        for (LinkPlan l : plan.links()) delays.put(l.name(), l.config().latencyNanos());
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        epochs.add(compute(delays));
        for (TimedAction ta : plan.timeline()) {
            if (ta.action() instanceof Action.Impair im) {
                delays.put(im.link(), im.config().latencyNanos());
                if (starts.get(starts.size() - 1) == ta.at()) {
                    epochs.set(epochs.size() - 1, compute(delays));
                } else {
                    starts.add(ta.at());
                    epochs.add(compute(delays));
                }
            }
        }
        epochStarts = starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** The baseline RTT in nanoseconds for a probe of {@code flow} sent at {@code at}, or -1 if the flow has none. */
    public long at(String flow, long at) {
        int f = flowNames.indexOf(flow);
        if (f < 0) return NONE;
        int e = Arrays.binarySearch(epochStarts, at);
        if (e < 0) e = -e - 2;
        return epochs.get(Math.max(0, e))[f];
    }

    /** The baseline at the start of the run, or -1. */
    public long initial(String flow) {
        return at(flow, 0);
    }

    /** Why {@code flow} has no baseline, or null if it has one. */
    public String reason(String flow) {
        return reasons.get(flow);
    }

    // ------------------------------------------------------------------ computing

    private long[] compute(Map<String, Long> delays) {
        LinkGraph graph = new LinkGraph(scenario, delays);
        long[] out = new long[flowNames.size()];
        for (int i = 0; i < out.length; i++) out[i] = baseline(scenario.traffic().get(i), graph);
        return out;
    }

    private long baseline(Flow f, LinkGraph graph) {
        Node host = scenario.node(f.from());
        if (host == null || !(host.spec() instanceof HostSpec h)) return none(f, "its sender is not a host");
        String destination = f.toNode() != null ? f.toNode() : ownerOf(f.to());
        if (destination == null) return none(f, "its destination " + f.to() + " is no node's address");
        long[] l2 = graph.distances(host.name(), true);
        if (h.iface().address().prefix().contains(f.to())) {
            long d = l2[graph.index(destination)];
            return d == Long.MAX_VALUE ? none(f, "no L2 path to " + destination) : 2 * d;
        }
        Set<String> candidates = candidates(host.name(), h);
        if (candidates.isEmpty()) return none(f, "no router interface on " + host.name() + "'s segment serves its gateway");
        long best = Long.MAX_VALUE;
        for (String gw : candidates) {
            long toGateway = l2[graph.index(gw)];
            if (toGateway == Long.MAX_VALUE) continue;
            long onward = graph.distances(gw, false)[graph.index(destination)];
            if (onward == Long.MAX_VALUE) continue;
            best = Math.min(best, toGateway + onward);
        }
        return best == Long.MAX_VALUE ? none(f, "no path through a gateway to " + destination) : 2 * best;
    }

    private long none(Flow f, String why) {
        reasons.putIfAbsent(f.name(), why);
        return NONE;
    }

    private Set<String> candidates(String hostName, HostSpec h) {
        Set<Ipv4Address> gateways = new LinkedHashSet<>();
        if (h.gateway() != null) gateways.add(h.gateway());
        for (Event e : scenario.events()) {
            if (e instanceof Event.SetGateway sg && sg.host().equals(hostName)) gateways.add(sg.gateway());
        }
        int segment = topology.segmentOf(hostName, h.iface().name());
        Set<String> routers = new LinkedHashSet<>();
        for (Node n : scenario.nodes().values()) {
            for (L3Interface i : n.spec().l3Interfaces()) {
                if (topology.segmentOf(n.name(), i.name()) != segment) continue;
                for (InterfaceAddress a : i.addresses()) if (gateways.contains(a.address())) routers.add(n.name());
            }
        }
        for (FhrpGroup g : topology.groups()) {
            for (FhrpGroup.Member m : g.members()) {
                if (topology.segmentOf(m.node(), m.iface()) != segment) continue;
                for (Ipv4Address vip : m.config().virtualAddresses()) if (gateways.contains(vip)) routers.add(m.node());
            }
        }
        return routers;
    }

    private String ownerOf(Ipv4Address address) {
        for (Node n : scenario.nodes().values()) {
            if (n.spec() instanceof HostSpec h && h.iface().address().address().equals(address)) return n.name();
            for (L3Interface i : n.spec().l3Interfaces()) {
                for (InterfaceAddress a : i.addresses()) if (a.address().equals(address)) return n.name();
            }
        }
        return null;
    }
}
