package io.firsthop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.anycast.AnycastGateway;
import io.firsthop.core.glbp.GlbpCommand;
import io.firsthop.core.glbp.GlbpConfig;
import io.firsthop.core.glbp.GlbpGroup;
import io.firsthop.core.glbp.LoadBalancing;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.host.StopProbeFlow;
import io.firsthop.core.hsrp.HsrpConfig;
import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.hsrp.SetHsrpPriority;
import io.firsthop.core.hypervisor.CompositeCommand;
import io.firsthop.core.hypervisor.CompositeDevice;
import io.firsthop.core.l3.Router;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.track.SetTrackedObject;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.core.vrrp.VrrpCommand;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.scenario.Endpoint;
import io.firsthop.scenario.GatewayProtocol;
import io.firsthop.scenario.Impairment;
import io.firsthop.scenario.Link;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.NodeKind;
import io.firsthop.scenario.Problem;
import io.firsthop.scenario.RoutedInterface;
import io.firsthop.scenario.RouterSpec;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.Site;
import io.firsthop.scenario.SwitchSpec;
import io.firsthop.scenario.ScenarioLoader;
import io.firsthop.scenario.ValidationResult;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Binding a scenario: its nodes become core devices, its events engine actions, and what cannot run is a positioned problem. */
class BinderTest {
    static Binder.Result bind(String yaml) {
        ValidationResult loaded = ScenarioLoader.parse(yaml, "t.yaml");
        assertTrue(loaded.ok(), loaded::format);
        return Binder.bind(loaded.scenario(), "t.yaml", SourceLines.ofText(yaml));
    }

    static NetworkPlan plan(String yaml) {
        Binder.Result r = bind(yaml);
        assertTrue(r.ok(), () -> r.problems().toString());
        return r.plan();
    }

    static final String PAIR = """
            duration: 60s
            sites: {seoul: {}, daegu: {}}
            wan: [{between: [seoul, daegu], delay: 2ms, loss: 1%}]
            defaults: {link: {delay: 0.1ms, jitter: 0.01ms}}
            nodes:
              h1: {kind: host, site: seoul, address: 10.0.0.11/24, gateway: 10.0.0.1}
              sw1: {kind: switch, site: seoul, ports: [p1, p2, p3, p9]}
              sw2: {kind: switch, site: daegu, ports: [p1, p9]}
              r1:
                kind: router
                site: seoul
                tracking:
                  up: {interface: ge1}
                  isp: {reachable: 198.51.100.10, interval: 500ms, timeout: 200ms}
                interfaces:
                  ge0:
                    address: 10.0.0.2/24
                    vrrp: {vrid: 1, version: 3, priority: 110, virtual-ip: 10.0.0.1, advert-interval: 100ms, preempt-delay: 2s,
                           accept-mode: true, rfc9568: true, checksum: no-pseudo-header, track: [{object: up, decrement: 20}, isp]}
                  ge1: {address: 198.51.100.2/24}
              r2:
                kind: router
                site: daegu
                interfaces:
                  ge0:
                    address: 10.0.0.3/24
                    vrrp: {vrid: 1, version: 3, virtual-ip: 10.0.0.1, advert-interval: 100ms}
            links:
              - endpoints: ["h1:eth0", "sw1:p1"]
              - endpoints: ["r1:ge0", "sw1:p2"]
              - {name: wan, endpoints: ["sw1:p9", "sw2:p9"]}
              - endpoints: ["r2:ge0", "sw2:p1"]
            traffic:
              - {name: out, from: h1, to: 198.51.100.10, interval: 20ms, start: 1s, stop: 50s, timeout: 2s}
              - {name: all, from: h1, to: 10.0.0.3}
            events:
              - {at: 5s, link-cut: wan}
              - {at: 6s, impair: {link: wan, delay: 5ms}}
              - {at: 7s, heal: daegu}
              - {at: 8s, partition: [seoul, daegu]}
              - {at: 9s, kill-site: daegu}
              - {at: 10s, set-priority: {node: r2, group: vrrp:1, priority: 150}}
              - {at: 11s, track-down: "r1:isp"}
              - {at: 12s, track-up: "r1:isp"}
              - {at: 13s, set-gateway: {host: h1, gateway: 10.0.0.3}}
              - {at: 14s, interface-down: "r1:ge1"}
              - {at: 15s, shutdown: r1}
              - {at: 16s, restart: r1}
            """;

    @Nested
    @DisplayName("devices")
    class Devices {
        @Test
        @DisplayName("every VRRP option reaches the core's VrrpConfig (RFC 5798 §6.1 parameters and the documented extensions)")
        void vrrpOptions() {
            Router r1 = (Router) plan(PAIR).device("r1").factory().get();
            VrrpConfig c = ((VrrpGroup) r1.groups().get(0)).config();
            assertEquals(new VrrpConfig(3, 1, 110, List.of(Ipv4Address.parse("10.0.0.1")), 10, true, Duration.ofSeconds(2), true, true,
                    false), c);
            assertEquals(List.of(new TrackedObject.InterfaceLine("up", "ge1"),
                    TrackedObject.Reachability.of("isp", Ipv4Address.parse("198.51.100.10")).withTiming(500_000_000L, 200_000_000L)),
                    r1.trackedObjects());
        }

        @Test
        @DisplayName("every HSRP and GLBP option reaches the core's configuration")
        void hsrpAndGlbpOptions() {
            NetworkPlan plan = plan("""
                    duration: 10s
                    nodes:
                      r1:
                        kind: router
                        interfaces:
                          ge0:
                            address: 10.0.0.2/24
                            hsrp: {group: 300, version: 2, priority: 120, virtual-ip: 10.0.0.1, hello: 300ms, hold: 1s,
                                   preempt: true, preempt-delay: 5s, auth: secret}
                          ge1:
                            address: 10.0.1.2/24
                            glbp: {group: 7, priority: 120, virtual-ip: 10.0.1.1, preempt: true, hello: 500ms, hold: 2s,
                                   redirect: 60s, timeout: 700s, load-balancing: weighted,
                                   weighting: {maximum: 200, lower: 50, upper: 150}, forwarder-preempt-delay: 10s}
                    """);
            Router r1 = (Router) plan.device("r1").factory().get();
            assertEquals(new HsrpConfig(2, 300, Ipv4Address.parse("10.0.0.1"), 120, new HsrpTimers(300, 1000), true, 5000, "secret"),
                    ((HsrpGroup) r1.groups().get(0)).config());
            assertEquals(new GlbpConfig(7, Ipv4Address.parse("10.0.1.1"), 120, true, 500, 2000, 60, 700, LoadBalancing.WEIGHTED,
                    200, 50, 150, true, 10, null), ((GlbpGroup) r1.groups().get(1)).config());
        }

        @Test
        @DisplayName("a host carries its flows as probe flows; links take their resolved impairments, a cross-site link names its WAN pair")
        void hostsAndLinks() {
            NetworkPlan plan = plan(PAIR);
            Host h1 = (Host) plan.device("h1").factory().get();
            assertEquals(List.of(new ProbeFlow("out", Ipv4Address.parse("198.51.100.10"), 20_000_000L, 2_000_000_000L, 1_000_000_000L),
                    new ProbeFlow("all", Ipv4Address.parse("10.0.0.3"), 10_000_000L, 1_000_000_000L, 0)), h1.config().probes());
            LinkPlan wan = plan.links().get(2);
            assertEquals(new LinkConfig(2_000_000L, 0, 0.01, 0, 0, true), wan.config());
            assertEquals("seoul<->daegu", wan.wan().toString());
            assertEquals(new LinkConfig(100_000L, 10_000L, 0, 0, 0, true), plan.links().get(0).config());
            assertNull(plan.links().get(0).wan());
        }

        @Test
        @DisplayName("a switch with VLAN interfaces is one device: its bridge and its router, the router named after the node")
        void routedSwitch() {
            NetworkPlan plan = plan("""
                    duration: 10s
                    nodes:
                      leaf:
                        kind: leaf
                        ports: {p1: {vlan: 10}, up: {trunk: [10, 20]}}
                        vlan-interfaces:
                          vlan10: {address: 10.0.10.2/24, anycast: {virtual-ip: 10.0.10.1/24}}
                          vlan20: {address: 10.0.20.2/24, vrrp: {vrid: 20, virtual-ip: 10.0.20.1}}
                    events:
                      - {at: 5s, set-priority: {node: leaf, group: vrrp:20, priority: 90}}
                    """);
            CompositeDevice leaf = assertInstanceOf(CompositeDevice.class, plan.device("leaf").factory().get());
            assertEquals(List.of("p1", "up"), leaf.portNames());
            Router router = assertInstanceOf(Router.class, leaf.core("leaf"));
            assertInstanceOf(AnycastGateway.class, router.groups().get(0));
            assertInstanceOf(VrrpGroup.class, router.groups().get(1));
            assertEquals(List.of("leaf", "leaf-switch"), plan.device("leaf").parts());
            assertEquals("leaf", plan.nodeOf("leaf-switch"));
            Action.Command c = (Action.Command) plan.timeline().get(0).action();
            assertEquals(new CompositeCommand.ToCore("leaf", new VrrpCommand.SetPriority("vlan20", 20, 90)), c.command());
        }
    }

    @Nested
    @DisplayName("timeline")
    class Timeline {
        @Test
        @DisplayName("events become engine actions in time order: partition and heal act on cross-site links, kill-site names the "
                + "site and every device on it, an impairment keeps a cut link cut, commands reach their cores")
        void actions() {
            NetworkPlan plan = plan(PAIR);
            List<Action> actions = plan.timeline().stream().map(TimedAction::action).toList();
            assertEquals(List.of(
                    new Action.CutLink("wan"),
                    new Action.Impair("wan", new LinkConfig(5_000_000L, 0, 0.01, 0, 0, false)),
                    new Action.RestoreLink("wan"),
                    new Action.CutLink("wan"),
                    new Action.KillSite("daegu", List.of("sw2", "r2")),
                    new Action.Command("r2", new VrrpCommand.SetPriority("ge0", 1, 150)),
                    new Action.Command("r1", new SetTrackedObject("isp", false)),
                    new Action.Command("r1", new SetTrackedObject("isp", true)),
                    new Action.Command("h1", new SetGateway(Ipv4Address.parse("10.0.0.3"))),
                    new Action.InterfaceDown("r1", "ge1"),
                    new Action.Shutdown("r1"),
                    new Action.Restart("r1"),
                    new Action.Command("h1", new StopProbeFlow("out"))), actions);
            assertEquals("kill-site daegu", plan.timeline().get(4).cause());
            assertEquals(50_000_000_000L, plan.timeline().getLast().at(), "a flow stops at its stop time; 'all' runs to the end");
        }

        @Test
        @DisplayName("set-priority on HSRP and GLBP groups is their own command")
        void priorityCommands() {
            NetworkPlan plan = plan("""
                    duration: 10s
                    nodes:
                      r1:
                        kind: router
                        interfaces:
                          ge0: {address: 10.0.0.2/24, hsrp: {group: 5, virtual-ip: 10.0.0.1}}
                          ge1: {address: 10.0.1.2/24, glbp: {group: 6, virtual-ip: 10.0.1.1}}
                    events:
                      - {at: 1s, set-priority: {node: r1, group: hsrp:5, priority: 0}}
                      - {at: 2s, set-priority: {node: r1, group: glbp:6, priority: 200}}
                    """);
            assertEquals(List.of(new Action.Command("r1", new SetHsrpPriority("ge0", 5, 0)),
                    new Action.Command("r1", new GlbpCommand.SetPriority(6, 200))),
                    plan.timeline().stream().map(TimedAction::action).toList());
        }
    }

    @Nested
    @DisplayName("problems")
    class Problems {
        @Test
        @DisplayName("what the devices cannot do is reported all at once, each at its line and field path")
        void allAtOnce() {
            Binder.Result r = bind("""
                    duration: 10s
                    nodes:
                      wan: {kind: host, address: 10.0.9.9/24}
                      leaf:
                        kind: leaf
                        ports: [p1, p2]
                        vlan-interfaces:
                          vlan1: {anycast: {virtual-ip: 10.0.1.1/24}}
                        tracking:
                          port: {interface: p1}
                      r1:
                        kind: router
                        interfaces:
                          ge0:
                            address: 10.0.0.2/24
                            glbp: {group: 1, virtual-ip: 10.0.0.1, preempt-delay: 1s, forwarder-preempt-delay: 1.5s}
                    links:
                      - {name: wan, endpoints: ["r1:ge0", "leaf:p2"]}
                    events:
                      - {at: 1s, set-priority: {node: r1, group: glbp:1, priority: 50}}
                    """);
            assertFalse(r.ok());
            assertNull(r.plan());
            assertEquals(List.of(
                    "t.yaml:8:24: nodes.leaf.vlan-interfaces.vlan1.anycast: an anycast gateway's interface needs an address of its own "
                            + "besides the gateway's: every member answers for 10.0.1.1, so the router resolves hosts from its own address",
                    "t.yaml:10:25: nodes.leaf.tracking.port.interface: tracking the line state of 'p1' cannot run: only VLAN interfaces "
                            + "of the node can be tracked (vlan1)",
                    "t.yaml:16:63: nodes.r1.interfaces.ge0.glbp.preempt-delay: a GLBP AVG preemption delay cannot run yet: the GLBP core "
                            + "preempts the AVG role at once; leave preempt-delay out (forwarder-preempt-delay is supported)",
                    "t.yaml:16:92: nodes.r1.interfaces.ge0.glbp.forwarder-preempt-delay: GLBP's forwarder preemption delay is whole "
                            + "seconds from 0s to 3600s, got 1500ms",
                    "t.yaml:18:12: links[0].name: link name 'wan' is also a node's name; engines name devices and links in one namespace: "
                            + "rename the link"),
                    r.problems().stream().map(Problem::format).toList());
        }

        @Test
        @DisplayName("notes point 6: the engine's own duplicate-group check (SegmentValidator) runs on the devices as built, and its "
                + "conflict is reported at the second group, by field path")
        void segmentValidator() {
            // built in Java, so the loader's own duplicate check never saw it
            Map<String, Node> nodes = new LinkedHashMap<>();
            nodes.put("sw1", new Node("sw1", NodeKind.SWITCH, Site.IMPLICIT, SwitchSpec.of(io.firsthop.scenario.SwitchPort.access("p1", 1),
                    io.firsthop.scenario.SwitchPort.access("p2", 1))));
            for (int i = 1; i <= 2; i++) {
                GatewayProtocol.Vrrp vrrp = GatewayProtocol.Vrrp.v3(7, 100, Ipv4Address.parse("10.0.0." + (100 + i)));
                RoutedInterface ge0 = new RoutedInterface("ge0", MacAddress.parse("02:00:00:00:00:0" + i),
                        List.of(InterfaceAddress.parse("10.0.0." + i + "/24")), List.of(vrrp));
                nodes.put("r" + i, new Node("r" + i, NodeKind.ROUTER, Site.IMPLICIT, new RouterSpec(List.of(ge0), List.of(), List.of())));
            }
            List<Link> links = List.of(Link.of(new Endpoint("r1", "ge0"), new Endpoint("sw1", "p1"), Impairment.NONE),
                    Link.of(new Endpoint("r2", "ge0"), new Endpoint("sw1", "p2"), Impairment.NONE));
            Scenario sc = Scenario.of("dup", Duration.ofSeconds(10), Map.of(Site.IMPLICIT, Site.of(Site.IMPLICIT)), List.of(), nodes, links,
                    List.of(), List.of(), List.of());
            Binder.Result r = Binder.bind(sc);
            assertEquals(1, r.problems().size(), r.problems()::toString);
            Problem p = r.problems().get(0);
            assertEquals("nodes.r2.interfaces.ge0.vrrp", p.path());
            assertTrue(p.message().startsWith("duplicate vrrp group 7 on one L2 segment: r1:ge0"), p.message());
            assertEquals("<java>", p.file());
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: an operator's VRRP priority is 1..254, and the address owner cannot be tracked")
        void vrrpPriorities() {
            Binder.Result owner = bind("""
                    duration: 10s
                    nodes:
                      r1:
                        kind: router
                        tracking: {up: {interface: ge1}}
                        interfaces:
                          ge0: {address: 10.0.0.1/24, vrrp: {vrid: 1, priority: 255, virtual-ip: 10.0.0.1, track: [up]}}
                          ge1: {address: 10.0.1.1/24}
                    """);
            assertEquals(List.of("the address owner (priority 255) cannot be tracked: its priority is 255 by definition (RFC 5798 §5.2.4)"),
                    owner.problems().stream().map(Problem::message).toList());
            Binder.Result operator = bind("""
                    duration: 10s
                    nodes:
                      r2:
                        kind: router
                        interfaces:
                          ge0: {address: 10.0.0.2/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}}
                    events:
                      - {at: 1s, set-priority: {node: r2, group: vrrp:1, priority: 255}}
                    """);
            assertEquals(List.of("t.yaml:8:64: events[0].set-priority.priority: a VRRP priority set by an operator is 1..254 (0 is a "
                    + "Master's resignation and 255 the address owner's, RFC 5798 §5.2.4), got 255"),
                    operator.problems().stream().map(Problem::format).toList());
        }
    }
}
