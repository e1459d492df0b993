package io.firsthop.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The L2 segments of a scenario and the gateway groups they form, computed from nodes and links:
 * an interface, a host or a switch VLAN belongs to the segment of everything it reaches through
 * links and switches. Switch ports follow 802.1Q: an access port joins its VLAN; a trunk's
 * untagged frames join the native VLANs of both ends, its tagged frames the same VLAN on both
 * ends. Links between sites carry L2 like any other (a stretched segment).
 *
 * <p>Unknown names are ignored here; {@link ScenarioValidator} reports them.
 */
public final class Topology {
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, Integer> segmentIds = new LinkedHashMap<>();
    private final List<FhrpGroup> groups;

    private Topology(Scenario s) {
        TreeSet<Integer> usedVlans = new TreeSet<>();
        for (Node n : s.nodes().values()) {
            if (n.spec() instanceof SwitchSpec sw) {
                for (SwitchPort p : sw.ports()) {
                    switch (p.mode()) {
                        case PortMode.Access a -> usedVlans.add(a.vlan());
                        case PortMode.Trunk t -> {
                            usedVlans.add(t.nativeVlan());
                            if (!t.allowsAll()) usedVlans.addAll(t.allowedVlans());
                        }
                    }
                }
                for (VlanInterface v : sw.vlanInterfaces()) {
                    usedVlans.add(v.vlan());
                    union(point(n.name(), v.name()), vlanPoint(n.name(), v.vlan()));
                }
            }
        }
        // a bonded host's interface is on the segment of both its member ports
        for (Node n : s.nodes().values()) {
            if (n.spec() instanceof HostSpec h && h.bond() != null) {
                for (String member : h.bond().members()) union(point(n.name(), h.iface().name()), point(n.name(), member));
            }
        }
        for (Link l : s.links()) {
            SwitchPort pa = switchPort(s, l.a());
            SwitchPort pb = switchPort(s, l.b());
            if (pa == null && pb == null) {
                union(point(l.a()), point(l.b()));
            } else if (pa == null || pb == null) {
                Endpoint routed = pa == null ? l.a() : l.b();
                Endpoint bridged = pa == null ? l.b() : l.a();
                PortMode mode = (pa == null ? pb : pa).mode();
                if (mode.carries(mode.untaggedVlan())) union(point(routed), vlanPoint(bridged.node(), mode.untaggedVlan()));
            } else {
                PortMode ma = pa.mode();
                PortMode mb = pb.mode();
                if (ma.carries(ma.untaggedVlan()) && mb.carries(mb.untaggedVlan())) {
                    union(vlanPoint(l.a().node(), ma.untaggedVlan()), vlanPoint(l.b().node(), mb.untaggedVlan()));
                }
                if (ma instanceof PortMode.Trunk && mb instanceof PortMode.Trunk) {
                    for (int v : usedVlans) {
                        if (v != ma.untaggedVlan() && v != mb.untaggedVlan() && ma.carries(v) && mb.carries(v)) {
                            union(vlanPoint(l.a().node(), v), vlanPoint(l.b().node(), v));
                        }
                    }
                }
            }
        }
        groups = formGroups(s);
    }

    /** Computes the segments and groups of {@code scenario}. */
    public static Topology of(Scenario scenario) {
        return new Topology(scenario);
    }

    /** The segment of a host interface, router interface or VLAN interface (a small number, stable for a scenario). */
    public int segmentOf(String node, String iface) {
        return segmentId(find(point(node, iface)));
    }

    /** The segment of a VLAN inside a switch. */
    public int segmentOfVlan(String switchNode, int vlan) {
        return segmentId(find(vlanPoint(switchNode, vlan)));
    }

    /** Every gateway group, in file order of their first members. */
    public List<FhrpGroup> groups() {
        return groups;
    }

    /** The group named exactly {@code name}, or null. */
    public FhrpGroup group(String name) {
        for (FhrpGroup g : groups) {
            if (g.name().equals(name)) return g;
        }
        return null;
    }

    /**
     * Resolves a reference from a file: a group's name, or "protocol:id" when only one group
     * has that key. Returns null with {@code whyNot[0]} set to the reason otherwise.
     */
    public FhrpGroup resolve(String ref, String[] whyNot) {
        FhrpGroup exact = group(ref);
        if (exact != null) return exact;
        List<FhrpGroup> byKey = new ArrayList<>();
        for (FhrpGroup g : groups) {
            if (g.key().toString().equals(ref)) byKey.add(g);
        }
        if (byKey.size() == 1) return byKey.get(0);
        if (byKey.size() > 1) {
            List<String> names = new ArrayList<>();
            for (FhrpGroup g : byKey) names.add(g.name());
            whyNot[0] = "'" + ref + "' is ambiguous: " + byKey.size() + " groups have that key (" + String.join(", ", names)
                    + "); use one of these names, or give the groups distinct 'name:' fields";
            return null;
        }
        List<String> names = new ArrayList<>();
        for (FhrpGroup g : groups) names.add(g.name());
        whyNot[0] = "no gateway group '" + ref + "'" + (names.isEmpty() ? " (the scenario has none)"
                : Suggest.didYouMean(ref, names) + " (groups: " + String.join(", ", names) + ")");
        return null;
    }

    private List<FhrpGroup> formGroups(Scenario s) {
        record Pending(GroupKey key, int segment, List<FhrpGroup.Member> members, String[] name) {
        }
        Map<String, Pending> byIdentity = new LinkedHashMap<>();
        for (Node n : s.nodes().values()) {
            for (L3Interface i : n.spec().l3Interfaces()) {
                for (GatewayProtocol g : i.gateways()) {
                    int seg = segmentOf(n.name(), i.name());
                    String identity = g instanceof GatewayProtocol.Anycast
                            ? g.key().toString()
                            : g.key() + "|" + seg + "|" + new TreeSet<>(g.virtualAddresses());
                    Pending p = byIdentity.computeIfAbsent(identity,
                            k -> new Pending(g.key(), seg, new ArrayList<>(), new String[1]));
                    p.members().add(new FhrpGroup.Member(n.name(), i.name(), g));
                    if (p.name()[0] == null && g.name() != null) p.name()[0] = g.name();
                }
            }
        }
        Map<GroupKey, Integer> perKey = new HashMap<>();
        for (Pending p : byIdentity.values()) perKey.merge(p.key(), 1, Integer::sum);
        List<FhrpGroup> out = new ArrayList<>();
        for (Pending p : byIdentity.values()) {
            String name = p.name()[0];
            if (name == null) {
                name = perKey.get(p.key()) == 1 ? p.key().toString() : p.key() + "@" + p.members().get(0).endpoint();
            }
            out.add(new FhrpGroup(name, p.key(), p.segment(), p.members()));
        }
        return List.copyOf(out);
    }

    private static SwitchPort switchPort(Scenario s, Endpoint e) {
        Node n = s.node(e.node());
        return n != null && n.spec() instanceof SwitchSpec sw ? sw.port(e.iface()) : null;
    }

    private static String point(Endpoint e) {
        return point(e.node(), e.iface());
    }

    private static String point(String node, String iface) {
        return node + ":" + iface;
    }

    private static String vlanPoint(String node, int vlan) {
        return node + "#" + vlan;
    }

    private String find(String x) {
        parent.putIfAbsent(x, x);
        String root = x;
        while (!parent.get(root).equals(root)) root = parent.get(root);
        while (!x.equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) parent.put(rb, ra);
    }

    private int segmentId(String root) {
        return segmentIds.computeIfAbsent(root, r -> segmentIds.size());
    }
}
