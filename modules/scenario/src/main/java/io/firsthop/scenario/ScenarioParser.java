package io.firsthop.scenario;

import io.firsthop.scenario.GatewayProtocol.Anycast;
import io.firsthop.scenario.GatewayProtocol.Glbp;
import io.firsthop.scenario.GatewayProtocol.GlbpLoadBalancing;
import io.firsthop.scenario.GatewayProtocol.Hsrp;
import io.firsthop.scenario.GatewayProtocol.Vrrp;
import io.firsthop.scenario.Values.Fields;
import io.firsthop.scenario.Yaml.Entry;
import io.firsthop.scenario.Yaml.Pos;
import io.firsthop.scenario.Yaml.Y;
import io.firsthop.scenario.Yaml.YMap;
import io.firsthop.scenario.Yaml.YNull;
import io.firsthop.scenario.Yaml.YScalar;
import io.firsthop.scenario.Yaml.YSeq;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one positioned YAML document into a {@link Scenario}: applies defaults and groups,
 * reads every field with its type, and resolves names. Type and shape errors are reported
 * here; cross-checks between parts are {@link ScenarioValidator}'s.
 */
final class ScenarioParser {
    private final Ctx ctx;
    private final Values v;

    // what the file declares, even where a declaration is too broken to become a record
    private final ScenarioValidator.Declared declared = new ScenarioValidator.Declared();
    private final ScenarioValidator.Paths paths = new ScenarioValidator.Paths();

    private YMap defaults;
    private Y defaultLink;
    private int defaultDecrement = Track.DEFAULT_DECREMENT;
    private String defaultSite;
    private final Map<String, List<YMap>> groupsOf = new HashMap<>();
    private final Map<String, String> linkByEndpoint = new HashMap<>();

    ScenarioParser(Ctx ctx) {
        this.ctx = ctx;
        this.v = new Values(ctx);
    }

    ScenarioValidator.Declared declared() {
        return declared;
    }

    ScenarioValidator.Paths paths() {
        return paths;
    }

    /**
     * Parses the document into a scenario that leaves out what could not become a record (the
     * problems say why); null when even its name, seed or duration is unusable.
     */
    Scenario parse(Y rootY, String defaultName, String variant, Map<String, Scenario> variants) {
        Fields root = v.fields(rootY, "", rootY.pos(), Keys.TOP,
                "a mapping with the scenario's fields (name, duration, nodes, ...)");
        if (root == null) return null;

        String name = root.has("name") ? root.string("name", "a scenario name") : defaultName;
        String description = root.has("description") ? root.string("description", "free text") : "";
        Long seed = Scenario.DEFAULT_SEED;
        if (root.has("seed")) seed = v.longValue(root.get("seed"), "seed");
        Duration duration = null;
        if (root.has("duration")) {
            duration = root.duration("duration");
            if (duration != null && duration.isZero()) {
                ctx.error(root.get("duration").pos(), "duration", "the duration must be more than 0s");
                duration = null;
            }
        } else {
            root.missing("duration", "how long the run lasts, e.g. 'duration: 30s'");
        }

        Map<String, Site> sites = parseSites(root);
        List<WanLink> wan = parseWan(root, sites);
        parseDefaults(root, sites);
        parseGroups(root);
        Map<String, Node> nodes = parseNodes(root, sites);
        List<Link> links = parseLinks(root, nodes, wan);

        Scenario topologyOnly = null;
        if (duration != null) {
            topologyOnly = Scenario.of(name == null ? "" : name, duration, sites, wan, nodes, links, List.of(), List.of(), List.of());
        }
        Topology topology = topologyOnly == null ? null : Topology.of(topologyOnly);
        List<Flow> traffic = parseTraffic(root, nodes, duration);
        List<Event> events = parseEvents(root, nodes, links, topology, sites, wan);
        List<Expectation> expect = parseExpectations(root, topology);

        if (variant == null && root.has("variants")) {
            // parsed by the loader, which needs the whole root; here only the shape is checked
            v.fields(root.get("variants"), "variants", root.keyPos("variants"), null, "a mapping of variant names to overrides");
        }
        // a partial scenario (broken parts left out) still gets cross-checked, so every problem shows at once
        if (name == null || duration == null || seed == null || description == null) return null;
        return new Scenario(name, description, seed, duration, sites, wan, nodes, links, traffic, events, expect,
                variant, variants);
    }

    // ---------------------------------------------------------------- sites and WAN

    private Map<String, Site> parseSites(Fields root) {
        Map<String, Site> sites = new LinkedHashMap<>();
        Y y = root.get("sites");
        if (y == null) {
            sites.put(Site.IMPLICIT, Site.of(Site.IMPLICIT));
            declared.implicitSite = true;
        } else {
            Fields f = v.fields(y, "sites", root.keyPos("sites"), null, "a mapping of site names, e.g. {seoul: {}, daegu: {}}");
            if (f != null) {
                for (Entry e : f.map.entries().values()) {
                    String path = "sites." + e.key();
                    ctx.mark(path, e.keyPos());
                    declared.sites.add(e.key());
                    String description = "";
                    if (!(e.value() instanceof YNull)) {
                        Fields s = v.fields(e.value(), path, e.keyPos(), Keys.SITE, "a mapping (or {}) describing the site");
                        if (s == null) continue;
                        if (s.has("description")) description = s.string("description", "free text");
                        if (description == null) continue;
                    }
                    sites.put(e.key(), new Site(e.key(), description));
                }
                if (f.map.entries().isEmpty()) {
                    ctx.error(y.pos(), "sites", "expected at least one site (or leave 'sites' out for a single-site scenario)");
                }
            }
        }
        return sites;
    }

    private List<WanLink> parseWan(Fields root, Map<String, Site> sites) {
        List<WanLink> wan = new ArrayList<>();
        Y y = root.get("wan");
        if (y == null) return wan;
        List<Y> items = v.list(y, "wan", "a list of {between: [site, site], delay: ...}", false);
        if (items == null) return wan;
        List<String> itemPaths = v.itemPaths("wan", items);
        for (int i = 0; i < items.size(); i++) {
            String path = itemPaths.get(i);
            Fields f = v.fields(items.get(i), path, items.get(i).pos(), Keys.WAN, "a mapping {between: [site, site], delay: ...}");
            if (f == null) continue;
            SitePair pair = null;
            if (!f.has("between")) {
                f.missing("between", "the two sites, e.g. between: [seoul, daegu]");
            } else {
                pair = sitePair(f.get("between"), f.at("between"));
            }
            ImpairSpec imp = impairSpec(f);
            paths.wan.add(path);
            if (pair != null && imp != null) wan.add(new WanLink(pair, imp.over(Impairment.NONE)));
        }
        return wan;
    }

    private SitePair sitePair(Y y, String path) {
        List<Y> items = v.list(y, path, "two site names, e.g. [seoul, daegu]", false);
        if (items == null) return null;
        if (items.size() != 2) {
            ctx.error(y.pos(), path, "expected exactly two site names, got " + items.size());
            return null;
        }
        List<String> ps = v.itemPaths(path, items);
        String a = v.str(items.get(0), ps.get(0), "a site name");
        String b = v.str(items.get(1), ps.get(1), "a site name");
        if (a == null || b == null) return null;
        if (a.equals(b)) {
            ctx.error(items.get(1).pos(), ps.get(1), "expected two different sites, got '" + a + "' twice");
            return null;
        }
        return new SitePair(a, b);
    }

    /** Impairment fields as written: null where the file says nothing. */
    record ImpairSpec(Duration delay, Duration jitter, Double loss, Long rate, Integer queue) {
        Impairment over(Impairment base) {
            return new Impairment(delay != null ? delay : base.delay(), jitter != null ? jitter : base.jitter(),
                    loss != null ? loss : base.loss(), rate != null ? rate : base.rateBitsPerSecond(),
                    queue != null ? queue : base.queueFrames());
        }

        ImpairSpec under(ImpairSpec top) {
            return new ImpairSpec(top.delay != null ? top.delay : delay, top.jitter != null ? top.jitter : jitter,
                    top.loss != null ? top.loss : loss, top.rate != null ? top.rate : rate, top.queue != null ? top.queue : queue);
        }

        static final ImpairSpec EMPTY = new ImpairSpec(null, null, null, null, null);
    }

    /** Reads delay/jitter/loss/rate/queue of a mapping; null if one of them is malformed. */
    private ImpairSpec impairSpec(Fields f) {
        boolean ok = true;
        Duration delay = null;
        Duration jitter = null;
        Double loss = null;
        Long rate = null;
        Integer queue = null;
        if (f.has("delay")) ok &= (delay = f.duration("delay")) != null;
        if (f.has("jitter")) ok &= (jitter = f.duration("jitter")) != null;
        if (f.has("loss")) ok &= (loss = v.loss(f.get("loss"), f.at("loss"))) != null;
        if (f.has("rate")) ok &= (rate = v.bitRate(f.get("rate"), f.at("rate"))) != null;
        if (f.has("queue")) ok &= (queue = f.integer("queue", 0, 1_000_000)) != null;
        return ok ? new ImpairSpec(delay, jitter, loss, rate, queue) : null;
    }

    // ---------------------------------------------------------------- defaults and groups

    private void parseDefaults(Fields root, Map<String, Site> sites) {
        Y y = root.get("defaults");
        if (y == null) return;
        Fields f = v.fields(y, "defaults", root.keyPos("defaults"), Keys.DEFAULTS, "a mapping of defaults (site, link, vrrp, ...)");
        if (f == null) return;
        defaults = f.map;
        if (f.has("site")) {
            defaultSite = f.string("site", "a site name");
            if (defaultSite != null && !sites.containsKey(defaultSite) && !declared.sites.contains(defaultSite)) {
                ctx.error(f.get("site").pos(), "defaults.site", "unknown site '" + defaultSite + "'"
                        + Suggest.didYouMean(defaultSite, sites.keySet()) + "; sites: " + String.join(", ", sites.keySet()));
                defaultSite = null;
            }
        }
        if (f.has("link")) {
            Fields l = v.fields(f.get("link"), "defaults.link", f.keyPos("link"), Keys.IMPAIRMENT, "a mapping of delay, jitter, loss, rate, queue");
            if (l != null) {
                impairSpec(l);
                defaultLink = l.map;
            }
        }
        // each protocol section is read once on its own, so its mistakes are reported even if no group uses it
        checkProtocolDefaults(f, "vrrp", Keys.VRRP);
        checkProtocolDefaults(f, "hsrp", Keys.HSRP);
        checkProtocolDefaults(f, "glbp", Keys.GLBP);
        if (f.has("track")) {
            Fields t = v.fields(f.get("track"), "defaults.track", f.keyPos("track"), Keys.DEFAULT_TRACK, "a mapping {decrement: N}");
            if (t != null && t.has("decrement")) {
                Integer d = t.integer("decrement", 1, 255);
                if (d != null) defaultDecrement = d;
            }
        }
        if (f.has("traffic")) {
            Fields t = v.fields(f.get("traffic"), "defaults.traffic", f.keyPos("traffic"), Keys.DEFAULT_TRAFFIC,
                    "a mapping of interval (or rate) and timeout");
            if (t != null) {
                t.exclusive("interval", "rate");
                if (t.has("interval")) t.duration("interval");
                if (t.has("rate")) v.packetRate(t.get("rate"), t.at("rate"));
                if (t.has("timeout")) t.duration("timeout");
            }
        }
    }

    private void checkProtocolDefaults(Fields f, String protocol, List<String> keys) {
        if (!f.has(protocol)) return;
        List<String> allowed = new ArrayList<>(keys);
        allowed.removeAll(Keys.GROUP_IDENTITY);
        Y y = f.get(protocol);
        String path = "defaults." + protocol;
        Fields d = v.fields(y, path, f.keyPos(protocol), null, "a mapping of " + protocol + " options");
        if (d == null) return;
        for (Entry e : d.map.entries().values()) {
            if (Keys.GROUP_IDENTITY.contains(e.key()) && keys.contains(e.key())) {
                ctx.error(e.keyPos(), path + "." + e.key(), "'" + e.key() + "' cannot have a default: each group sets its own");
            } else if (!allowed.contains(e.key())) {
                v.unknownKey(e, path + "." + e.key(), allowed);
            }
        }
        // type-check the values once, at their own paths
        YMap onlyAllowed = Yaml.without(d.map, Keys.GROUP_IDENTITY);
        switch (protocol) {
            case "vrrp" -> vrrp(onlyAllowed, path, d.anchor, null, true);
            case "hsrp" -> hsrp(onlyAllowed, path, d.anchor, true);
            default -> glbp(onlyAllowed, path, d.anchor, true);
        }
    }

    private void parseGroups(Fields root) {
        Y y = root.get("groups");
        if (y == null) return;
        Fields f = v.fields(y, "groups", root.keyPos("groups"), null, "a mapping of group names to {members: [...], shared fields}");
        if (f == null) return;
        Set<String> nodeNames = new HashSet<>();
        Y nodesY = root.map.get("nodes") == null ? null : root.map.get("nodes").value();
        if (nodesY instanceof YMap nm) nodeNames.addAll(nm.entries().keySet());
        for (Entry e : f.map.entries().values()) {
            String path = "groups." + e.key();
            ctx.mark(path, e.keyPos());
            Fields g = v.fields(e.value(), path, e.keyPos(), Keys.GROUP, "a mapping {members: [...], and node fields to share}");
            if (g == null) continue;
            if (!g.has("members")) {
                g.missing("members", "the nodes of the group, e.g. members: [r1, r2]");
                continue;
            }
            List<Y> members = v.list(g.get("members"), g.at("members"), "a list of node names", false);
            if (members == null) continue;
            List<String> ps = v.itemPaths(g.at("members"), members);
            YMap shared = Yaml.without(g.map, List.of("members"));
            // keys no node may have were reported above; don't report them again for each member
            List<String> invalid = new ArrayList<>();
            for (String k : shared.entries().keySet()) if (!Keys.NODE_ANY.contains(k)) invalid.add(k);
            shared = Yaml.without(shared, invalid);
            for (int i = 0; i < members.size(); i++) {
                String m = v.str(members.get(i), ps.get(i), "a node name");
                if (m == null) continue;
                if (!nodeNames.contains(m)) {
                    ctx.error(members.get(i).pos(), ps.get(i), "unknown node '" + m + "'" + Suggest.didYouMean(m, nodeNames));
                    continue;
                }
                groupsOf.computeIfAbsent(m, k -> new ArrayList<>()).add(shared);
            }
        }
    }

    // ---------------------------------------------------------------- nodes

    private Map<String, Node> parseNodes(Fields root, Map<String, Site> sites) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Y y = root.get("nodes");
        if (y == null) {
            root.missing("nodes", "a mapping of node names to {kind: host|switch|router|..., ...}");
            return nodes;
        }
        Fields f = v.fields(y, "nodes", root.keyPos("nodes"), null, "a mapping of node names to {kind: ..., ...}");
        if (f == null) return nodes;
        if (f.map.entries().isEmpty()) ctx.error(y.pos(), "nodes", "expected at least one node");
        for (Entry e : f.map.entries().values()) declared.nodes.put(e.key(), new LinkedHashSet<>());
        for (Entry e : f.map.entries().values()) {
            Node n = parseNode(e, sites);
            if (n != null) nodes.put(n.name(), n);
        }
        return nodes;
    }

    private Node parseNode(Entry e, Map<String, Site> sites) {
        String name = e.key();
        String path = "nodes." + name;
        ctx.mark(path, e.keyPos());
        if (name.contains(":") || name.isBlank() || !name.strip().equals(name)) {
            ctx.error(e.keyPos(), path, "a node name cannot contain ':' or spaces at its ends (endpoints are written \"node:interface\")");
            return null;
        }
        Y merged = e.value();
        if (merged instanceof YNull) merged = new YMap(merged.pos(), Map.of());
        // groups in the order written, a later one overriding an earlier one; the node's own fields override all
        Y shared = null;
        for (YMap group : groupsOf.getOrDefault(name, List.of())) shared = shared == null ? group : Yaml.merge(shared, group);
        if (shared != null && merged instanceof YMap) merged = Yaml.merge(shared, merged);
        if (!(merged instanceof YMap map)) {
            ctx.error(e.value().pos(), path, "expected a mapping {kind: ..., ...}, got " + Yaml.describe(e.value()));
            return null;
        }
        Entry kindEntry = map.get("kind");
        if (kindEntry == null) {
            ctx.error(e.keyPos(), path, "missing 'kind': expected one of " + kindNames());
            return null;
        }
        String kindText = v.str(kindEntry.value(), path + ".kind", "a node kind: " + kindNames());
        if (kindText == null) return null;
        NodeKind kind = NodeKind.fromYaml(kindText);
        if (kind == null) {
            List<String> names = new ArrayList<>();
            for (NodeKind k : NodeKind.values()) names.add(k.yamlName());
            ctx.error(kindEntry.value().pos(), path + ".kind", "unknown kind '" + kindText + "'" + Suggest.didYouMean(kindText, names)
                    + "; expected one of " + kindNames());
            return null;
        }
        List<String> allowed = kind.isHost() ? Keys.HOST : kind.isSwitch() ? Keys.SWITCH : Keys.ROUTER;
        for (Entry k : map.entries().values()) {
            if (allowed.contains(k.key())) continue;
            String owner = Keys.HOST.contains(k.key()) ? "host, server and vm" : Keys.SWITCH.contains(k.key())
                    ? "switch, leaf and hypervisor" : Keys.ROUTER.contains(k.key()) ? "router and spine" : null;
            if (owner != null) {
                ctx.error(k.keyPos(), path + "." + k.key(), "'" + k.key() + "' is not a field of a " + kind.yamlName()
                        + "; it belongs to " + owner + " nodes");
            } else {
                v.unknownKey(k, path + "." + k.key(), allowed);
            }
        }
        Fields f = v.new Fields(Yaml.without(map, List.of()), path, e.keyPos(), null);
        f.get("kind");
        String site = site(f, path, sites);
        NodeSpec spec;
        if (kind.isHost()) {
            spec = host(f, name, path);
        } else if (kind.isSwitch()) {
            spec = switchSpec(f, name, path);
        } else {
            spec = router(f, name, path);
        }
        if (spec == null || site == null) return null;
        return new Node(name, kind, site, spec);
    }

    private static String kindNames() {
        List<String> names = new ArrayList<>();
        for (NodeKind k : NodeKind.values()) names.add(k.yamlName());
        return String.join(", ", names);
    }

    private String site(Fields f, String path, Map<String, Site> sites) {
        if (f.has("site")) {
            String s = f.string("site", "a site name");
            if (s == null) return null;
            if (declared.implicitSite) {
                ctx.error(f.get("site").pos(), f.at("site"), "unknown site '" + s + "': the scenario declares no sites "
                        + "(add a 'sites:' section, or remove 'site:' for a single-site scenario)");
                return null;
            }
            return s; // unknown names are the validator's
        }
        if (defaultSite != null) return defaultSite;
        if (sites.size() == 1) return sites.keySet().iterator().next();
        if (declared.sites.size() > 1) {
            ctx.error(f.anchor, path, "missing 'site': with several sites (" + String.join(", ", declared.sites)
                    + ") each node needs one (or set defaults.site)");
        }
        return null;
    }

    private HostSpec host(Fields f, String name, String path) {
        HostInterface iface = null;
        boolean ok = true;
        HostBond bond = null;
        if (f.has("bond")) {
            bond = bond(f, name);
            ok = bond != null;
        }
        if (f.has("interfaces") && (f.has("address") || f.has("mac"))) {
            String k = f.has("address") ? "address" : "mac";
            ctx.error(f.keyPos(k), f.at(k), "give the host's address either as '" + k + "' or under 'interfaces', not both");
            ok = false;
        } else if (f.has("interfaces")) {
            Fields ifs = v.fields(f.get("interfaces"), f.at("interfaces"), f.keyPos("interfaces"), null,
                    "a mapping with the host's one interface, e.g. {eth0: {address: 10.0.0.11/24}}");
            if (ifs == null) return null;
            // a bonded host's links attach to the bond's members, not to the interface on it
            if (!f.has("bond")) for (Entry e : ifs.map.entries().values()) declared.nodes.get(name).add(e.key());
            if (ifs.map.entries().size() != 1) {
                ctx.error(f.keyPos("interfaces"), f.at("interfaces"), "a host has exactly one interface (a dual-homed host bonds two "
                        + "member ports under it with 'bond'), got " + ifs.map.entries().size());
                return null;
            }
            Entry e = ifs.map.entries().values().iterator().next();
            String ipath = ifs.at(e.key());
            ctx.mark(ipath, e.keyPos());
            Fields i = v.fields(e.value(), ipath, e.keyPos(), Keys.HOST_INTERFACE, "a mapping {address: a.b.c.d/len}");
            if (i == null) return null;
            iface = hostInterface(i, name, e.key());
        } else {
            String ifaceName = f.has("bond") ? HostBond.DEFAULT_INTERFACE : HostInterface.DEFAULT_NAME;
            if (!f.has("bond")) declared.nodes.get(name).add(ifaceName);
            iface = hostInterface(f, name, ifaceName);
        }
        if (iface != null && bond != null && bond.members().contains(iface.name())) {
            String member = f.at("bond") + ".members[" + bond.members().indexOf(iface.name()) + "]";
            ctx.error(ctx.position(member), member, "'" + iface.name() + "' is the name of the host's interface, which sits on the bond: "
                    + "name the member ports otherwise (the interface is " + HostBond.DEFAULT_INTERFACE + " unless 'interfaces' names it)");
            ok = false;
        }
        Ipv4Address gateway = null;
        if (f.has("gateway")) ok &= (gateway = f.ip("gateway")) != null;
        return ok && iface != null ? new HostSpec(iface, gateway, bond) : null;
    }

    /** A host's {@code bond:}: two member ports and a transmit hash policy. Declares the members as the host's ports. */
    private HostBond bond(Fields f, String node) {
        Fields b = v.fields(f.get("bond"), f.at("bond"), f.keyPos("bond"), Keys.BOND,
                "a mapping {members: [eth0, eth1], xmit-hash-policy: layer3+4}");
        if (b == null) return null;
        boolean ok = true;
        List<String> members = new ArrayList<>();
        if (!b.has("members")) {
            b.missing("members", "the two member ports links attach to, e.g. members: [eth0, eth1]");
            ok = false;
        } else {
            List<Y> items = v.list(b.get("members"), b.at("members"), "a list of the two member ports, e.g. [eth0, eth1]", false);
            if (items == null) return null;
            List<String> ps = v.itemPaths(b.at("members"), items);
            for (int i = 0; i < items.size(); i++) {
                String m = v.str(items.get(i), ps.get(i), "a port name");
                if (m == null) {
                    ok = false;
                } else if (members.contains(m)) {
                    ctx.error(items.get(i).pos(), ps.get(i), "member '" + m + "' is listed twice");
                    ok = false;
                } else {
                    members.add(m);
                    declared.nodes.get(node).add(m);
                }
            }
            if (ok && members.size() != 2) {
                ctx.error(b.get("members").pos(), b.at("members"), "a bond has exactly two members (firsthop's hosts bond two uplinks), got "
                        + members.size());
                ok = false;
            }
        }
        HostBond.HashPolicy policy = HostBond.DEFAULT_HASH_POLICY;
        if (b.has("xmit-hash-policy")) {
            String t = b.string("xmit-hash-policy", "layer2 or layer3+4");
            policy = t == null ? null : HostBond.HashPolicy.fromYaml(t);
            if (t != null && policy == null) {
                List<String> names = new ArrayList<>();
                for (HostBond.HashPolicy p : HostBond.HashPolicy.values()) names.add(p.yamlName());
                ctx.error(b.position("xmit-hash-policy"), b.at("xmit-hash-policy"), "expected layer2 or layer3+4 (Linux's "
                        + "xmit_hash_policy; firsthop implements these two), got '" + t + "'" + Suggest.didYouMean(t, names));
            }
            ok &= policy != null;
        }
        return ok ? new HostBond(members, policy) : null;
    }

    private HostInterface hostInterface(Fields i, String node, String ifaceName) {
        if (!i.has("address")) {
            i.missing("address", "the host's address with its prefix length, e.g. address: 10.0.0.11/24");
            return null;
        }
        InterfaceAddress a = v.interfaceAddress(i.get("address"), i.at("address"));
        MacAddress mac = i.has("mac") ? i.mac("mac") : defaultMac(node, ifaceName);
        if (a == null || mac == null || !unicast(mac, i, "mac")) return null;
        return new HostInterface(ifaceName, mac, a);
    }

    private boolean unicast(MacAddress mac, Fields f, String key) {
        if (mac.isMulticast() || mac.value() == 0) {
            ctx.error(f.get(key).pos(), f.at(key), "expected a unicast MAC (first octet even, not all zero), got " + mac);
            return false;
        }
        return true;
    }

    /**
     * The MAC an interface gets when the file gives none: locally administered (02) followed by
     * five bytes of the FNV-1a hash of "node:interface", so it is stable across runs and edits.
     */
    static MacAddress defaultMac(String node, String iface) {
        long h = 0xcbf2_9ce4_8422_2325L;
        for (byte b : (node + ":" + iface).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100_0000_01b3L;
        }
        return new MacAddress(0x0200_0000_0000L | (h & 0xFF_FFFF_FFFFL));
    }

    private RouterSpec router(Fields f, String name, String path) {
        boolean ok = true;
        List<RoutedInterface> ifaces = new ArrayList<>();
        if (!f.has("interfaces")) {
            f.missing("interfaces", "a mapping of interface names, e.g. {ge0: {address: 10.0.0.2/24}}");
            ok = false;
        } else {
            Fields ifs = v.fields(f.get("interfaces"), f.at("interfaces"), f.keyPos("interfaces"), null,
                    "a mapping of interface names, e.g. {ge0: {address: 10.0.0.2/24}}");
            if (ifs == null) return null;
            for (Entry e : ifs.map.entries().values()) declared.nodes.get(name).add(e.key());
            for (Entry e : ifs.map.entries().values()) {
                String ipath = ifs.at(e.key());
                ctx.mark(ipath, e.keyPos());
                L3 l3 = l3(e, ipath, name, Keys.ROUTED_INTERFACE, false);
                if (l3 == null) {
                    ok = false;
                    continue;
                }
                ifaces.add(new RoutedInterface(e.key(), l3.mac, l3.addresses, l3.gateways));
            }
        }
        List<Route> routes = routes(f);
        List<TrackObject> tracking = tracking(f);
        return ok && routes != null && tracking != null ? new RouterSpec(ifaces, routes, tracking) : null;
    }

    private SwitchSpec switchSpec(Fields f, String name, String path) {
        boolean ok = true;
        List<SwitchPort> ports = new ArrayList<>();
        if (!f.has("ports")) {
            f.missing("ports", "the ports, e.g. ports: [p1, p2] or ports: {p1: {vlan: 10}, p2: {trunk: [10, 20]}}");
            ok = false;
        } else {
            Y py = f.get("ports");
            if (py instanceof YSeq seq) {
                List<String> ps = v.itemPaths(f.at("ports"), seq.items());
                for (int i = 0; i < seq.items().size(); i++) {
                    String p = v.str(seq.items().get(i), ps.get(i), "a port name");
                    if (p == null) {
                        ok = false;
                        continue;
                    }
                    if (!declared.nodes.get(name).add(p)) {
                        ctx.error(seq.items().get(i).pos(), ps.get(i), "duplicate port name '" + p + "'");
                        ok = false;
                        continue;
                    }
                    ports.add(new SwitchPort(p, PortMode.Access.DEFAULT));
                }
            } else {
                Fields pm = v.fields(py, f.at("ports"), f.keyPos("ports"), null,
                        "a list of port names or a mapping of ports to {vlan: N} / {trunk: [...], native: N}");
                if (pm == null) return null;
                for (Entry e : pm.map.entries().values()) declared.nodes.get(name).add(e.key());
                for (Entry e : pm.map.entries().values()) {
                    SwitchPort sp = switchPort(e, pm.at(e.key()));
                    if (sp == null) ok = false;
                    else ports.add(sp);
                }
            }
        }
        Duration aging = SwitchSpec.DEFAULT_AGING;
        if (f.has("aging")) {
            aging = f.duration("aging");
            if (aging != null && aging.isZero()) {
                ctx.error(f.get("aging").pos(), f.at("aging"), "the MAC ageing time must be more than 0s");
                aging = null;
            }
            ok &= aging != null;
        }
        Mlag mlag = null;
        if (f.has("mlag")) {
            mlag = mlag(f);
            ok &= mlag != null;
        }
        List<VlanInterface> svis = new ArrayList<>();
        if (f.has("vlan-interfaces")) {
            Fields vf = v.fields(f.get("vlan-interfaces"), f.at("vlan-interfaces"), f.keyPos("vlan-interfaces"), null,
                    "a mapping of VLAN interface names, e.g. {vlan10: {vlan: 10, address: 10.0.10.2/24}}");
            if (vf == null) return null;
            for (Entry e : vf.map.entries().values()) {
                String ipath = vf.at(e.key());
                ctx.mark(ipath, e.keyPos());
                if (declared.nodes.get(name).contains(e.key())) {
                    ctx.error(e.keyPos(), ipath, "'" + e.key() + "' is already a port of " + name + "; VLAN interfaces need their own names");
                    ok = false;
                    continue;
                }
                declared.vlanInterfaces.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(e.key());
                L3 l3 = l3(e, ipath, name, Keys.VLAN_INTERFACE, true);
                if (l3 == null) {
                    ok = false;
                    continue;
                }
                svis.add(new VlanInterface(e.key(), l3.vlan, l3.mac, l3.addresses, l3.gateways));
            }
        }
        List<Route> routes = routes(f);
        List<TrackObject> tracking = tracking(f);
        return ok && routes != null && tracking != null ? new SwitchSpec(ports, aging, svis, routes, tracking, mlag) : null;
    }

    /** A switch's {@code mlag:}; the cross-checks between the two peers are the validator's. */
    private Mlag mlag(Fields f) {
        Fields m = v.fields(f.get("mlag"), f.at("mlag"), f.keyPos("mlag"), Keys.MLAG,
                "a mapping {domain: name, peer-link: port, peer-gateway: true|false}");
        if (m == null) return null;
        String domain = null;
        String peerLink = null;
        if (m.has("domain")) domain = m.string("domain", "the MLAG domain's name or number");
        else m.missing("domain", "the MLAG domain both peers name, e.g. domain: pair1 (Arista's domain-id, Cisco's vpc domain)");
        if (m.has("peer-link")) peerLink = m.string("peer-link", "the name of the port facing the peer switch");
        else m.missing("peer-link", "the port cabled to the peer switch, e.g. peer-link: peer");
        Boolean peerGateway = m.has("peer-gateway") ? m.bool("peer-gateway") : Boolean.FALSE;
        return domain == null || peerLink == null || peerGateway == null ? null : new Mlag(domain, peerLink, peerGateway);
    }

    private SwitchPort switchPort(Entry e, String path) {
        ctx.mark(path, e.keyPos());
        if (e.value() instanceof YNull) return new SwitchPort(e.key(), PortMode.Access.DEFAULT);
        Fields p = v.fields(e.value(), path, e.keyPos(), Keys.SWITCH_PORT, "a mapping {vlan: N} or {trunk: [N, ...] | all, native: N}");
        if (p == null) return null;
        Integer mlag = p.has("mlag") ? p.integer("mlag", 1, SwitchPort.MAX_MLAG) : Integer.valueOf(SwitchPort.NO_MLAG);
        if (!p.exclusive("vlan", "trunk") || mlag == null) return null;
        if (p.has("trunk")) {
            Integer nativeVlan = p.has("native") ? p.integer("native", 1, 4094) : Integer.valueOf(1);
            Set<Integer> allowed = vlanList(p.get("trunk"), p.at("trunk"));
            if (nativeVlan == null || allowed == null) return null;
            return new SwitchPort(e.key(), new PortMode.Trunk(allowed, nativeVlan), mlag);
        }
        if (p.has("native")) {
            ctx.error(p.keyPos("native"), p.at("native"), "'native' applies to trunk ports only (add 'trunk: [...]')");
            return null;
        }
        Integer vlan = p.has("vlan") ? p.integer("vlan", 1, 4094) : Integer.valueOf(1);
        return vlan == null ? null : new SwitchPort(e.key(), new PortMode.Access(vlan), mlag);
    }

    /** "all", or a list of VLAN numbers and "from-to" ranges. */
    private Set<Integer> vlanList(Y y, String path) {
        if (y instanceof YScalar s && s.text().equals("all")) return PortMode.Trunk.ALL_VLANS;
        List<Y> items = v.list(y, path, "'all' or a list of VLANs such as [10, 20, 100-110]", false);
        if (items == null) return null;
        Set<Integer> out = new TreeSet<>();
        List<String> ps = v.itemPaths(path, items);
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Y item = items.get(i);
            if (item instanceof YScalar s && s.text().matches("[0-9]{1,4}-[0-9]{1,4}")) {
                String[] parts = s.text().split("-");
                int lo = Integer.parseInt(parts[0]);
                int hi = Integer.parseInt(parts[1]);
                if (lo < 1 || hi > 4094 || lo > hi) {
                    ctx.error(item.pos(), ps.get(i), "expected a VLAN range within 1-4094, low to high, got '" + s.text() + "'");
                    ok = false;
                    continue;
                }
                for (int vl = lo; vl <= hi; vl++) out.add(vl);
            } else {
                Integer vl = v.integer(item, ps.get(i), 1, 4094);
                if (vl == null) ok = false;
                else out.add(vl);
            }
        }
        if (ok && out.isEmpty()) {
            ctx.error(y.pos(), path, "a trunk must allow at least one VLAN");
            return null;
        }
        return ok ? out : null;
    }

    private record L3(int vlan, MacAddress mac, List<InterfaceAddress> addresses, List<GatewayProtocol> gateways) {
    }

    private L3 l3(Entry e, String path, String node, List<String> keys, boolean svi) {
        Y value = e.value() instanceof YNull ? new YMap(e.value().pos(), Map.of()) : e.value();
        Fields f = v.fields(value, path, e.keyPos(), keys, svi ? "a mapping {vlan: N, address: a.b.c.d/len, ...}"
                : "a mapping {address: a.b.c.d/len, ...}");
        if (f == null) return null;
        boolean ok = true;
        int vlan = 0;
        if (svi) {
            if (f.has("vlan")) {
                Integer vl = f.integer("vlan", 1, 4094);
                if (vl == null) ok = false;
                else vlan = vl;
            } else if (e.key().matches("(?i)(vlan|irb|svi)[0-9]{1,4}")) {
                vlan = Integer.parseInt(e.key().replaceAll("[^0-9]", ""));
                if (vlan < 1 || vlan > 4094) {
                    ctx.error(e.keyPos(), path, "the name says VLAN " + vlan + ", outside 1..4094; add 'vlan:'");
                    ok = false;
                }
            } else {
                f.missing("vlan", "the VLAN this interface routes for, e.g. vlan: 10 (or name it vlan10)");
                ok = false;
            }
        }
        List<InterfaceAddress> addresses = new ArrayList<>();
        if (f.exclusive("address", "addresses")) {
            if (f.has("address")) {
                InterfaceAddress a = v.interfaceAddress(f.get("address"), f.at("address"));
                if (a == null) ok = false;
                else addresses.add(a);
            } else if (f.has("addresses")) {
                List<Y> items = v.list(f.get("addresses"), f.at("addresses"), "a list of addresses such as [10.0.0.2/24]", false);
                if (items == null) {
                    ok = false;
                } else {
                    List<String> ps = v.itemPaths(f.at("addresses"), items);
                    for (int i = 0; i < items.size(); i++) {
                        InterfaceAddress a = v.interfaceAddress(items.get(i), ps.get(i));
                        if (a == null) ok = false;
                        else addresses.add(a);
                    }
                }
            }
        } else {
            ok = false;
        }
        MacAddress mac = f.has("mac") ? f.mac("mac") : defaultMac(node, e.key());
        if (mac == null || (f.has("mac") && !unicast(mac, f, "mac"))) ok = false;
        List<GatewayProtocol> gateways = new ArrayList<>();
        for (String protocol : Keys.GATEWAYS) {
            if (!f.has(protocol)) continue;
            List<Y> items = v.list(f.get(protocol), f.at(protocol), "a mapping of " + protocol + " options, or a list of them", true);
            if (items == null) {
                ok = false;
                continue;
            }
            boolean single = !(f.get(protocol) instanceof YSeq);
            List<String> ps = single ? List.of(f.at(protocol)) : v.itemPaths(f.at(protocol), items);
            for (int i = 0; i < items.size(); i++) {
                GatewayProtocol g = gateway(protocol, items.get(i), ps.get(i), single ? f.keyPos(protocol) : items.get(i).pos(), addresses);
                if (g == null) ok = false;
                else gateways.add(g);
            }
        }
        return ok ? new L3(vlan, mac, addresses, gateways) : null;
    }

    private GatewayProtocol gateway(String protocol, Y y, String path, Pos anchor, List<InterfaceAddress> addresses) {
        Y merged = y;
        if (defaults != null && defaults.get(protocol) != null && defaults.get(protocol).value() instanceof YMap d && y instanceof YMap) {
            // only the keys defaults may hold: the others were reported once, at defaults.<protocol>
            List<String> drop = new ArrayList<>(Keys.GROUP_IDENTITY);
            List<String> keys = protocol.equals("vrrp") ? Keys.VRRP : protocol.equals("hsrp") ? Keys.HSRP : Keys.GLBP;
            for (String k : d.entries().keySet()) if (!keys.contains(k)) drop.add(k);
            merged = Yaml.merge(Yaml.without(d, drop), y);
        }
        if (!(merged instanceof YMap m)) {
            ctx.error(y.pos(), path, "expected a mapping of " + protocol + " options, got " + Yaml.describe(y));
            return null;
        }
        return switch (protocol) {
            case "vrrp" -> vrrp(m, path, anchor, addresses, false);
            case "hsrp" -> hsrp(m, path, anchor, false);
            case "glbp" -> glbp(m, path, anchor, false);
            default -> anycast(m, path, anchor);
        };
    }

    private List<Ipv4Address> virtualIps(Fields f, boolean many) {
        if (!f.has("virtual-ip")) {
            f.missing("virtual-ip", "the group's virtual address, e.g. virtual-ip: 10.0.0.1");
            return null;
        }
        Y y = f.get("virtual-ip");
        List<Y> items = many ? v.list(y, f.at("virtual-ip"), "an address or a list of addresses", true) : List.of(y);
        if (items == null) return null;
        if (items.isEmpty() || items.size() > 255) {
            ctx.error(y.pos(), f.at("virtual-ip"), "expected 1 to 255 virtual addresses, got " + items.size());
            return null;
        }
        List<String> ps = y instanceof YSeq ? v.itemPaths(f.at("virtual-ip"), items) : List.of(f.at("virtual-ip"));
        List<Ipv4Address> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Ipv4Address a = v.ip(items.get(i), ps.get(i));
            if (a == null) return null;
            if (out.contains(a)) {
                ctx.error(items.get(i).pos(), ps.get(i), "virtual address " + a + " is listed twice");
                return null;
            }
            out.add(a);
        }
        return out;
    }

    private Vrrp vrrp(YMap m, String path, Pos anchor, List<InterfaceAddress> addresses, boolean defaultsOnly) {
        Fields f = v.new Fields(m, path, anchor, defaultsOnly ? null : Keys.VRRP);
        boolean ok = true;
        String name = f.has("name") ? f.string("name", "a group name") : null;
        ok &= !f.has("name") || name != null;
        Integer version = f.has("version") ? f.integer("version", 2, 3) : Integer.valueOf(Vrrp.DEFAULT_VERSION);
        Integer vrid = null;
        if (f.has("vrid")) vrid = f.integer("vrid", 1, 255);
        else if (!defaultsOnly) f.missing("vrid", "the virtual router ID, 1..255 (e.g. vrid: 1)");
        Integer priority = f.has("priority") ? f.integer("priority", 1, 255) : Integer.valueOf(Vrrp.DEFAULT_PRIORITY);
        List<Ipv4Address> vips = defaultsOnly ? List.of() : virtualIps(f, true);
        Duration advert = f.has("advert-interval") ? f.duration("advert-interval") : Vrrp.DEFAULT_ADVERT_INTERVAL;
        Boolean preempt = f.has("preempt") ? f.bool("preempt") : Boolean.valueOf(Vrrp.DEFAULT_PREEMPT);
        Duration preemptDelay = f.has("preempt-delay") ? f.duration("preempt-delay") : Duration.ZERO;
        Boolean accept = f.has("accept-mode") ? f.bool("accept-mode") : Boolean.FALSE;
        Boolean rfc9568 = f.has("rfc9568") ? f.bool("rfc9568") : Boolean.FALSE;
        Boolean pseudo = Boolean.TRUE;
        if (f.has("checksum")) {
            String c = f.string("checksum", "'pseudo-header' or 'no-pseudo-header'");
            if ("pseudo-header".equals(c)) pseudo = true;
            else if ("no-pseudo-header".equals(c)) pseudo = false;
            else {
                if (c != null) ctx.error(f.get("checksum").pos(), f.at("checksum"), "expected 'pseudo-header' (RFC 5798, keepalived, FRR) or "
                        + "'no-pseudo-header' (RFC 9568), got '" + c + "'");
                pseudo = null;
            }
        }
        List<Track> track = f.has("track") ? tracks(f) : List.of();
        if (version == null || priority == null || advert == null || preempt == null || preemptDelay == null
                || accept == null || rfc9568 == null || pseudo == null || track == null || !ok) {
            return null;
        }
        // RFC 5798 §5.2.7: v3 counts centiseconds (12 bits); RFC 3768 §5.3.7: v2 whole seconds (8 bits)
        long ns = advert.toNanos();
        if (version == 3 && (ns % 10_000_000L != 0 || ns < 10_000_000L || ns > 40_950_000_000L)) {
            ctx.error(f.position("advert-interval"), f.at("advert-interval"), "VRRPv3's advert-interval is a multiple of 10ms from 10ms to "
                    + "40.95s (RFC 5798 §5.2.7), got " + Units.formatDuration(advert));
            return null;
        }
        if (version == 2 && (ns % 1_000_000_000L != 0 || ns < 1_000_000_000L || ns > 255_000_000_000L)) {
            ctx.error(f.position("advert-interval"), f.at("advert-interval"), "VRRPv2's advert-interval is whole seconds from 1s to 255s "
                    + "(RFC 3768 §5.3.7), got " + Units.formatDuration(advert));
            return null;
        }
        if (version == 2) {
            for (String k : List.of("accept-mode", "rfc9568")) {
                if (f.has(k) && Boolean.TRUE.equals(f.bool(k))) {
                    ctx.error(f.position(k), f.at(k), "'" + k + "' exists only in VRRPv3 (this group is version 2)");
                    return null;
                }
            }
            if (!pseudo) {
                ctx.error(f.position("checksum"), f.at("checksum"), "'checksum' is a VRRPv3 choice (VRRPv2 has no pseudo-header)");
                return null;
            }
        }
        if (defaultsOnly || vrid == null || vips == null) return null;
        if (priority == Vrrp.OWNER_PRIORITY && addresses != null) {
            boolean owns = false;
            for (InterfaceAddress a : addresses) owns |= vips.contains(a.address());
            if (!owns) {
                ctx.error(f.position("priority"), f.at("priority"), "priority 255 is for the address owner (RFC 5798 §5.2.4): "
                        + "a virtual address must be one of this interface's own addresses");
                return null;
            }
        }
        return new Vrrp(name, version, vrid, priority, vips, advert, preempt, preemptDelay, accept, rfc9568, pseudo, track);
    }

    private Hsrp hsrp(YMap m, String path, Pos anchor, boolean defaultsOnly) {
        Fields f = v.new Fields(m, path, anchor, defaultsOnly ? null : Keys.HSRP);
        String name = f.has("name") ? f.string("name", "a group name") : null;
        boolean ok = !f.has("name") || name != null;
        Integer version = f.has("version") ? f.integer("version", 1, 2) : Integer.valueOf(Hsrp.DEFAULT_VERSION);
        Integer group = null;
        if (f.has("group")) group = f.integer("group", 0, version != null && version == 2 ? 4095 : 255);
        else if (!defaultsOnly) f.missing("group", "the HSRP group number (v1 0..255, v2 0..4095), e.g. group: 1");
        List<Ipv4Address> vip = defaultsOnly ? List.of() : virtualIps(f, false);
        Integer priority = f.has("priority") ? f.integer("priority", 0, 255) : Integer.valueOf(Hsrp.DEFAULT_PRIORITY);
        Duration hello = f.has("hello") ? f.duration("hello") : Hsrp.DEFAULT_HELLO;
        Duration hold = f.has("hold") ? f.duration("hold") : Hsrp.DEFAULT_HOLD;
        Boolean preempt = f.has("preempt") ? f.bool("preempt") : Boolean.valueOf(Hsrp.DEFAULT_PREEMPT);
        Duration preemptDelay = f.has("preempt-delay") ? f.duration("preempt-delay") : Duration.ZERO;
        String auth = f.has("auth") ? f.string("auth", "a plain-text key of up to 8 characters") : Hsrp.DEFAULT_AUTH;
        if (auth != null && auth.length() > 8) {
            ctx.error(f.position("auth"), f.at("auth"), "expected a plain-text key of up to 8 characters (RFC 2281 §5), got " + auth.length());
            auth = null;
        }
        List<Track> track = f.has("track") ? tracks(f) : List.of();
        if (version == null || priority == null || hello == null || hold == null || preempt == null
                || preemptDelay == null || auth == null || track == null || !ok) {
            return null;
        }
        if (!timers(f, hello, hold, version == 1)) return null;
        if (defaultsOnly || group == null || vip == null) return null;
        return new Hsrp(name, version, group, vip.get(0), priority, hello, hold, preempt, preemptDelay, auth, track);
    }

    /** Hello and hold: positive, hold more than hello; whole seconds up to 255 s when {@code wholeSeconds}. */
    private boolean timers(Fields f, Duration hello, Duration hold, boolean wholeSeconds) {
        if (wholeSeconds) {
            for (String k : List.of("hello", "hold")) {
                Duration d = k.equals("hello") ? hello : hold;
                long ns = d.toNanos();
                if (ns % 1_000_000_000L != 0 || ns < 1_000_000_000L || ns > 255_000_000_000L) {
                    ctx.error(f.position(k), f.at(k), "HSRPv1 carries " + k + " in whole seconds, 1s to 255s (RFC 2281 §5), got "
                            + Units.formatDuration(d) + " (use version: 2 for milliseconds)");
                    return false;
                }
            }
        }
        if (hello.isZero() || hello.toMillis() > 255_000 || hold.toMillis() > 255_000 || hello.toNanos() % 1_000_000 != 0
                || hold.toNanos() % 1_000_000 != 0) {
            ctx.error(f.position("hello"), f.at("hello"), "hello and hold are whole milliseconds, more than 0 and at most 255s; got hello "
                    + Units.formatDuration(hello) + ", hold " + Units.formatDuration(hold));
            return false;
        }
        if (hold.compareTo(hello) <= 0) {
            ctx.error(f.position(f.has("hold") ? "hold" : "hello"), f.at(f.has("hold") ? "hold" : "hello"), "the hold time ("
                    + Units.formatDuration(hold) + ") must be longer than the hello time (" + Units.formatDuration(hello) + ")");
            return false;
        }
        return true;
    }

    private Glbp glbp(YMap m, String path, Pos anchor, boolean defaultsOnly) {
        Fields f = v.new Fields(m, path, anchor, defaultsOnly ? null : Keys.GLBP);
        String name = f.has("name") ? f.string("name", "a group name") : null;
        boolean ok = !f.has("name") || name != null;
        Integer group = null;
        if (f.has("group")) group = f.integer("group", 0, 1023);
        else if (!defaultsOnly) f.missing("group", "the GLBP group number, 0..1023, e.g. group: 1");
        List<Ipv4Address> vip = defaultsOnly ? List.of() : virtualIps(f, false);
        Integer priority = f.has("priority") ? f.integer("priority", 1, 255) : Integer.valueOf(Glbp.DEFAULT_PRIORITY);
        Boolean preempt = f.has("preempt") ? f.bool("preempt") : Boolean.valueOf(Glbp.DEFAULT_PREEMPT);
        Duration preemptDelay = f.has("preempt-delay") ? f.duration("preempt-delay") : Duration.ZERO;
        Duration hello = f.has("hello") ? f.duration("hello") : Glbp.DEFAULT_HELLO;
        Duration hold = f.has("hold") ? f.duration("hold") : Glbp.DEFAULT_HOLD;
        Duration redirect = f.has("redirect") ? f.duration("redirect") : Glbp.DEFAULT_REDIRECT;
        Duration timeout = f.has("timeout") ? f.duration("timeout") : Glbp.DEFAULT_TIMEOUT;
        GlbpLoadBalancing lb = GlbpLoadBalancing.ROUND_ROBIN;
        if (f.has("load-balancing")) {
            String t = f.string("load-balancing", "round-robin, weighted or host-dependent");
            lb = null;
            for (GlbpLoadBalancing l : GlbpLoadBalancing.values()) if (l.yamlName().equals(t)) lb = l;
            if (lb == null && t != null) {
                ctx.error(f.position("load-balancing"), f.at("load-balancing"), "expected round-robin, weighted or host-dependent, got '" + t + "'");
            }
        }
        Integer weighting = Glbp.DEFAULT_WEIGHTING;
        Integer lower = Glbp.DEFAULT_LOWER_THRESHOLD;
        Integer upper = null;
        if (f.has("weighting")) {
            Y w = f.get("weighting");
            if (w instanceof YMap) {
                Fields wf = v.fields(w, f.at("weighting"), f.keyPos("weighting"), Keys.GLBP_WEIGHTING, "a mapping {maximum, lower, upper}");
                if (wf.has("maximum")) weighting = wf.integer("maximum", 2, 254);
                if (wf.has("lower")) lower = wf.integer("lower", 1, 253);
                if (wf.has("upper")) upper = wf.integer("upper", 1, 254);
                if (weighting != null && lower != null && (upper != null || !wf.has("upper"))) {
                    int up = upper == null ? weighting : upper;
                    if (!(lower < up && up <= weighting)) {
                        ctx.error(wf.anchor, wf.path, "GLBP weighting needs lower < upper <= maximum; got lower " + lower
                                + ", upper " + up + ", maximum " + weighting);
                        weighting = null;
                    } else {
                        upper = up;
                    }
                }
            } else {
                weighting = v.integer(w, f.at("weighting"), 2, 254);
            }
        }
        if (weighting != null && upper == null) upper = weighting;
        Duration fwdDelay = f.has("forwarder-preempt-delay") ? f.duration("forwarder-preempt-delay") : Glbp.DEFAULT_FORWARDER_PREEMPT_DELAY;
        List<Track> track = f.has("track") ? tracks(f) : List.of();
        if (priority == null || preempt == null || preemptDelay == null || hello == null || hold == null || redirect == null
                || timeout == null || lb == null || weighting == null || lower == null || upper == null || fwdDelay == null
                || track == null || !ok) {
            return null;
        }
        if (!timers(f, hello, hold, false)) return null;
        long rs = redirect.toNanos();
        if (rs % 1_000_000_000L != 0 || rs > 3_600_000_000_000L) {
            ctx.error(f.position("redirect"), f.at("redirect"), "GLBP's redirect time is whole seconds from 0s to 3600s, got "
                    + Units.formatDuration(redirect));
            return null;
        }
        long ts = timeout.toNanos();
        if (ts % 1_000_000_000L != 0 || ts < 600_000_000_000L || ts > 64_800_000_000_000L || timeout.compareTo(redirect) <= 0) {
            ctx.error(f.position("timeout"), f.at("timeout"), "GLBP's timeout is whole seconds from 600s to 64800s and longer than the "
                    + "redirect time, got " + Units.formatDuration(timeout));
            return null;
        }
        if (defaultsOnly || group == null || vip == null) return null;
        return new Glbp(name, group, vip.get(0), priority, preempt, preemptDelay, hello, hold, redirect, timeout, lb,
                weighting, lower, upper, fwdDelay, track);
    }

    private Anycast anycast(YMap m, String path, Pos anchor) {
        Fields f = v.new Fields(m, path, anchor, Keys.ANYCAST);
        String name = f.has("name") ? f.string("name", "a group name") : null;
        InterfaceAddress gateway = null;
        if (!f.has("virtual-ip")) f.missing("virtual-ip", "the anycast gateway's address and prefix, e.g. virtual-ip: 10.0.10.1/24");
        else gateway = v.interfaceAddress(f.get("virtual-ip"), f.at("virtual-ip"));
        MacAddress mac = null;
        if (f.has("virtual-mac")) {
            mac = f.mac("virtual-mac");
            if (mac != null && !unicast(mac, f, "virtual-mac")) mac = null;
            if (mac == null) return null;
        }
        if (gateway == null || (f.has("name") && name == null)) return null;
        return new Anycast(name, gateway, mac != null ? mac : Anycast.defaultMac(gateway.address()));
    }

    private List<Track> tracks(Fields f) {
        List<Y> items = v.list(f.get("track"), f.at("track"), "a list of tracking objects, e.g. [uplink] or "
                + "[{object: uplink, decrement: 20}]", true);
        if (items == null) return null;
        List<String> ps = f.get("track") instanceof YSeq ? v.itemPaths(f.at("track"), items) : List.of(f.at("track"));
        List<Track> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Y y = items.get(i);
            if (y instanceof YScalar s) {
                ctx.mark(ps.get(i), y.pos());
                out.add(Track.decrement(s.text(), defaultDecrement));
                continue;
            }
            Fields t = v.fields(y, ps.get(i), y.pos(), Keys.TRACK_REF, "an object name or {object: name, decrement: N | force-down: true}");
            if (t == null) {
                ok = false;
                continue;
            }
            if (!t.has("object")) {
                t.missing("object", "the tracking object's name");
                ok = false;
                continue;
            }
            String object = t.string("object", "a tracking object name");
            if (!t.exclusive("decrement", "force-down") || object == null) {
                ok = false;
                continue;
            }
            if (t.has("force-down")) {
                Boolean fd = t.bool("force-down");
                if (fd == null) {
                    ok = false;
                } else if (fd) {
                    out.add(new Track(object, new Track.ForceDown()));
                } else {
                    out.add(Track.decrement(object, defaultDecrement));
                }
            } else {
                Integer d = t.has("decrement") ? t.integer("decrement", 1, 255) : Integer.valueOf(defaultDecrement);
                if (d == null) ok = false;
                else out.add(Track.decrement(object, d));
            }
        }
        return ok ? out : null;
    }

    private List<Route> routes(Fields f) {
        if (!f.has("routes")) return List.of();
        List<Y> items = v.list(f.get("routes"), f.at("routes"), "a list of {to: prefix, via: next-hop}", false);
        if (items == null) return null;
        List<String> ps = v.itemPaths(f.at("routes"), items);
        List<Route> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Fields r = v.fields(items.get(i), ps.get(i), items.get(i).pos(), Keys.ROUTE, "a mapping {to: 0.0.0.0/0, via: 10.0.0.254}");
            if (r == null) {
                ok = false;
                continue;
            }
            Ipv4Prefix to = null;
            Ipv4Address via = null;
            if (!r.has("to")) r.missing("to", "the destination prefix, e.g. to: 0.0.0.0/0 (or 'default')");
            else to = v.prefix(r.get("to"), r.at("to"));
            if (!r.has("via")) r.missing("via", "the next-hop address, e.g. via: 10.0.0.254");
            else via = r.ip("via");
            if (to == null || via == null) ok = false;
            else out.add(new Route(to, via));
        }
        return ok ? out : null;
    }

    private List<TrackObject> tracking(Fields f) {
        if (!f.has("tracking")) return List.of();
        Fields t = v.fields(f.get("tracking"), f.at("tracking"), f.keyPos("tracking"), null,
                "a mapping of object names to {interface: name} or {reachable: address}");
        if (t == null) return null;
        List<TrackObject> out = new ArrayList<>();
        boolean ok = true;
        for (Entry e : t.map.entries().values()) {
            String path = t.at(e.key());
            ctx.mark(path, e.keyPos());
            Fields o = v.fields(e.value(), path, e.keyPos(), Keys.TRACK_OBJECT, "a mapping {interface: name} or {reachable: address}");
            if (o == null || !o.exclusive("interface", "reachable")) {
                ok = false;
                continue;
            }
            if (o.has("interface")) {
                for (String k : List.of("interval", "timeout")) {
                    if (o.has(k)) {
                        ctx.error(o.keyPos(k), o.at(k), "'" + k + "' belongs to reachability objects ({reachable: address})");
                        ok = false;
                    }
                }
                String iface = o.string("interface", "an interface name of this node");
                if (iface == null) ok = false;
                else out.add(new TrackObject.InterfaceLine(e.key(), iface));
            } else if (o.has("reachable")) {
                Ipv4Address a = o.ip("reachable");
                Duration interval = o.has("interval") ? o.duration("interval") : TrackObject.Reachability.DEFAULT_INTERVAL;
                Duration timeout = o.has("timeout") ? o.duration("timeout") : TrackObject.Reachability.DEFAULT_TIMEOUT;
                if (interval != null && interval.isZero()) {
                    ctx.error(o.position("interval"), o.at("interval"), "the probe interval must be more than 0s");
                    interval = null;
                }
                if (timeout != null && timeout.isZero()) {
                    ctx.error(o.position("timeout"), o.at("timeout"), "the probe timeout must be more than 0s");
                    timeout = null;
                }
                if (a == null || interval == null || timeout == null) ok = false;
                else out.add(new TrackObject.Reachability(e.key(), a, interval, timeout));
            } else {
                ctx.error(e.keyPos(), path, "expected 'interface: name' (line state) or 'reachable: address' (a probe)");
                ok = false;
            }
        }
        return ok ? out : null;
    }

    // ---------------------------------------------------------------- links

    private List<Link> parseLinks(Fields root, Map<String, Node> nodes, List<WanLink> wan) {
        List<Link> links = new ArrayList<>();
        Y y = root.get("links");
        if (y == null) return links;
        List<Y> items = v.list(y, "links", "a list of links, e.g. - endpoints: [\"r1:ge0\", \"sw1:p1\"]", false);
        if (items == null) return links;
        List<String> ps = v.itemPaths("links", items);
        ImpairSpec defaultSpec = ImpairSpec.EMPTY;
        if (defaultLink instanceof YMap dl) {
            ImpairSpec d = impairSpec(v.new Fields(dl, "defaults.link", dl.pos(), null));
            if (d != null) defaultSpec = d;
        }
        for (int i = 0; i < items.size(); i++) {
            String path = ps.get(i);
            Y item = items.get(i);
            Y endpointsY;
            String endpointsPath;
            Fields f = null;
            if (item instanceof YSeq) {
                endpointsY = item;
                endpointsPath = path + ".endpoints";
                ctx.mark(endpointsPath, item.pos());
            } else {
                f = v.fields(item, path, item.pos(), Keys.LINK, "a mapping {endpoints: [\"a:if\", \"b:if\"], delay: ...} or a list of two endpoints");
                if (f == null) continue;
                if (!f.has("endpoints")) {
                    f.missing("endpoints", "the two ends, e.g. endpoints: [\"r1:ge0\", \"sw1:p1\"]");
                    continue;
                }
                endpointsY = f.get("endpoints");
                endpointsPath = f.at("endpoints");
            }
            List<Y> ends = v.list(endpointsY, endpointsPath, "two endpoints \"node:interface\"", false);
            if (ends == null) continue;
            if (ends.size() != 2) {
                ctx.error(endpointsY.pos(), endpointsPath, "a link has exactly two endpoints, got " + ends.size());
                continue;
            }
            List<String> eps = v.itemPaths(endpointsPath, ends);
            Endpoint a = endpoint(ends.get(0), eps.get(0));
            Endpoint b = endpoint(ends.get(1), eps.get(1));
            String name = null;
            ImpairSpec own = ImpairSpec.EMPTY;
            if (f != null) {
                if (f.has("name")) {
                    name = f.string("name", "a link name");
                    if (name == null) continue;
                }
                own = impairSpec(f);
                if (own == null) continue;
            }
            if (a == null || b == null) continue;
            if (name == null) name = Link.defaultName(a, b);
            declared.links.add(name);
            ImpairSpec resolved = defaultSpec;
            String sa = nodes.containsKey(a.node()) ? nodes.get(a.node()).site() : null;
            String sb = nodes.containsKey(b.node()) ? nodes.get(b.node()).site() : null;
            if (sa != null && sb != null && !sa.equals(sb)) {
                for (WanLink w : wan) {
                    if (w.between().matches(sa, sb)) {
                        resolved = new ImpairSpec(w.impairment().delay(), w.impairment().jitter(), w.impairment().loss(),
                                w.impairment().rateBitsPerSecond(), w.impairment().queueFrames());
                    }
                }
            }
            resolved = resolved.under(own);
            paths.links.add(path);
            linkByEndpoint.putIfAbsent(a.toString(), name);
            linkByEndpoint.putIfAbsent(b.toString(), name);
            links.add(new Link(name, a, b, resolved.over(Impairment.NONE)));
        }
        return links;
    }

    private Endpoint endpoint(Y y, String path) {
        String t = v.str(y, path, "an endpoint \"node:interface\" such as \"r1:ge0\"");
        if (t == null) return null;
        try {
            return Endpoint.parse(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------- traffic

    private List<Flow> parseTraffic(Fields root, Map<String, Node> nodes, Duration duration) {
        List<Flow> flows = new ArrayList<>();
        Y y = root.get("traffic");
        if (y == null) return flows;
        List<Y> items = v.list(y, "traffic", "a list of flows, e.g. - {name: h1-out, from: h1, to: 198.51.100.10, interval: 10ms}", false);
        if (items == null) return flows;
        List<String> ps = v.itemPaths("traffic", items);
        YMap defaultTraffic = defaults != null && defaults.get("traffic") != null && defaults.get("traffic").value() instanceof YMap dt ? dt : null;
        for (int i = 0; i < items.size(); i++) {
            String path = ps.get(i);
            Y item = items.get(i);
            if (defaultTraffic != null && item instanceof YMap im) {
                YMap d = defaultTraffic;
                if (im.get("interval") != null || im.get("rate") != null) d = Yaml.without(d, List.of("interval", "rate"));
                item = Yaml.merge(Yaml.without(d, Yaml.without(d, Keys.DEFAULT_TRAFFIC).entries().keySet()), im);
            }
            Fields f = v.fields(item, path, items.get(i).pos(), Keys.FLOW, "a mapping {name, from, to, interval | rate, ...}");
            if (f == null) continue;
            String name = null;
            if (f.has("name")) name = f.string("name", "a flow name");
            else f.missing("name", "a name for the flow, used by expectations");
            if (name != null) declared.flows.add(name);
            String from = null;
            if (f.has("from")) from = f.string("from", "the sending host's name");
            else f.missing("from", "the sending host, e.g. from: h1");
            Ipv4Address to = null;
            String toNode = null;
            boolean ok = true;
            if (f.has("to")) {
                String t = f.string("to", "an address, a node name or \"node:interface\"");
                if (t == null) {
                    ok = false;
                } else if (t.matches("[0-9.]+")) {
                    to = f.ip("to");
                    ok &= to != null;
                } else {
                    toNode = t;
                    to = destination(t, nodes, f);
                    if (to == null) ok = false;
                }
            } else {
                f.missing("to", "the destination: an address, a node or \"node:interface\"");
            }
            Duration interval = Flow.DEFAULT_INTERVAL;
            if (f.exclusive("interval", "rate")) {
                if (f.has("interval")) {
                    interval = f.duration("interval");
                    if (interval != null && interval.isZero()) {
                        ctx.error(f.position("interval"), f.at("interval"), "the interval must be more than 0s");
                        interval = null;
                    }
                } else if (f.has("rate")) {
                    Double pps = v.packetRate(f.get("rate"), f.at("rate"));
                    interval = null;
                    if (pps != null) {
                        long ns = Math.round(1e9 / pps);
                        if (ns < 1) ctx.error(f.position("rate"), f.at("rate"), "a rate above 1e9 pps is finer than a nanosecond");
                        else interval = Duration.ofNanos(ns);
                    }
                }
            } else {
                ok = false;
            }
            Duration start = f.has("start") ? f.duration("start") : Duration.ZERO;
            Duration stop = f.has("stop") ? f.duration("stop") : duration;
            Duration timeout = f.has("timeout") ? f.duration("timeout") : Flow.DEFAULT_TIMEOUT;
            if (timeout != null && timeout.isZero()) {
                ctx.error(f.position("timeout"), f.at("timeout"), "the timeout must be more than 0s");
                timeout = null;
            }
            paths.flows.add(path);
            if (ok && name != null && from != null && to != null && interval != null && start != null && stop != null && timeout != null) {
                flows.add(new Flow(name, from, to, toNode, interval, start, stop, timeout));
            } else {
                paths.flows.remove(paths.flows.size() - 1);
            }
        }
        return flows;
    }

    /** A node's address: "node" is its first address, "node:interface" that interface's. */
    private Ipv4Address destination(String text, Map<String, Node> nodes, Fields f) {
        String nodeName = text;
        String iface = null;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            nodeName = text.substring(0, colon);
            iface = text.substring(colon + 1);
        }
        Node n = nodes.get(nodeName);
        if (n == null) {
            if (!declared.nodes.containsKey(nodeName)) {
                ctx.error(f.position("to"), f.at("to"), "expected an address or a node: there is no node '" + nodeName + "'"
                        + Suggest.didYouMean(nodeName, declared.nodes.keySet()));
            }
            return null;
        }
        if (n.spec() instanceof HostSpec h) {
            if (iface == null || iface.equals(h.iface().name())) return h.iface().address().address();
        } else {
            for (L3Interface l : n.spec().l3Interfaces()) {
                if ((iface == null || iface.equals(l.name())) && !l.addresses().isEmpty()) return l.addresses().get(0).address();
            }
        }
        ctx.error(f.position("to"), f.at("to"), iface == null ? "node '" + nodeName + "' has no address to send to"
                : "'" + text + "' is not an interface with an address");
        return null;
    }

    // ---------------------------------------------------------------- events

    private List<Event> parseEvents(Fields root, Map<String, Node> nodes, List<Link> links, Topology topology,
                                    Map<String, Site> sites, List<WanLink> wan) {
        record Raw(int index, Duration at, Fields f, String action, String path) {
        }
        Y y = root.get("events");
        if (y == null) return List.of();
        List<Y> items = v.list(y, "events", "a list of timed events, e.g. - {at: 10s, crash: r1}", false);
        if (items == null) return List.of();
        List<String> ps = v.itemPaths("events", items);
        List<Raw> raws = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = v.fields(items.get(i), ps.get(i), items.get(i).pos(), Keys.EVENT, "a mapping {at: 10s, <event>: ...}");
            if (f == null) continue;
            Duration at = null;
            if (f.has("at")) at = f.duration("at");
            else f.missing("at", "when it happens, e.g. at: 10s");
            List<String> actions = new ArrayList<>();
            for (String k : f.map.entries().keySet()) if (Keys.EVENT_ACTIONS.contains(k)) actions.add(k);
            if (actions.isEmpty()) {
                ctx.error(f.anchor, f.path, "expected one event: " + String.join(", ", Keys.EVENT_ACTIONS));
                continue;
            }
            if (actions.size() > 1) {
                ctx.error(f.keyPos(actions.get(1)), f.at(actions.get(1)), "one event per entry: this entry has both '"
                        + actions.get(0) + "' and '" + actions.get(1) + "' (write two entries with the same 'at')");
                continue;
            }
            if (at != null) raws.add(new Raw(i, at, f, actions.get(0), ps.get(i)));
        }
        // impairments accumulate in time order: an impair event keeps what it does not mention
        Map<String, Impairment> current = new HashMap<>();
        for (Link l : links) current.put(l.name(), l.impairment());
        Map<String, Event> built = new HashMap<>();
        List<Raw> byTime = new ArrayList<>(raws);
        byTime.sort(Comparator.comparing(Raw::at));
        for (Raw r : byTime) {
            Event e = event(r.at(), r.f(), r.action(), nodes, links, topology, current);
            if (e != null) built.put(r.path(), e);
        }
        List<Event> events = new ArrayList<>();
        for (Raw r : raws) {
            Event e = built.get(r.path());
            if (e != null) {
                events.add(e);
                paths.events.add(r.path());
            }
        }
        return events;
    }

    private Event event(Duration at, Fields f, String action, Map<String, Node> nodes, List<Link> links, Topology topology,
                        Map<String, Impairment> current) {
        String path = f.at(action);
        switch (action) {
            case "crash", "shutdown", "restart" -> {
                String n = f.string(action, "a node name");
                if (n == null) return null;
                return switch (action) {
                    case "crash" -> new Event.Crash(at, n);
                    case "shutdown" -> new Event.Shutdown(at, n);
                    default -> new Event.Restart(at, n);
                };
            }
            case "interface-down", "interface-up" -> {
                Endpoint e = endpoint(f.get(action), path);
                if (e == null) return null;
                return action.equals("interface-down") ? new Event.InterfaceDown(at, e) : new Event.InterfaceUp(at, e);
            }
            case "link-cut", "link-restore" -> {
                String l = f.string(action, "a link's name or one of its endpoints \"node:interface\"");
                if (l == null) return null;
                String name = linkByEndpoint.getOrDefault(l, l);
                return action.equals("link-cut") ? new Event.LinkCut(at, name) : new Event.LinkRestore(at, name);
            }
            case "impair" -> {
                Fields g = v.fields(f.get(action), path, f.keyPos(action), Keys.IMPAIR_EVENT,
                        "a mapping {link: name | between: [site, site], delay: ..., loss: ...}");
                if (g == null || !g.exclusive("link", "between")) return null;
                ImpairSpec spec = impairSpec(g);
                if (spec == null) return null;
                if (spec.equals(ImpairSpec.EMPTY)) {
                    ctx.error(g.anchor, path, "expected at least one of delay, jitter, loss, rate, queue");
                    return null;
                }
                if (g.has("link")) {
                    String l = g.string("link", "a link's name or one of its endpoints");
                    if (l == null) return null;
                    String name = linkByEndpoint.getOrDefault(l, l);
                    Impairment now = spec.over(current.getOrDefault(name, Impairment.NONE));
                    current.put(name, now);
                    return new Event.ImpairLink(at, name, now);
                }
                if (g.has("between")) {
                    SitePair pair = sitePair(g.get("between"), g.at("between"));
                    if (pair == null) return null;
                    List<Event.ImpairLink> affected = new ArrayList<>();
                    for (Link l : links) {
                        String sa = nodes.containsKey(l.a().node()) ? nodes.get(l.a().node()).site() : null;
                        String sb = nodes.containsKey(l.b().node()) ? nodes.get(l.b().node()).site() : null;
                        if (sa != null && sb != null && pair.matches(sa, sb)) {
                            Impairment now = spec.over(current.get(l.name()));
                            current.put(l.name(), now);
                            affected.add(new Event.ImpairLink(at, l.name(), now));
                        }
                    }
                    return new Event.ImpairWan(at, pair, spec.over(Impairment.NONE), affected);
                }
                ctx.error(g.anchor, path, "missing 'link' or 'between': which link, or which two sites");
                return null;
            }
            case "partition", "heal" -> {
                List<SitePair> pairs = sitePairs(f.get(action), path);
                if (pairs == null) return null;
                return action.equals("partition") ? new Event.Partition(at, pairs) : new Event.Heal(at, pairs);
            }
            case "kill-site" -> {
                String s = f.string(action, "a site name");
                return s == null ? null : new Event.KillSite(at, s);
            }
            case "set-priority" -> {
                Fields g = v.fields(f.get(action), path, f.keyPos(action), Keys.SET_PRIORITY, "a mapping {node: r1, group: vrrp:1, priority: 90}");
                if (g == null) return null;
                String node = need(g, "node", "the member's node name");
                String group = need(g, "group", "the group, e.g. vrrp:1 or its name");
                Integer priority = g.has("priority") ? g.integer("priority", 0, 255) : null;
                if (!g.has("priority")) g.missing("priority", "the new priority, e.g. priority: 90");
                if (node == null || group == null || priority == null) return null;
                String iface = "";
                if (topology != null) {
                    FhrpGroup fg = topology.resolve(group, new String[1]);
                    if (fg != null) {
                        group = fg.name();
                        FhrpGroup.Member m = fg.memberOn(node);
                        if (m != null) iface = m.iface();
                    }
                }
                return new Event.SetPriority(at, node, iface, group, priority);
            }
            case "track-down", "track-up" -> {
                String t = f.string(action, "\"node:object\", e.g. \"r1:uplink\"");
                if (t == null) return null;
                Endpoint e;
                try {
                    e = Endpoint.parse(t);
                } catch (IllegalArgumentException ex) {
                    ctx.error(f.position(action), path, "expected \"node:object\" such as \"r1:uplink\", got '" + t + "'");
                    return null;
                }
                return new Event.SetTrack(at, e.node(), e.iface(), action.equals("track-up"));
            }
            default -> { // set-gateway
                Fields g = v.fields(f.get(action), path, f.keyPos(action), Keys.SET_GATEWAY, "a mapping {host: h1, gateway: 10.0.0.3}");
                if (g == null) return null;
                String host = need(g, "host", "the host's name");
                Ipv4Address gw = null;
                if (g.has("gateway")) gw = g.ip("gateway");
                else g.missing("gateway", "the new default gateway address");
                return host == null || gw == null ? null : new Event.SetGateway(at, host, gw);
            }
        }
    }

    private String need(Fields g, String key, String expected) {
        if (!g.has(key)) {
            g.missing(key, expected);
            return null;
        }
        return g.string(key, expected);
    }

    /** "site" (isolate it from every other site) or a list of sites (cut every pair among them). */
    private List<SitePair> sitePairs(Y y, String path) {
        List<SitePair> pairs = new ArrayList<>();
        if (y instanceof YScalar s) {
            ctx.mark(path, y.pos());
            String site = s.text();
            for (String other : declared.sites) if (!other.equals(site)) pairs.add(new SitePair(site, other));
            if (!declared.sites.contains(site)) {
                ctx.error(y.pos(), path, "unknown site '" + site + "'" + Suggest.didYouMean(site, declared.sites)
                        + (declared.sites.isEmpty() ? "; the scenario declares no sites" : "; sites: " + String.join(", ", declared.sites)));
                return null;
            }
            if (pairs.isEmpty()) {
                ctx.error(y.pos(), path, "a partition needs at least two sites; the scenario has only '" + site + "'");
                return null;
            }
            return pairs;
        }
        List<Y> items = v.list(y, path, "a site name (isolate it) or a list of sites (separate them from each other)", false);
        if (items == null) return null;
        List<String> ps = v.itemPaths(path, items);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String n = v.str(items.get(i), ps.get(i), "a site name");
            if (n == null) return null;
            if (names.contains(n)) {
                ctx.error(items.get(i).pos(), ps.get(i), "site '" + n + "' is listed twice");
                return null;
            }
            names.add(n);
        }
        if (names.size() < 2) {
            ctx.error(y.pos(), path, "a list of sites needs at least two (or give one site name to isolate it)");
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) pairs.add(new SitePair(names.get(i), names.get(j)));
        }
        return pairs;
    }

    // ---------------------------------------------------------------- expectations

    private List<Expectation> parseExpectations(Fields root, Topology topology) {
        List<Expectation> out = new ArrayList<>();
        Y y = root.get("expect");
        if (y == null) return out;
        List<Y> items = v.list(y, "expect", "a list of checks, e.g. - {flow: h1-out, max-outage: 400ms}", false);
        if (items == null) return out;
        List<String> ps = v.itemPaths("expect", items);
        for (int i = 0; i < items.size(); i++) {
            Fields f = v.fields(items.get(i), ps.get(i), items.get(i).pos(), Keys.EXPECT, "a mapping such as {flow: h1-out, max-outage: 400ms}");
            if (f == null) continue;
            List<String> checks = new ArrayList<>();
            for (String k : f.map.entries().keySet()) if (Keys.EXPECT_CHECKS.contains(k)) checks.add(k);
            if (checks.isEmpty()) {
                ctx.error(f.anchor, f.path, "expected a check: " + String.join(", ", Keys.EXPECT_CHECKS));
                continue;
            }
            String flow = f.has("flow") ? f.string("flow", "a flow name") : null;
            String group = f.has("group") ? f.string("group", "a group, e.g. vrrp:1 or its name") : null;
            Duration at = f.has("at") ? f.duration("at") : null;
            if ((f.has("flow") && flow == null) || (f.has("group") && group == null) || (f.has("at") && at == null)) continue;
            boolean needsAt = false;
            boolean usesAt = false;
            boolean usesGroup = false;
            boolean usesFlow = false;
            for (String c : checks) {
                String cpath = f.at(c);
                Expectation e = null;
                switch (c) {
                    case "max-outage" -> {
                        usesFlow = true;
                        Duration d = f.duration(c);
                        if (flow == null) f.missing("flow", "the flow this check is about");
                        else if (d != null) e = new Expectation.MaxOutage(flow, d);
                    }
                    case "max-loss" -> {
                        usesFlow = true;
                        Double l = v.loss(f.get(c), cpath);
                        if (flow == null) f.missing("flow", "the flow this check is about");
                        else if (l != null) e = new Expectation.MaxLoss(flow, l);
                    }
                    case "master", "active" -> {
                        usesGroup = true;
                        needsAt = true;
                        usesAt = true;
                        String n = f.string(c, "a node name");
                        if (group == null) f.missing("group", "the group, e.g. group: vrrp:1");
                        else if (n != null && at != null) e = new Expectation.LeaderAt(at, resolveGroup(group, topology), n);
                    }
                    case "gateway", "gateway-mac", "gateway-site" -> {
                        usesFlow = true;
                        needsAt = true;
                        usesAt = true;
                        if (flow == null) {
                            f.missing("flow", "the flow this check is about");
                        } else if (c.equals("gateway-mac")) {
                            MacAddress mac = f.mac(c);
                            if (mac != null && at != null) e = new Expectation.GatewayMacAt(at, flow, mac);
                        } else {
                            String n = f.string(c, c.equals("gateway") ? "a node name" : "a site name");
                            if (n != null && at != null) {
                                e = c.equals("gateway") ? new Expectation.GatewayAt(at, flow, n) : new Expectation.GatewaySiteAt(at, flow, n);
                            }
                        }
                    }
                    case "max-tromboning" -> {
                        usesFlow = true;
                        Duration d = f.duration(c);
                        if (d != null) e = new Expectation.MaxTromboning(flow, d);
                    }
                    default -> { // max-dual-master
                        usesGroup = true;
                        Duration d = f.duration(c);
                        if (d != null) e = new Expectation.MaxDualMaster(group == null ? null : resolveGroup(group, topology), d);
                    }
                }
                if (e != null) {
                    out.add(e);
                    paths.expectations.add(ps.get(i));
                }
            }
            if (needsAt && at == null && !f.has("at")) f.missing("at", "the time of the check, e.g. at: 12s");
            if (f.has("at") && !usesAt) {
                ctx.error(f.keyPos("at"), f.at("at"), "'at' is not used by " + String.join(", ", checks) + " (only master, active, gateway, "
                        + "gateway-mac and gateway-site are checked at a time)");
            }
            if (f.has("group") && !usesGroup) {
                ctx.error(f.keyPos("group"), f.at("group"), "'group' is not used by " + String.join(", ", checks));
            }
            if (f.has("flow") && !usesFlow) {
                ctx.error(f.keyPos("flow"), f.at("flow"), "'flow' is not used by " + String.join(", ", checks));
            }
        }
        return out;
    }

    private static String resolveGroup(String ref, Topology topology) {
        if (topology == null) return ref;
        FhrpGroup g = topology.resolve(ref, new String[1]);
        return g == null ? ref : g.name();
    }
}
