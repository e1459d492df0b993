package io.firsthop.run;

import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.Topology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scenario bound to what an engine runs: devices (as factories), links, and the timeline of
 * actions, plus the scenario and its topology for reading the results. Engine-neutral: the
 * virtual engine and the cluster engine take the same plan.
 *
 * @param scenario       the scenario (the base or one variant)
 * @param topology       its L2 segments and gateway groups
 * @param devices        one per node, in the scenario's order
 * @param links          one per scenario link, in the scenario's order
 * @param timeline       every action, in time order (equal times in the scenario's order)
 * @param durationNanos  the scenario's duration: the run goes from 0 to it
 */
public record NetworkPlan(Scenario scenario, Topology topology, List<DevicePlan> devices, List<LinkPlan> links,
                          List<TimedAction> timeline, long durationNanos) {
    public NetworkPlan {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(topology, "topology");
        devices = List.copyOf(devices);
        links = List.copyOf(links);
        timeline = List.copyOf(timeline);
    }

    /** The end of the run: its duration. Probes sent less than their timeout before it are still pending then. */
    public long endNanos() {
        return durationNanos;
    }

    /** Site of every device and link by name, for stamping trace events (a link: the site of its side A). */
    public Map<String, String> sitesByName() {
        Map<String, String> sites = new LinkedHashMap<>();
        for (DevicePlan d : devices) {
            sites.put(d.name(), d.site());
            for (String part : d.parts()) sites.put(part, d.site());
        }
        for (LinkPlan l : links) {
            String a = l.a().substring(0, l.a().indexOf(':'));
            sites.putIfAbsent(l.name(), sites.getOrDefault(a, ""));
        }
        return Collections.unmodifiableMap(sites);
    }

    /** The device named {@code name}, or null. */
    public DevicePlan device(String name) {
        for (DevicePlan d : devices) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }

    /** The node a device, or a core inside one, stands for; null if none. */
    public String nodeOf(String device) {
        for (DevicePlan d : devices) {
            if (d.name().equals(device) || d.parts().contains(device)) return d.node();
        }
        return null;
    }
}
