package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cross-checks between parts of a scenario: names that must exist, things that must be
 * unique, addresses that must fit. Runs on records, so a scenario built in Java is checked the
 * same way as a file (its problems then carry paths but no line numbers).
 */
public final class ScenarioValidator {
    private final Scenario s;
    private final Declared d;
    private final Paths p;
    private final Ctx ctx;
    private final Topology topology;

    private ScenarioValidator(Scenario s, Declared d, Paths p, Ctx ctx) {
        this.s = s;
        this.d = d;
        this.p = p;
        this.ctx = ctx;
        this.topology = Topology.of(s);
    }

    /** Checks a scenario built in code. */
    public static ValidationResult validate(Scenario scenario) {
        Ctx ctx = new Ctx("<java>");
        check(scenario, Declared.of(scenario), new Paths(), ctx);
        for (Map.Entry<String, Scenario> v : scenario.variants().entrySet()) {
            ctx.note = "in variant '" + v.getKey() + "': ";
            check(v.getValue(), Declared.of(v.getValue()), new Paths(), ctx);
        }
        return new ValidationResult(scenario, ctx.problems());
    }

    /** What a file declares, including what was too broken to become a record (so it is not also "unknown"). */
    static final class Declared {
        final Map<String, Set<String>> nodes = new LinkedHashMap<>();
        final Map<String, Set<String>> vlanInterfaces = new LinkedHashMap<>();
        final Set<String> sites = new LinkedHashSet<>();
        final Set<String> links = new LinkedHashSet<>();
        final Set<String> flows = new LinkedHashSet<>();
        boolean implicitSite;

        static Declared of(Scenario s) {
            Declared d = new Declared();
            for (Node n : s.nodes().values()) {
                d.nodes.put(n.name(), new LinkedHashSet<>(n.spec().portNames()));
                if (n.spec() instanceof SwitchSpec sw) {
                    Set<String> svis = new LinkedHashSet<>();
                    for (VlanInterface v : sw.vlanInterfaces()) svis.add(v.name());
                    d.vlanInterfaces.put(n.name(), svis);
                }
            }
            d.sites.addAll(s.sites().keySet());
            for (Link l : s.links()) d.links.add(l.name());
            for (Flow f : s.traffic()) d.flows.add(f.name());
            return d;
        }
    }

    /** The file path of each record of a list, where records and file entries do not line up one to one. */
    static final class Paths {
        final List<String> wan = new ArrayList<>();
        final List<String> links = new ArrayList<>();
        final List<String> flows = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<String> expectations = new ArrayList<>();

        static String of(List<String> paths, String list, int i) {
            return i < paths.size() ? paths.get(i) : list + "[" + i + "]";
        }
    }

    static void check(Scenario s, Declared d, Paths p, Ctx ctx) {
        ScenarioValidator v = new ScenarioValidator(s, d, p, ctx);
        v.sites();
        v.wan();
        v.links();
        v.addresses();
        v.mlag();
        v.bonds();
        v.hosts();
        v.routesAndTracking();
        v.groups();
        v.flows();
        v.events();
        v.expectations();
    }

    // ------------------------------------------------------------ helpers

    private String where(String path) {
        Yaml.Pos pos = ctx.position(path);
        return pos.line() > 0 ? path + ", line " + pos.line() : path;
    }

    private String unknown(String what, String name, Collection<String> known) {
        return "unknown " + what + " '" + name + "'" + Suggest.didYouMean(name, known)
                + (known.isEmpty() ? "" : known.size() <= 12 ? "; " + what + "s: " + String.join(", ", known) : "");
    }

    private boolean nodeExists(String name, String path) {
        if (d.nodes.containsKey(name)) return true;
        ctx.error(path, unknown("node", name, d.nodes.keySet()));
        return false;
    }

    private boolean siteExists(String site, String path) {
        if (d.sites.contains(site)) return true;
        ctx.error(path, d.implicitSite ? "unknown site '" + site + "': the scenario declares no sites" : unknown("site", site, d.sites));
        return false;
    }

    private void checkAt(Duration at, String path) {
        if (at.compareTo(s.duration()) > 0) {
            ctx.error(path, "at " + Units.formatDuration(at) + " is after the end of the run (duration "
                    + Units.formatDuration(s.duration()) + ")");
        }
    }

    private String nodePath(String node) {
        return "nodes." + node;
    }

    private String l3Path(Node n, L3Interface i) {
        return nodePath(n.name()) + (i instanceof VlanInterface ? ".vlan-interfaces." : ".interfaces.") + i.name();
    }

    private String gatewayPath(Node n, L3Interface i, GatewayProtocol g) {
        String base = l3Path(n, i) + "." + g.protocol().yamlName();
        int index = 0;
        int count = 0;
        for (GatewayProtocol o : i.gateways()) {
            if (o.protocol() == g.protocol()) {
                if (o == g) index = count;
                count++;
            }
        }
        return count > 1 ? base + "[" + index + "]" : base;
    }

    private String hostAddressPath(Node n, HostSpec h) {
        String full = nodePath(n.name()) + ".interfaces." + h.iface().name() + ".address";
        return ctx.position(full).equals(ctx.position(nodePath(n.name()) + ".address")) || !hasOwn(full)
                ? nodePath(n.name()) + ".address" : full;
    }

    private boolean hasOwn(String path) {
        Yaml.Pos exact = ctx.position(path);
        int cut = path.lastIndexOf('.');
        return cut < 0 || !exact.equals(ctx.position(path.substring(0, cut)));
    }

    // ------------------------------------------------------------ checks

    private void sites() {
        for (Node n : s.nodes().values()) {
            if (!d.implicitSite || !n.site().equals(Site.IMPLICIT)) siteExists(n.site(), nodePath(n.name()) + ".site");
        }
    }

    private void wan() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < s.wan().size(); i++) {
            WanLink w = s.wan().get(i);
            String path = Paths.of(p.wan, "wan", i) + ".between";
            boolean ok = siteExists(w.between().a(), path + "[0]") & siteExists(w.between().b(), path + "[1]");
            if (!ok) continue;
            String key = w.between().a().compareTo(w.between().b()) < 0 ? w.between().a() + "|" + w.between().b()
                    : w.between().b() + "|" + w.between().a();
            String first = seen.putIfAbsent(key, path);
            if (first != null) {
                ctx.error(path, "the WAN between " + w.between().a() + " and " + w.between().b() + " is already given at " + where(first));
            }
        }
    }

    private void links() {
        Map<String, String> endpointUse = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < s.links().size(); i++) {
            Link l = s.links().get(i);
            String path = Paths.of(p.links, "links", i);
            String firstName = names.putIfAbsent(l.name(), path);
            if (firstName != null) {
                ctx.error(path + ".name", "duplicate link name '" + l.name() + "' (first used at " + where(firstName) + ")");
            }
            if (l.a().equals(l.b())) {
                ctx.error(path + ".endpoints[1]", "a link cannot connect " + l.a() + " to itself");
                continue;
            }
            Endpoint[] ends = {l.a(), l.b()};
            boolean known = true;
            for (int k = 0; k < 2; k++) {
                Endpoint e = ends[k];
                String epath = path + ".endpoints[" + k + "]";
                if (!portExists(e, epath)) {
                    known = false;
                    continue;
                }
                String first = endpointUse.putIfAbsent(e.toString(), epath);
                if (first != null) {
                    ctx.error(epath, "interface " + e + " is already used by another link (" + where(first)
                            + "); an interface takes one link (add a switch to join more)");
                }
            }
            if (known && s.crossesSites(l)) {
                String sa = s.siteOf(l.a().node());
                String sb = s.siteOf(l.b().node());
                if (s.wanBetween(sa, sb) == null && d.sites.contains(sa) && d.sites.contains(sb)) {
                    ctx.error(path, "this link joins " + l.a().node() + " in " + sa + " and " + l.b().node() + " in " + sb
                            + ", but 'wan' has no entry between " + sa + " and " + sb);
                }
            }
        }
    }

    private boolean portExists(Endpoint e, String path) {
        if (!nodeExists(e.node(), path)) return false;
        Set<String> ports = d.nodes.get(e.node());
        if (ports.contains(e.iface())) return true;
        if (!s.nodes().containsKey(e.node())) return true; // a broken node: its own problems are reported
        Set<String> svis = d.vlanInterfaces.getOrDefault(e.node(), Set.of());
        if (svis.contains(e.iface())) {
            ctx.error(path, "'" + e.iface() + "' is a VLAN interface of " + e.node() + "; links attach to its ports ("
                    + String.join(", ", ports) + ")");
        } else {
            ctx.error(path, e.node() + " has no interface '" + e.iface() + "'" + Suggest.didYouMean(e.iface(), ports)
                    + (ports.isEmpty() ? "" : "; its " + (s.node(e.node()).spec() instanceof SwitchSpec ? "ports" : "interfaces")
                    + ": " + String.join(", ", ports)));
        }
        return false;
    }

    private void addresses() {
        Map<Ipv4Address, String> ips = new HashMap<>();
        Map<Ipv4Address, String> ipOwner = new HashMap<>();
        Map<Ipv4Address, Endpoint> ipInterface = new HashMap<>();
        Map<MacAddress, String> macs = new HashMap<>();
        for (Node n : s.nodes().values()) {
            if (n.spec() instanceof HostSpec h) {
                String path = hostAddressPath(n, h);
                claimIp(ips, ipOwner, h.iface().address().address(), n.name(), path);
                ipInterface.putIfAbsent(h.iface().address().address(), new Endpoint(n.name(), h.iface().name()));
                claimMac(macs, h.iface().mac(), n.name(), path.replaceAll("\\.address$", ".mac"));
            }
            for (L3Interface i : n.spec().l3Interfaces()) {
                String path = l3Path(n, i);
                for (int k = 0; k < i.addresses().size(); k++) {
                    String apath = i.addresses().size() == 1 && hasOwn(path + ".address") ? path + ".address" : path + ".addresses[" + k + "]";
                    claimIp(ips, ipOwner, i.addresses().get(k).address(), n.name(), apath);
                    ipInterface.putIfAbsent(i.addresses().get(k).address(), new Endpoint(n.name(), i.name()));
                }
                claimMac(macs, i.mac(), n.name(), path + ".mac");
            }
        }
        for (FhrpGroup g : topology.groups()) {
            for (FhrpGroup.Member m : g.members()) {
                Node n = s.node(m.node());
                L3Interface i = n.spec().l3Interface(m.iface());
                String gpath = gatewayPath(n, i, m.config());
                boolean owns = false;
                for (Ipv4Address vip : m.config().virtualAddresses()) {
                    String owner = ipOwner.get(vip);
                    if (owner == null) continue;
                    // RFC 5798 §5.2.4, §6.1: a virtual address may be a real one only on the VRRP address owner, a
                    // member of this very group on the interface that has it; the other members list it as virtual
                    FhrpGroup.Member ownerMember = memberAt(g, ipInterface.get(vip));
                    if (ownerMember == null || !(ownerMember.config() instanceof GatewayProtocol.Vrrp)) {
                        ctx.error(gpath + ".virtual-ip", "virtual address " + vip + " is already the address of " + owner + " ("
                                + where(ips.get(vip)) + ")" + (ownerMember != null ? "; only VRRP lets a member own its group's virtual "
                                + "address (RFC 5798 §5.2.4), " + g.key().protocol().yamlName().toUpperCase() + " needs an address of its own"
                                : "; only the group's own VRRP address owner (a member with priority 255) may have it as its "
                                + "address"));
                    } else if (ownerMember == m) {
                        owns = true;
                    }
                }
                // RFC 5798 §5.2.4: the owner's priority MUST be 255 (the parser checks the converse)
                if (owns && m.config() instanceof GatewayProtocol.Vrrp v && v.priority() != GatewayProtocol.Vrrp.OWNER_PRIORITY) {
                    ctx.error(gpath + ".priority", m.endpoint() + " has " + join(ownedAmong(i, v.virtualAddresses())) + " as its own address, "
                            + "so it is the address owner of " + g.name() + ": its priority must be 255 (RFC 5798 §5.2.4), got " + v.priority());
                }
            }
        }
    }

    private static FhrpGroup.Member memberAt(FhrpGroup g, Endpoint iface) {
        if (iface == null) return null;
        for (FhrpGroup.Member m : g.members()) {
            if (m.endpoint().equals(iface)) return m;
        }
        return null;
    }

    private static List<Ipv4Address> ownedAmong(L3Interface i, List<Ipv4Address> vips) {
        List<Ipv4Address> out = new ArrayList<>();
        for (InterfaceAddress a : i.addresses()) if (vips.contains(a.address())) out.add(a.address());
        return out;
    }

    private void claimIp(Map<Ipv4Address, String> ips, Map<Ipv4Address, String> owners, Ipv4Address ip, String node, String path) {
        String first = ips.putIfAbsent(ip, path);
        if (first != null) {
            ctx.error(path, "address " + ip + " is already used by " + owners.get(ip) + " (" + where(first) + ")");
        } else {
            owners.put(ip, node);
        }
    }

    private void claimMac(Map<MacAddress, String> macs, MacAddress mac, String node, String path) {
        String first = macs.putIfAbsent(mac, path);
        if (first != null) ctx.error(path, "MAC " + mac + " is already used at " + where(first));
    }

    // ------------------------------------------------------------ MLAG pairs and bonds

    private String mlagPortPath(Node n, SwitchPort p) {
        return nodePath(n.name()) + ".ports." + p.name() + ".mlag";
    }

    /** The far end of the link at {@code e}, or null if no link is attached there. */
    private Endpoint farEnd(Endpoint e) {
        Link l = s.linkAt(e);
        return l == null ? null : l.a().equals(e) ? l.b() : l.a();
    }

    private static String describe(PortMode mode) {
        return switch (mode) {
            case PortMode.Access a -> "access VLAN " + a.vlan();
            case PortMode.Trunk t -> "trunk " + (t.allowsAll() ? "all" : new TreeSet<>(t.allowedVlans()).toString())
                    + " native " + t.nativeVlan();
        };
    }

    private static SwitchPort mlagPort(SwitchSpec sw, int id) {
        for (SwitchPort p : sw.ports()) {
            if (p.mlag() == id) return p;
        }
        return null;
    }

    /**
     * The MLAG peer of switch {@code n}: the switch whose peer-link port its own peer link is
     * cabled to. Null when the pair is not well formed, after saying why when {@code report}.
     */
    private String mlagPeer(Node n, SwitchSpec sw, boolean report) {
        Mlag m = sw.mlag();
        String path = nodePath(n.name()) + ".mlag.peer-link";
        Endpoint here = new Endpoint(n.name(), m.peerLink());
        SwitchPort port = sw.port(m.peerLink());
        String problem = null;
        String at = path;
        String peer = null;
        if (port == null) {
            problem = n.name() + " has no port '" + m.peerLink() + "'" + Suggest.didYouMean(m.peerLink(), sw.portNames())
                    + "; its ports: " + String.join(", ", sw.portNames());
        } else if (port.isMlag()) {
            at = mlagPortPath(n, port);
            problem = "the peer link " + here + " cannot be an MLAG port itself: remove its 'mlag'";
        } else {
            Endpoint far = farEnd(here);
            Node fn = far == null ? null : s.node(far.node());
            if (far == null) {
                problem = "the peer link " + here + " has no link: cable it to the peer switch's peer-link port";
            } else if (fn == null) {
                return null; // an unknown node: reported with the link
            } else if (!(fn.spec() instanceof SwitchSpec fsw)) {
                problem = "the peer link must join the two MLAG peers, but " + here + " is cabled to " + far + ", a " + fn.kind().yamlName();
            } else if (fsw.port(far.iface()) == null) {
                return null; // an unknown port: reported with the link
            } else if (fsw.mlag() == null) {
                problem = "the peer link must join the two MLAG peers, but " + far.node() + " (at its far end, " + far + ") has no 'mlag:' "
                        + "of its own: give it domain '" + m.domain() + "' and peer-link '" + far.iface() + "'";
            } else if (!fsw.mlag().peerLink().equals(far.iface())) {
                problem = "the peer link must join the two MLAG peers' peer-link ports, but " + here + " is cabled to " + far + " and "
                        + far.node() + "'s peer link is '" + fsw.mlag().peerLink() + "'";
            } else {
                peer = far.node();
            }
        }
        if (problem != null && report) ctx.error(at, problem);
        return peer;
    }

    /**
     * MLAG pairs (Arista MLAG, Cisco vPC): the peer link joins the two peers' peer-link ports; both
     * name one domain; each MLAG id is on one port per peer, has its partner on the other peer with
     * the same VLANs, is carried by the peer link, and faces one bonded host.
     */
    private void mlag() {
        List<String> order = new ArrayList<>(s.nodes().keySet());
        for (Node n : s.nodes().values()) {
            if (!(n.spec() instanceof SwitchSpec sw)) continue;
            if (sw.mlag() == null) {
                for (SwitchPort p : sw.ports()) {
                    if (p.isMlag()) {
                        ctx.error(mlagPortPath(n, p), "'mlag' on a port needs the switch's own 'mlag:' (its domain and peer link)");
                    }
                }
                continue;
            }
            Map<Integer, SwitchPort> byId = new LinkedHashMap<>();
            for (SwitchPort p : sw.ports()) {
                if (!p.isMlag()) continue;
                SwitchPort first = byId.putIfAbsent(p.mlag(), p);
                if (first != null) {
                    ctx.error(mlagPortPath(n, p), "MLAG " + p.mlag() + " is already on " + n.name() + ":" + first.name() + " ("
                            + where(mlagPortPath(n, first)) + "); an MLAG id names one port on each peer");
                }
            }
            for (SwitchPort p : byId.values()) {
                Endpoint far = farEnd(new Endpoint(n.name(), p.name()));
                Node fn = far == null ? null : s.node(far.node());
                if (fn != null && !(fn.spec() instanceof HostSpec h && h.bond() != null)) {
                    ctx.error(mlagPortPath(n, p), "MLAG " + p.mlag() + "'s port " + n.name() + ":" + p.name() + " faces " + far + ", "
                            + (fn.kind().isHost() ? "a host without a bond" : "a " + fn.kind().yamlName()) + ": only a bonded host "
                            + "('bond:') is dual-homed to an MLAG pair (firsthop's routers and switches have no port-channels)");
                }
            }
            if (sw.mlag().peerGateway() && !hasRedundancyGroup(sw)) {
                ctx.error(nodePath(n.name()) + ".mlag.peer-gateway", "peer-gateway makes " + n.name() + " route the virtual MAC of its own "
                        + "VRRP and HSRP groups, and it has none on its VLAN interfaces (a router behind the switch keeps its groups to itself)");
            }
            String peer = mlagPeer(n, sw, true);
            if (peer == null) continue;
            SwitchSpec psw = (SwitchSpec) s.node(peer).spec();
            SwitchPort peerLink = sw.port(sw.mlag().peerLink());
            // what concerns both peers is reported once, at the later of the two in the file
            boolean second = order.indexOf(n.name()) > order.indexOf(peer);
            if (second && !sw.mlag().domain().equals(psw.mlag().domain())) {
                ctx.error(nodePath(n.name()) + ".mlag.domain", n.name() + " is in MLAG domain '" + sw.mlag().domain() + "' but its peer "
                        + peer + " in '" + psw.mlag().domain() + "' (" + where(nodePath(peer) + ".mlag.domain") + "): both peers of a pair "
                        + "name one domain");
            }
            for (SwitchPort p : byId.values()) {
                String path = mlagPortPath(n, p);
                Integer notCarried = firstVlanNotCarried(p.mode(), peerLink.mode());
                if (notCarried != null) {
                    ctx.error(path, "MLAG " + p.mlag() + "'s VLAN " + notCarried + " is not carried by the peer link " + n.name() + ":"
                            + peerLink.name() + " (" + describe(peerLink.mode()) + "): each peer reaches the other's MLAG ports over it");
                }
                SwitchPort partner = mlagPort(psw, p.mlag());
                if (partner == null) {
                    ctx.error(path, "MLAG " + p.mlag() + " on " + n.name() + ":" + p.name() + " has no partner on the peer " + peer
                            + ": give " + peer + "'s port towards the same device 'mlag: " + p.mlag() + "'");
                    continue;
                }
                if (!second) continue;
                if (!p.mode().equals(partner.mode())) {
                    ctx.error(path, "MLAG " + p.mlag() + "'s ports disagree on their VLANs: " + n.name() + ":" + p.name() + " is "
                            + describe(p.mode()) + ", " + peer + ":" + partner.name() + " " + describe(partner.mode())
                            + "; both ports of one MLAG carry the same VLANs");
                }
                Endpoint farHere = farEnd(new Endpoint(n.name(), p.name()));
                Endpoint farThere = farEnd(new Endpoint(peer, partner.name()));
                if (farHere != null && farThere != null && !farHere.node().equals(farThere.node())) {
                    ctx.error(path, "MLAG " + p.mlag() + " joins " + peer + ":" + partner.name() + " to " + farThere.node() + " but "
                            + n.name() + ":" + p.name() + " to " + farHere.node() + ": the two ports of one MLAG face one device");
                }
            }
        }
    }

    private static boolean hasRedundancyGroup(SwitchSpec sw) {
        for (VlanInterface v : sw.vlanInterfaces()) {
            for (GatewayProtocol g : v.gateways()) {
                if (g instanceof GatewayProtocol.Vrrp || g instanceof GatewayProtocol.Hsrp) return true;
            }
        }
        return false;
    }

    /** The first VLAN a port carries that {@code link} does not, or null. */
    private static Integer firstVlanNotCarried(PortMode port, PortMode link) {
        return switch (port) {
            case PortMode.Access a -> link.carries(a.vlan()) ? null : a.vlan();
            case PortMode.Trunk t -> {
                for (int v : new TreeSet<>(t.allowedVlans())) if (!link.carries(v)) yield v;
                yield null;
            }
        };
    }

    /** Bonded hosts: both members cabled to switch ports, of one switch or of the two ports of one MLAG id on a pair. */
    private void bonds() {
        for (Node n : s.nodes().values()) {
            if (!(n.spec() instanceof HostSpec h) || h.bond() == null) continue;
            String base = nodePath(n.name()) + ".bond.members";
            Endpoint[] far = new Endpoint[2];
            SwitchPort[] ports = new SwitchPort[2];
            boolean ok = true;
            for (int i = 0; i < 2; i++) {
                Endpoint member = new Endpoint(n.name(), h.bond().members().get(i));
                String path = base + "[" + i + "]";
                far[i] = farEnd(member);
                Node fn = far[i] == null ? null : s.node(far[i].node());
                if (far[i] == null) {
                    ctx.error(path, "bond member " + member + " has no link: cable it to a switch port");
                    ok = false;
                } else if (fn == null) {
                    ok = false; // an unknown node: reported with the link
                } else if (!(fn.spec() instanceof SwitchSpec sw)) {
                    ctx.error(path, "bond member " + member + " is cabled to " + far[i] + ", a " + fn.kind().yamlName() + ": a bond's members "
                            + "go to switch ports (one switch, or the two peers of an MLAG pair)");
                    ok = false;
                } else {
                    ports[i] = sw.port(far[i].iface());
                    ok &= ports[i] != null; // an unknown port: reported with the link
                }
            }
            if (!ok) continue;
            String path = base + "[1]";
            String a = far[0].node();
            String b = far[1].node();
            if (a.equals(b)) {
                if (!ports[0].mode().equals(ports[1].mode())) {
                    ctx.error(path, n.name() + "'s bond members reach " + far[0] + " (" + describe(ports[0].mode()) + ") and " + far[1] + " ("
                            + describe(ports[1].mode()) + "): both members of a bond carry the same VLANs");
                }
                continue;
            }
            Node na = s.node(a);
            String peer = ((SwitchSpec) na.spec()).mlag() == null ? null : mlagPeer(na, (SwitchSpec) na.spec(), false);
            if (!b.equals(peer)) {
                ctx.error(path, n.name() + "'s bond members reach " + a + " and " + b + ", which are not the two peers of one MLAG pair: "
                        + "a bond's members go to one switch, or to both peers of an MLAG pair ('mlag:' with a peer link between them)");
            } else if (!ports[0].isMlag() || ports[0].mlag() != ports[1].mlag()) {
                ctx.error(path, n.name() + "'s bond members reach " + far[0] + " (" + mlagText(ports[0]) + ") and " + far[1] + " ("
                        + mlagText(ports[1]) + "): a bond across an MLAG pair meets the two ports of one MLAG id (give both 'mlag: N' "
                        + "with one N)");
            }
        }
    }

    private static String mlagText(SwitchPort p) {
        return p.isMlag() ? "MLAG " + p.mlag() : "no MLAG id";
    }

    private void hosts() {
        for (Node n : s.nodes().values()) {
            if (!(n.spec() instanceof HostSpec h) || h.gateway() == null) continue;
            checkGatewayOnLink(n.name(), h, h.gateway(), nodePath(n.name()) + ".gateway");
        }
    }

    private void checkGatewayOnLink(String host, HostSpec h, Ipv4Address gateway, String path) {
        InterfaceAddress a = h.iface().address();
        if (!a.prefix().contains(gateway)) {
            ctx.error(path, "gateway " + gateway + " is outside " + host + "'s subnet " + a.prefix()
                    + ": a host reaches its gateway on-link (ARP), so it must be on " + a.prefix());
        } else if (gateway.equals(a.address())) {
            ctx.error(path, "gateway " + gateway + " is " + host + "'s own address");
        }
    }

    private void routesAndTracking() {
        for (Node n : s.nodes().values()) {
            List<Route> routes = n.spec().routes();
            for (int k = 0; k < routes.size(); k++) {
                Route r = routes.get(k);
                boolean connected = false;
                for (L3Interface i : n.spec().l3Interfaces()) {
                    for (InterfaceAddress a : i.addresses()) connected |= a.prefix().contains(r.via());
                    for (GatewayProtocol g : i.gateways()) {
                        if (g instanceof GatewayProtocol.Anycast any) connected |= any.gateway().prefix().contains(r.via());
                    }
                }
                if (!connected) {
                    ctx.error(nodePath(n.name()) + ".routes[" + k + "].via", "next hop " + r.via() + " is not on any subnet of "
                            + n.name() + "'s interfaces (static routes resolve their next hop on-link)");
                }
            }
            Set<String> names = new LinkedHashSet<>(n.spec().portNames());
            for (L3Interface i : n.spec().l3Interfaces()) names.add(i.name());
            for (TrackObject t : n.spec().tracking()) {
                if (t instanceof TrackObject.InterfaceLine line && !names.contains(line.iface())) {
                    ctx.error(nodePath(n.name()) + ".tracking." + t.name() + ".interface", n.name() + " has no interface '"
                            + line.iface() + "'" + Suggest.didYouMean(line.iface(), names) + "; its interfaces: " + String.join(", ", names));
                }
            }
            for (L3Interface i : n.spec().l3Interfaces()) {
                for (GatewayProtocol g : i.gateways()) {
                    String gpath = gatewayPath(n, i, g);
                    for (int k = 0; k < g.track().size(); k++) {
                        String object = g.track().get(k).object();
                        if (n.spec().trackObject(object) == null) {
                            List<String> objects = new ArrayList<>();
                            for (TrackObject t : n.spec().tracking()) objects.add(t.name());
                            ctx.error(gpath + ".track" + (g.track().size() > 1 || hasOwn(gpath + ".track[0]") ? "[" + k + "]" : ""),
                                    "unknown tracking object '" + object + "'" + Suggest.didYouMean(object, objects)
                                    + (objects.isEmpty() ? "; " + n.name() + " has no 'tracking:' objects" : "; " + n.name()
                                    + "'s objects: " + String.join(", ", objects)));
                        }
                    }
                    boolean hasAddress = !i.addresses().isEmpty();
                    if (g instanceof GatewayProtocol.Anycast) continue;
                    if (!hasAddress) {
                        ctx.error(gpath, g.protocol().yamlName() + " needs an address on " + n.name() + ":" + i.name()
                                + " (its adverts' source, and the subnet of the virtual IP)");
                        continue;
                    }
                    for (Ipv4Address vip : g.virtualAddresses()) {
                        boolean onLink = false;
                        for (InterfaceAddress a : i.addresses()) onLink |= a.prefix().contains(vip);
                        if (!onLink) {
                            ctx.error(gpath + ".virtual-ip", "virtual IP " + vip + " is not on a subnet of " + n.name() + ":" + i.name()
                                    + " (" + i.addresses().get(0).prefix() + "); hosts reach their gateway on-link");
                        }
                    }
                }
            }
        }
    }

    private void groups() {
        Map<String, FhrpGroup> bySegmentKey = new HashMap<>();
        Map<String, FhrpGroup> byName = new HashMap<>();
        for (FhrpGroup g : topology.groups()) {
            FhrpGroup.Member first = g.members().get(0);
            Node n = s.node(first.node());
            String path = gatewayPath(n, n.spec().l3Interface(first.iface()), first.config());
            if (g.key().protocol() == GatewayProtocol.Protocol.ANYCAST) {
                MacAddress mac = ((GatewayProtocol.Anycast) first.config()).virtualMac();
                for (FhrpGroup.Member m : g.members()) {
                    GatewayProtocol.Anycast a = (GatewayProtocol.Anycast) m.config();
                    Node mn = s.node(m.node());
                    String mpath = gatewayPath(mn, mn.spec().l3Interface(m.iface()), a);
                    if (!a.virtualMac().equals(mac)) {
                        ctx.error(mpath + ".virtual-mac", "anycast gateway " + g.key().id() + " uses MAC " + a.virtualMac() + " here but "
                                + mac + " at " + where(path) + "; every leaf must answer with the same MAC");
                    }
                    if (!a.gateway().equals(((GatewayProtocol.Anycast) first.config()).gateway())) {
                        ctx.error(mpath + ".virtual-ip", "anycast gateway " + a.gateway() + " has a different prefix length than at "
                                + where(path) + " (" + ((GatewayProtocol.Anycast) first.config()).gateway() + ")");
                    }
                }
            } else {
                // notes point 6: the virtual MAC comes from the group ID, so one segment cannot carry an ID twice
                FhrpGroup other = bySegmentKey.putIfAbsent(g.key() + "|" + g.segment(), g);
                if (other != null) {
                    FhrpGroup.Member o = other.members().get(0);
                    Node on = s.node(o.node());
                    String opath = gatewayPath(on, on.spec().l3Interface(o.iface()), o.config());
                    ctx.error(path, g.key() + " is configured twice on one L2 segment: here (" + first.endpoint() + ", virtual IP "
                            + join(first.config().virtualAddresses()) + ") and at " + where(opath) + " (" + o.endpoint()
                            + ", virtual IP " + join(o.config().virtualAddresses()) + "); both derive the same virtual MAC"
                            + mac(first.config()) + ", so use another group ID on one of them");
                }
            }
            String explicit = null;
            for (FhrpGroup.Member m : g.members()) {
                String mn = m.config().name();
                if (mn == null) continue;
                if (explicit == null) {
                    explicit = mn;
                } else if (!explicit.equals(mn)) {
                    Node nn = s.node(m.node());
                    ctx.error(gatewayPath(nn, nn.spec().l3Interface(m.iface()), m.config()) + ".name", "the members of " + g.key()
                            + " disagree on its name: '" + mn + "' here, '" + explicit + "' on another member");
                }
            }
            FhrpGroup sameName = byName.putIfAbsent(g.name(), g);
            if (sameName != null) {
                ctx.error(path + ".name", "two different groups are named '" + g.name() + "' (" + sameName.key() + " on "
                        + sameName.members().get(0).endpoint() + ", and " + g.key() + " here)");
            }
        }
    }

    private static String mac(GatewayProtocol g) {
        return switch (g) {
            case GatewayProtocol.Vrrp v -> " " + v.virtualMac();
            case GatewayProtocol.Hsrp h -> " " + h.virtualMac();
            case GatewayProtocol.Glbp gl -> "s (" + gl.forwarderMac(1) + "...)";
            case GatewayProtocol.Anycast a -> " " + a.virtualMac();
        };
    }

    private static String join(List<Ipv4Address> as) {
        List<String> out = new ArrayList<>();
        for (Ipv4Address a : as) out.add(a.toString());
        return String.join(", ", out);
    }

    private void flows() {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < s.traffic().size(); i++) {
            Flow f = s.traffic().get(i);
            String path = Paths.of(p.flows, "traffic", i);
            String first = names.putIfAbsent(f.name(), path);
            if (first != null) ctx.error(path + ".name", "duplicate flow name '" + f.name() + "' (first at " + where(first) + ")");
            if (nodeExists(f.from(), path + ".from")) {
                Node n = s.node(f.from());
                if (n != null && !n.kind().isHost()) {
                    ctx.error(path + ".from", "flows start at hosts (host, server or vm); " + f.from() + " is a " + n.kind().yamlName());
                }
            }
            if (f.start().compareTo(s.duration()) >= 0) {
                ctx.error(path + ".start", "the flow starts at " + Units.formatDuration(f.start()) + ", not before the end of the run ("
                        + Units.formatDuration(s.duration()) + ")");
            } else if (f.stop().compareTo(f.start()) <= 0) {
                ctx.error(path + ".stop", "the flow stops at " + Units.formatDuration(f.stop()) + ", not after it starts ("
                        + Units.formatDuration(f.start()) + ")");
            } else if (f.stop().compareTo(s.duration()) > 0) {
                ctx.error(path + ".stop", "the flow stops at " + Units.formatDuration(f.stop()) + ", after the end of the run ("
                        + Units.formatDuration(s.duration()) + ")");
            }
        }
    }

    private void events() {
        for (int i = 0; i < s.events().size(); i++) {
            Event e = s.events().get(i);
            String base = Paths.of(p.events, "events", i);
            String path = base + "." + e.keyword();
            checkAt(e.at(), base + ".at");
            switch (e) {
                case Event.Crash c -> nodeExists(c.node(), path);
                case Event.Shutdown c -> nodeExists(c.node(), path);
                case Event.Restart c -> nodeExists(c.node(), path);
                case Event.InterfaceDown c -> portOrL3Exists(c.iface(), path);
                case Event.InterfaceUp c -> portOrL3Exists(c.iface(), path);
                case Event.LinkCut c -> linkExists(c.link(), path);
                case Event.LinkRestore c -> linkExists(c.link(), path);
                case Event.ImpairLink c -> linkExists(c.link(), path + ".link");
                case Event.ImpairWan c -> {
                    if (siteExists(c.between().a(), path + ".between[0]") & siteExists(c.between().b(), path + ".between[1]")
                            && c.links().isEmpty()) {
                        ctx.error(path + ".between", "no link joins " + c.between().a() + " and " + c.between().b() + ", so there is nothing to impair");
                    }
                }
                case Event.Partition c -> sitePairs(c.pairs(), path);
                case Event.Heal c -> sitePairs(c.pairs(), path);
                case Event.KillSite c -> siteExists(c.site(), path);
                case Event.SetPriority c -> {
                    boolean known = nodeExists(c.node(), path + ".node");
                    FhrpGroup g = group(c.group(), path + ".group");
                    if (g != null && known && g.memberOn(c.node()) == null) {
                        ctx.error(path + ".node", c.node() + " is not a member of " + g.name() + " (members: " + members(g) + ")");
                    }
                    if (g != null && g.key().protocol() == GatewayProtocol.Protocol.ANYCAST) {
                        ctx.error(path + ".group", g.name() + " is an anycast gateway: it has no priority");
                    }
                }
                case Event.SetTrack c -> {
                    if (nodeExists(c.node(), path)) {
                        Node n = s.node(c.node());
                        if (n != null && n.spec().trackObject(c.object()) == null) {
                            List<String> objects = new ArrayList<>();
                            for (TrackObject t : n.spec().tracking()) objects.add(t.name());
                            ctx.error(path, c.node() + " has no tracking object '" + c.object() + "'" + Suggest.didYouMean(c.object(), objects)
                                    + (objects.isEmpty() ? "" : "; its objects: " + String.join(", ", objects)));
                        }
                    }
                }
                case Event.SetGateway c -> {
                    if (nodeExists(c.host(), path + ".host")) {
                        Node n = s.node(c.host());
                        if (n != null && n.spec() instanceof HostSpec h) {
                            checkGatewayOnLink(c.host(), h, c.gateway(), path + ".gateway");
                        } else if (n != null) {
                            ctx.error(path + ".host", "only hosts have a default gateway; " + c.host() + " is a " + n.kind().yamlName());
                        }
                    }
                }
            }
        }
    }

    private void portOrL3Exists(Endpoint e, String path) {
        if (!nodeExists(e.node(), path)) return;
        Set<String> svis = d.vlanInterfaces.getOrDefault(e.node(), Set.of());
        if (svis.contains(e.iface())) return;
        portExists(e, path);
    }

    private void linkExists(String link, String path) {
        if (d.links.contains(link)) return;
        ctx.error(path, unknown("link", link, d.links) + (link.contains(":") && !link.contains("--")
                ? " (no link is attached to " + link + ")" : ""));
    }

    private void sitePairs(List<SitePair> pairs, String path) {
        Set<String> reported = new LinkedHashSet<>();
        for (SitePair pair : pairs) {
            for (String site : List.of(pair.a(), pair.b())) {
                if (!d.sites.contains(site) && reported.add(site)) siteExists(site, path);
            }
        }
    }

    private FhrpGroup group(String ref, String path) {
        String[] why = new String[1];
        FhrpGroup g = topology.resolve(ref, why);
        if (g == null) ctx.error(path, why[0]);
        return g;
    }

    private static String members(FhrpGroup g) {
        List<String> out = new ArrayList<>();
        for (FhrpGroup.Member m : g.members()) out.add(m.node());
        return String.join(", ", out);
    }

    private void expectations() {
        for (int i = 0; i < s.expectations().size(); i++) {
            Expectation x = s.expectations().get(i);
            String base = Paths.of(p.expectations, "expect", i);
            switch (x) {
                case Expectation.MaxOutage m -> flowExists(m.flow(), base + ".flow");
                case Expectation.MaxLoss m -> flowExists(m.flow(), base + ".flow");
                case Expectation.LeaderAt m -> {
                    checkAt(m.at(), base + ".at");
                    FhrpGroup g = group(m.group(), base + ".group");
                    String key = ctx.position(base + ".master").equals(ctx.position(base)) ? "active" : "master";
                    if (nodeExists(m.node(), base + "." + key) && g != null) {
                        if (g.memberOn(m.node()) == null) {
                            ctx.error(base + "." + key, m.node() + " is not a member of " + g.name() + " (members: " + members(g) + ")");
                        } else if (g.key().protocol() == GatewayProtocol.Protocol.ANYCAST) {
                            ctx.error(base + ".group", g.name() + " is an anycast gateway: every member forwards, none is elected");
                        }
                    }
                }
                case Expectation.GatewayAt m -> {
                    checkAt(m.at(), base + ".at");
                    flowExists(m.flow(), base + ".flow");
                    nodeExists(m.node(), base + ".gateway");
                }
                case Expectation.GatewayMacAt m -> {
                    checkAt(m.at(), base + ".at");
                    flowExists(m.flow(), base + ".flow");
                }
                case Expectation.GatewaySiteAt m -> {
                    checkAt(m.at(), base + ".at");
                    flowExists(m.flow(), base + ".flow");
                    siteExists(m.site(), base + ".gateway-site");
                }
                case Expectation.MaxTromboning m -> {
                    if (m.flow() != null) flowExists(m.flow(), base + ".flow");
                }
                case Expectation.MaxDualMaster m -> {
                    if (m.group() != null) group(m.group(), base + ".group");
                }
            }
        }
    }

    private void flowExists(String flow, String path) {
        if (!d.flows.contains(flow)) ctx.error(path, unknown("flow", flow, d.flows));
    }
}
