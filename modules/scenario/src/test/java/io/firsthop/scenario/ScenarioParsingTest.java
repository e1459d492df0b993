package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.scenario.GatewayProtocol.Anycast;
import io.firsthop.scenario.GatewayProtocol.Glbp;
import io.firsthop.scenario.GatewayProtocol.GlbpLoadBalancing;
import io.firsthop.scenario.GatewayProtocol.Hsrp;
import io.firsthop.scenario.GatewayProtocol.Vrrp;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Valid files parse into the expected records")
class ScenarioParsingTest {
    static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    static Duration s(long n) {
        return Duration.ofSeconds(n);
    }

    static Scenario load(String file) {
        ValidationResult r = ScenarioLoader.load(Path.of(file));
        assertTrue(r.ok(), () -> r.format());
        return r.scenario();
    }

    static Scenario parse(String text) {
        ValidationResult r = ScenarioLoader.parse(text, "test.yaml");
        assertTrue(r.ok(), () -> r.format());
        return r.scenario();
    }

    static final String MINIMAL = """
            duration: 10s
            nodes:
              h1: {kind: host, address: 10.0.0.11/24, gateway: 10.0.0.1}
              sw1: {kind: switch, ports: [p1, p2]}
              r1:
                kind: router
                interfaces:
                  ge0: {address: 10.0.0.2/24, GW}
            links:
              - endpoints: ["h1:eth0", "sw1:p1"]
              - endpoints: ["r1:ge0", "sw1:p2"]
            """;

    static GatewayProtocol onlyGateway(String gateway) {
        Scenario sc = parse(MINIMAL.replace("GW", gateway));
        return sc.node("r1").spec().l3Interface("ge0").gateways().get(0);
    }

    @Nested
    @DisplayName("The VRRP example (scenarios/09-vrrp-failover.yaml)")
    class VrrpExample {
        final Scenario sc = load("../../scenarios/09-vrrp-failover.yaml");

        @Test
        @DisplayName("has its name, seed, duration and the one implicit site")
        void header() {
            assertEquals("vrrp-failover", sc.name());
            assertEquals(7, sc.seed());
            assertEquals(s(30), sc.duration());
            assertEquals(Map.of(Site.IMPLICIT, Site.of(Site.IMPLICIT)), sc.sites());
            assertNull(sc.variant());
        }

        @Test
        @DisplayName("gives r1 VRRPv3 priority 110 and r2 the default 100, with RFC 5798 defaults and defaults.vrrp")
        void vrrpMembers() {
            Vrrp r1 = (Vrrp) sc.node("r1").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(new Vrrp(null, 3, 1, 110, List.of(ip("10.0.0.1")), s(1), true, Duration.ZERO, false, false, true, List.of()), r1);
            Vrrp r2 = (Vrrp) sc.node("r2").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(100, r2.priority());
            assertEquals(MacAddress.parse("00:00:5e:00:01:01"), r2.virtualMac());
        }

        @Test
        @DisplayName("keeps the timeline in file order and the checks resolved to the group's name")
        void timelineAndChecks() {
            assertEquals(List.of(new Event.Crash(s(10), "r1"), new Event.Restart(s(20), "r1")), sc.events());
            assertEquals(new Expectation.LeaderAt(s(15), "vrrp:1", "r2"), sc.expectations().get(1));
            assertEquals(new Expectation.MaxOutage("h1-out", s(4)), sc.expectations().get(6));
            assertEquals(new Expectation.MaxDualMaster("vrrp:1", ms(50)), sc.expectations().get(7));
        }

        @Test
        @DisplayName("resolves a flow to a node as the node's address, and applies defaults.link to every link")
        void flowsAndLinks() {
            Flow f = sc.flow("h1-out");
            assertEquals(new Flow("h1-out", "h1", ip("198.51.100.10"), "server", ms(10), s(5), s(30), s(1)), f);
            assertEquals(6, sc.links().size());
            for (Link l : sc.links()) assertEquals(Impairment.ofDelay(Duration.ofNanos(100_000)), l.impairment());
            assertEquals("h1:eth0--sw1:p1", sc.links().get(0).name());
        }
    }

    @Nested
    @DisplayName("A file using every field (valid/every-option.yaml)")
    class EveryOption {
        final Scenario sc = load("src/test/resources/valid/every-option.yaml");

        @Test
        @DisplayName("reads sites and the WAN matrix")
        void sitesAndWan() {
            assertEquals(List.of("seoul", "daegu"), List.copyOf(sc.sites().keySet()));
            assertEquals("primary", sc.sites().get("seoul").description());
            WanLink w = sc.wanBetween("daegu", "seoul");
            assertEquals(new Impairment(ms(2), Duration.ofNanos(100_000), 0.0001, 1_000_000_000L, 1000), w.impairment());
        }

        @Test
        @DisplayName("gives every node a site: its own, else defaults.site")
        void sites() {
            assertEquals("seoul", sc.node("h1").site());
            assertEquals("daegu", sc.node("vm1").site());
            assertEquals(NodeKind.SERVER, sc.node("h2").kind());
            assertEquals(NodeKind.HYPERVISOR, sc.node("hv1").kind());
        }

        @Test
        @DisplayName("reads host interfaces, in the short form (eth0, derived MAC) and the long form (named, given MAC)")
        void hosts() {
            HostSpec h1 = (HostSpec) sc.node("h1").spec();
            assertEquals("eth0", h1.iface().name());
            assertEquals(ScenarioParser.defaultMac("h1", "eth0"), h1.iface().mac());
            assertEquals(ip("10.0.10.1"), h1.gateway());
            HostSpec h2 = (HostSpec) sc.node("h2").spec();
            assertEquals(new HostInterface("nic0", MacAddress.parse("02:00:00:00:20:12"), InterfaceAddress.parse("10.0.20.12/24")), h2.iface());
        }

        @Test
        @DisplayName("reads switch ports: access, trunk lists with ranges and native VLAN, trunk all, empty = access VLAN 1")
        void switchPorts() {
            SwitchSpec sw = (SwitchSpec) sc.node("sw1").spec();
            assertEquals(s(60), sw.aging());
            assertEquals(new PortMode.Access(10), sw.port("p1").mode());
            assertEquals(new PortMode.Trunk(Set.of(10, 20, 30, 31, 32), 99), sw.port("p6").mode());
            assertTrue(((PortMode.Trunk) sw.port("p7").mode()).allowsAll());
            assertEquals(PortMode.Access.DEFAULT, sw.port("p10").mode());
        }

        @Test
        @DisplayName("applies a group's fields to its members (kind, tracking, routes)")
        void groups() {
            assertEquals(NodeKind.ROUTER, sc.node("r1").kind());
            RouterSpec r2 = (RouterSpec) sc.node("r2").spec();
            assertEquals(List.of(new Route(Ipv4Prefix.parse("0.0.0.0/0"), ip("198.51.100.1"))), r2.routes());
            assertEquals(List.of(new TrackObject.InterfaceLine("uplink", "ge1"),
                    new TrackObject.Reachability("isp", ip("198.51.100.1"), ms(500), ms(200))), r2.tracking());
        }

        @Test
        @DisplayName("reads every VRRP option, and defaults.vrrp fills what a group leaves out")
        void vrrp() {
            Vrrp v = (Vrrp) sc.node("r1").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(new Vrrp("users", 3, 10, 110, List.of(ip("10.0.10.1"), ip("10.0.10.254")), ms(100), true, s(2),
                    true, true, false, List.of(Track.decrement("uplink", 20), new Track("isp", new Track.ForceDown()))), v);
            Vrrp v2 = (Vrrp) sc.node("r3").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(2, v2.version());
            assertEquals(s(2), v2.advertInterval());
        }

        @Test
        @DisplayName("reads every HSRP option over defaults.hsrp; a track's own decrement beats defaults.track")
        void hsrp() {
            RoutedInterface ge2 = (RoutedInterface) sc.node("r1").spec().l3Interface("ge2");
            assertEquals(List.of(InterfaceAddress.parse("10.0.20.2/24"), InterfaceAddress.parse("10.0.21.2/24")), ge2.addresses());
            assertEquals(MacAddress.parse("02:00:00:00:0a:02"), ge2.mac());
            assertEquals(new Hsrp(null, 2, 20, ip("10.0.20.1"), 120, s(1), s(3), true, s(5), "s3cret",
                    List.of(Track.decrement("uplink", 30))), ge2.gateways().get(0));
        }

        @Test
        @DisplayName("reads every GLBP option, with weighting thresholds")
        void glbp() {
            Glbp g = (Glbp) sc.node("r3").spec().l3Interface("ge0").gateways().get(1);
            assertEquals(new Glbp(null, 1, ip("10.0.10.6"), 200, true, Duration.ZERO, s(1), s(4), s(300), s(7200),
                    GlbpLoadBalancing.WEIGHTED, 120, 80, 100, s(10), List.of()), g);
        }

        @Test
        @DisplayName("reads an anycast gateway on a leaf's VLAN interface, its VLAN taken from the name vlan30")
        void anycast() {
            SwitchSpec leaf = (SwitchSpec) sc.node("leaf1").spec();
            VlanInterface svi = leaf.vlanInterfaces().get(0);
            assertEquals(30, svi.vlan());
            assertEquals(List.of(), svi.addresses());
            assertEquals(new Anycast(null, InterfaceAddress.parse("10.0.30.1/24"), MacAddress.parse("02:aa:00:00:00:01")), svi.gateways().get(0));
        }

        @Test
        @DisplayName("resolves each link's impairment: own value, else WAN (across sites), else defaults.link")
        void links() {
            Link own = sc.link("r1-down");
            assertEquals(new Impairment(Duration.ofNanos(200_000), Duration.ofNanos(50_000), 0.005, 10_000_000_000L, 64), own.impairment());
            Link shortForm = sc.links().get(3);
            assertEquals(new Endpoint("r2", "ge0"), shortForm.a());
            assertEquals(new Impairment(Duration.ofNanos(100_000), Duration.ZERO, 0, 10_000_000_000L, 0), shortForm.impairment());
            Link crossSite = sc.link("sw1:p6--leaf1:e2");
            assertTrue(sc.crossesSites(crossSite));
            assertEquals(new Impairment(ms(2), Duration.ofNanos(100_000), 0.0, 1_000_000_000L, 1000), crossSite.impairment());
        }

        @Test
        @DisplayName("reads flows: defaults.traffic, a rate as an interval, an interface as destination")
        void flows() {
            assertEquals(new Flow("h1-out", "h1", ip("198.51.100.10"), null, ms(20), Duration.ZERO, s(60), ms(500)), sc.flow("h1-out"));
            assertEquals(new Flow("h2-r1", "h2", ip("10.0.20.2"), "r1:ge2", ms(1), s(1), s(50), s(2)), sc.flow("h2-r1"));
            assertEquals(ip("10.0.10.11"), sc.flow("vm-h1").to());
            assertEquals(ms(5), sc.flow("vm-h1").interval());
        }

        @Test
        @DisplayName("reads every event kind, resolving links by endpoint and accumulating impairments in time order")
        void events() {
            List<Event> e = sc.events();
            assertEquals(19, e.size());
            assertEquals(new Event.Shutdown(s(12), "r2"), e.get(2));
            assertEquals(new Event.InterfaceDown(s(14), new Endpoint("r1", "ge0")), e.get(4));
            assertEquals(new Event.LinkCut(s(16), "r1-down"), e.get(6));
            assertEquals(new Event.LinkRestore(s(17), "r2:ge0--sw1:p4"), e.get(7));
            Impairment base = sc.link("r1-down").impairment();
            assertEquals(new Event.ImpairLink(s(18), "r1-down", base.withDelay(ms(5))), e.get(8));
            assertEquals(new Event.ImpairLink(s(19), "r1-down", base.withDelay(ms(5)).withLoss(0.01)), e.get(9));
            Event.ImpairWan wan = (Event.ImpairWan) e.get(10);
            assertEquals(new SitePair("seoul", "daegu"), wan.between());
            assertEquals(List.of(new Event.ImpairLink(s(20), "sw1:p6--leaf1:e2",
                    sc.link("sw1:p6--leaf1:e2").impairment().withDelay(ms(30)))), wan.links());
            assertEquals(new Event.Partition(s(21), List.of(new SitePair("daegu", "seoul"))), e.get(11));
            assertEquals(new Event.Heal(s(22), List.of(new SitePair("seoul", "daegu"))), e.get(12));
            assertEquals(new Event.KillSite(s(23), "daegu"), e.get(13));
            assertEquals(new Event.SetPriority(s(24), "r2", "ge0", "users", 150), e.get(14));
            assertEquals(new Event.SetTrack(s(25), "r1", "uplink", false), e.get(15));
            assertEquals(new Event.SetTrack(s(26), "r1", "uplink", true), e.get(16));
            assertEquals(new Event.SetGateway(s(27), "h1", ip("10.0.10.3")), e.get(17));
            assertEquals(new Event.Crash(s(28), "sw1"), e.get(18));
        }

        @Test
        @DisplayName("reads every expectation kind; one entry with two checks gives two expectations")
        void expectations() {
            assertEquals(List.of(
                    new Expectation.MaxOutage("h1-out", ms(400)),
                    new Expectation.MaxLoss("h1-out", 0.01),
                    new Expectation.LeaderAt(s(9), "users", "r1"),
                    new Expectation.LeaderAt(s(30), "hsrp:20", "r1"),
                    new Expectation.GatewayAt(s(9), "h1-out", "r1"),
                    new Expectation.GatewayMacAt(s(9), "h1-out", MacAddress.parse("00:00:5e:00:01:0a")),
                    new Expectation.GatewaySiteAt(s(9), "vm-h1", "daegu"),
                    new Expectation.MaxTromboning(null, ms(1)),
                    new Expectation.MaxTromboning("vm-h1", ms(3)),
                    new Expectation.MaxDualMaster(null, ms(100)),
                    new Expectation.MaxDualMaster("users", Duration.ZERO)), sc.expectations());
        }

        @Test
        @DisplayName("builds each variant as the base with its overrides merged in; ~ removes a node")
        void variants() {
            assertEquals(List.of("slow-adverts", "no-r3"), List.copyOf(sc.variants().keySet()));
            Scenario slow = sc.variant("slow-adverts");
            assertEquals("slow-adverts", slow.variant());
            assertEquals("The same with one-second adverts.", slow.description());
            Vrrp v = (Vrrp) slow.node("r1").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(s(1), v.advertInterval());
            assertEquals(s(2), v.preemptDelay(), "the rest of defaults.vrrp stays");
            Scenario noR3 = sc.variant("no-r3");
            assertNull(noR3.node("r3"));
            assertEquals(sc.links().size() - 1, noR3.links().size());
            assertEquals(Map.of(), noR3.variants());
        }
    }

    @Nested
    @DisplayName("Defaults are explicit")
    class Defaults {
        @Test
        @DisplayName("VRRP: version 3, priority 100, 1 s adverts, preempt on, no delay, accept off, RFC 5798, pseudo-header checksum")
        void vrrpDefaults() {
            assertEquals(Vrrp.v3(1, 100, ip("10.0.0.1")), onlyGateway("vrrp: {vrid: 1, virtual-ip: 10.0.0.1}"));
        }

        @Test
        @DisplayName("HSRP: version 1, priority 100, hello 3 s, hold 10 s, preempt OFF, auth 'cisco' (RFC 2281)")
        void hsrpDefaults() {
            Hsrp h = (Hsrp) onlyGateway("hsrp: {group: 1, virtual-ip: 10.0.0.1}");
            assertEquals(Hsrp.v1(1, 100, ip("10.0.0.1")), h);
            assertFalse(h.preempt());
            assertEquals(s(3), h.hello());
            assertEquals(s(10), h.hold());
            assertEquals(MacAddress.parse("0000.0c07.ac01"), h.virtualMac());
        }

        @Test
        @DisplayName("GLBP: priority 100, preempt off, hello 3 s, hold 10 s, redirect 600 s, timeout 14400 s, round-robin, weighting 100/1/100, AVF preempt delay 30 s")
        void glbpDefaults() {
            Glbp g = (Glbp) onlyGateway("glbp: {group: 1, virtual-ip: 10.0.0.1}");
            assertEquals(Glbp.of(1, 100, ip("10.0.0.1")), g);
            assertEquals(s(600), g.redirect());
            assertEquals(s(14400), g.timeout());
            assertEquals(s(30), g.forwarderPreemptDelay());
            assertEquals(MacAddress.parse("0007.b400.0101"), g.forwarderMac(1));
        }

        @Test
        @DisplayName("a track without a decrement lowers the priority by 10")
        void trackDecrement() {
            String text = MINIMAL.replace("kind: router", "kind: router\n    tracking: {up: {interface: ge0}}")
                    .replace("GW", "vrrp: {vrid: 1, virtual-ip: 10.0.0.1, track: [up]}");
            Vrrp v = (Vrrp) parse(text).node("r1").spec().l3Interface("ge0").gateways().get(0);
            assertEquals(List.of(Track.decrement("up", 10)), v.track());
        }

        @Test
        @DisplayName("an anycast gateway's MAC defaults to 02:00 and the four bytes of its address")
        void anycastMac() {
            Anycast a = (Anycast) onlyGateway("anycast: {virtual-ip: 10.0.0.1/24}");
            assertEquals(MacAddress.parse("02:00:0a:00:00:01"), a.virtualMac());
        }

        @Test
        @DisplayName("name from the file, seed 1, one site 'local', MACs stable and locally administered, no impairment")
        void scenarioDefaults() {
            Scenario sc = parse(MINIMAL.replace(", GW", ""));
            assertEquals("test", sc.name());
            assertEquals(1, sc.seed());
            assertEquals("local", sc.node("h1").site());
            MacAddress mac = ((HostSpec) sc.node("h1").spec()).iface().mac();
            assertEquals(mac, ScenarioParser.defaultMac("h1", "eth0"));
            assertEquals(0x02, mac.value() >>> 40, "locally administered unicast");
            assertNotEquals(mac, ScenarioParser.defaultMac("h2", "eth0"));
            assertEquals(Impairment.NONE, sc.links().get(0).impairment());
        }
    }

    @Nested
    @DisplayName("Groups and merging")
    class Merging {
        @Test
        @DisplayName("a node's own field beats its group's; a later group beats an earlier one")
        void precedence() {
            String text = """
                    duration: 10s
                    groups:
                      a: {members: [h1, h2], kind: host, gateway: 10.0.0.1}
                      b: {members: [h2], gateway: 10.0.0.2}
                    nodes:
                      h1: {address: 10.0.0.11/24, gateway: 10.0.0.3}
                      h2: {address: 10.0.0.12/24}
                    """;
            Scenario sc = parse(text);
            assertEquals(ip("10.0.0.3"), ((HostSpec) sc.node("h1").spec()).gateway());
            assertEquals(ip("10.0.0.2"), ((HostSpec) sc.node("h2").spec()).gateway());
        }

        @Test
        @DisplayName("YAML merge keys (<<: *anchor) work, explicit keys winning")
        void mergeKeys() {
            String text = """
                    duration: 10s
                    nodes:
                      h1: &host {kind: host, address: 10.0.0.11/24, gateway: 10.0.0.1}
                      h2: {<<: *host, address: 10.0.0.12/24}
                    """;
            Scenario sc = parse(text);
            assertEquals(InterfaceAddress.parse("10.0.0.12/24"), ((HostSpec) sc.node("h2").spec()).iface().address());
            assertEquals(ip("10.0.0.1"), ((HostSpec) sc.node("h2").spec()).gateway());
        }
    }

    @Nested
    @DisplayName("L2 segments and gateway groups")
    class Segments {
        @Test
        @DisplayName("notes point 6: the same VRID on two different VLANs is two groups, and valid")
        void sameIdOnTwoSegments() {
            Scenario sc = load("src/test/resources/valid/same-vrid-two-vlans.yaml");
            Topology t = Topology.of(sc);
            assertEquals(2, t.groups().size());
            assertEquals("vrrp:1@r1:ge0", t.groups().get(0).name());
            assertEquals("vrrp:1@r1:ge1", t.groups().get(1).name());
            assertNotEquals(t.groups().get(0).segment(), t.groups().get(1).segment());
            assertEquals(List.of("r1", "r2"), t.groups().get(0).members().stream().map(FhrpGroup.Member::node).toList());
        }

        @Test
        @DisplayName("trunks join tagged VLANs end to end, and untagged frames the two native VLANs")
        void trunks() {
            Scenario sc = load("src/test/resources/valid/same-vrid-two-vlans.yaml");
            Topology t = Topology.of(sc);
            assertEquals(t.segmentOfVlan("sw1", 10), t.segmentOfVlan("sw2", 10));
            assertEquals(t.segmentOfVlan("sw1", 10), t.segmentOf("h10", "eth0"));
            assertEquals(t.segmentOfVlan("sw1", 1), t.segmentOfVlan("sw2", 5), "native 1 on sw1 meets native 5 on sw2");
            assertNotEquals(t.segmentOfVlan("sw1", 10), t.segmentOfVlan("sw1", 20));
            assertNotEquals(t.segmentOfVlan("sw1", 30), t.segmentOfVlan("sw2", 30), "VLAN 30 is not allowed on the trunk");
        }
    }

    @Nested
    @DisplayName("MLAG pairs and bonded hosts (valid/mlag-pair.yaml)")
    class MlagAndBonds {
        final Scenario sc = load("src/test/resources/valid/mlag-pair.yaml");

        @Test
        @DisplayName("a bond's members are the host's ports; its interface is bond0 in the short form, named in the long form")
        void bonds() {
            HostSpec h1 = (HostSpec) sc.node("h1").spec();
            assertEquals("bond0", h1.iface().name());
            assertEquals(ScenarioParser.defaultMac("h1", "bond0"), h1.iface().mac());
            assertEquals(new HostBond(List.of("eth0", "eth1"), HostBond.HashPolicy.LAYER3_4), h1.bond());
            assertEquals(List.of("eth0", "eth1"), h1.portNames());
            HostSpec h2 = (HostSpec) sc.node("h2").spec();
            assertEquals("team0", h2.iface().name());
            assertEquals(HostBond.HashPolicy.LAYER2, h2.bond().hashPolicy(), "Linux's default xmit_hash_policy");
            assertEquals(List.of("nic0", "nic1"), h2.portNames());
            assertNull(((HostSpec) load("../../scenarios/09-vrrp-failover.yaml").node("h1").spec()).bond());
        }

        @Test
        @DisplayName("a switch's mlag: domain, peer link and peer-gateway (off unless given); MLAG ids on its ports")
        void mlag() {
            SwitchSpec a = (SwitchSpec) sc.node("leaf-a").spec();
            assertEquals(new Mlag("7", "peer", true), a.mlag());
            assertEquals(new Mlag("7", "peer", false), ((SwitchSpec) sc.node("leaf-b").spec()).mlag());
            assertEquals(new SwitchPort("h1", new PortMode.Access(10), 1), a.port("h1"));
            assertEquals(2, a.port("h2").mlag());
            assertFalse(a.port("peer").isMlag());
            assertNull(((SwitchSpec) sc.node("sw1").spec()).mlag());
        }

        @Test
        @DisplayName("a bonded host's interface is on the segment of both its members; a flow may name it, events its members")
        void segments() {
            Topology t = Topology.of(sc);
            assertEquals(t.segmentOfVlan("leaf-a", 10), t.segmentOf("h1", "bond0"));
            assertEquals(t.segmentOfVlan("leaf-b", 10), t.segmentOf("h2", "team0"));
            assertEquals(t.segmentOfVlan("sw1", 20), t.segmentOf("h3", "bond0"));
            assertEquals(1, t.groups().size());
            assertEquals(ip("10.0.10.12"), sc.flow("h1-h2").to());
            assertEquals(new Event.InterfaceDown(s(5), new Endpoint("h1", "eth1")), sc.events().get(0));
        }
    }
}
