package io.firsthop.report;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The little the report needs to know of the topology, for drawing it and for telling which
 * links cross sites: nodes with their site and kind, links with their two endpoints.
 *
 * @param nodes every device
 * @param links every cable, endpoints as "device:port"
 */
public record Topology(List<Node> nodes, List<Link> links) {
    /** No topology known: reports leave out the drawing and site names. */
    public static final Topology EMPTY = new Topology(List.of(), List.of());

    /**
     * @param name device name
     * @param kind "host", "switch", "router", ... (shown as given; "host", "server", "vm" draw at the bottom,
     *             "switch" in the middle, everything else at the top)
     * @param site the site it runs in (may be null)
     */
    public record Node(String name, String kind, String site) {
        public Node {
            Objects.requireNonNull(name, "name");
            kind = kind == null ? "" : kind;
        }
    }

    /** A cable between two endpoints "device:port". */
    public record Link(String name, String a, String b) {
        public Link {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            name = name == null ? a + "--" + b : name;
        }

        public String deviceA() {
            return deviceOf(a);
        }

        public String deviceB() {
            return deviceOf(b);
        }
    }

    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** The device of an endpoint "device:port" (the whole text when it has no colon). */
    public static String deviceOf(String endpoint) {
        int colon = endpoint.indexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }

    /** device -> site, for the nodes that have one. */
    public Map<String, String> sites() {
        Map<String, String> m = new HashMap<>();
        for (Node n : nodes) if (n.site() != null) m.put(n.name(), n.site());
        return m;
    }

    /** The site names in the order nodes first name them. */
    public List<String> siteNames() {
        Set<String> s = new LinkedHashSet<>();
        for (Node n : nodes) if (n.site() != null) s.add(n.site());
        return List.copyOf(s);
    }

    /** Both endpoints of every link whose ends are in two different known sites: the WAN ports. */
    public Set<String> crossSitePorts() {
        Map<String, String> sites = sites();
        Set<String> ports = new LinkedHashSet<>();
        for (Link l : links) {
            String sa = sites.get(l.deviceA());
            String sb = sites.get(l.deviceB());
            if (sa != null && sb != null && !sa.equals(sb)) {
                ports.add(l.a());
                ports.add(l.b());
            }
        }
        return ports;
    }
}
