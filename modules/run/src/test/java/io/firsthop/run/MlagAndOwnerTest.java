package io.firsthop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.host.BondHash;
import io.firsthop.core.host.Host;
import io.firsthop.core.hypervisor.CompositeDevice;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.GatewayMac;
import io.firsthop.core.l2.MlagConfig;
import io.firsthop.core.l3.Router;
import io.firsthop.core.mlag.PeerGateway;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.report.ExpectationResult;
import io.firsthop.wire.VrrpAdvertisement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** MLAG pairs, bonded hosts and the VRRP address owner, from scenario files to what the virtual engine runs. */
class MlagAndOwnerTest {
    static final Path MLAG = Path.of("../../scenarios/14-mlag-active-active.yaml");
    static final Path OWNER = Path.of("../../scenarios/15-vrrp-address-owner.yaml");
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;

    static Map<String, NetworkPlan> plans(Path file) {
        Validation.Checked checked = Validation.check(file);
        assertTrue(checked.ok(), checked::format);
        return checked.plans();
    }

    /** Runs a plan on the virtual engine, keeping its trace. */
    static ScenarioRun.Outcome run(NetworkPlan plan, List<TraceEvent> trace) {
        return ScenarioRun.run(plan, new VirtualRunner(), RunSettings.seed(plan.scenario().seed()), (site, e) -> trace.add(e),
                RunControl.silent());
    }

    static long tromboningOf(ScenarioRun.Outcome o, String flowName) {
        for (ExpectationResult c : o.checks()) {
            if (c.name().equals("max-tromboning") && c.description().contains(flowName)) {
                return Math.round(Double.parseDouble(c.measured().substring(0, c.measured().indexOf(' '))) * MS);
            }
        }
        throw new AssertionError("no tromboning check of " + flowName);
    }

    @Nested
    @DisplayName("binding (scenarios/14-mlag-active-active.yaml)")
    class Binding {
        final NetworkPlan plan = plans(MLAG).get("");

        @Test
        @DisplayName("a bonded host: its first member carries the interface, the second is the bond port, with the file's hash policy")
        void bondedHost() {
            Host h1 = (Host) plan.device("h1").factory().get();
            assertEquals(List.of("eth0", "eth1"), h1.portNames());
            assertEquals("eth1", h1.config().bondPort());
            assertEquals(BondHash.Policy.LAYER3_4, h1.config().bondHash());
        }

        @Test
        @DisplayName("an MLAG leaf: its bridge has the peer link and the MLAG ids; peer-gateway keeps each VRRP virtual MAC at its router "
                + "and wraps each VRRP group in a PeerGateway")
        void mlagLeaf() {
            CompositeDevice leaf = (CompositeDevice) plan.device("leaf-b").factory().get();
            EthernetSwitch bridge = (EthernetSwitch) leaf.core("leaf-b" + Binder.SWITCH_CORE_SUFFIX);
            assertEquals(new MlagConfig("peer", Map.of("h1", 1, "h2", 2)), bridge.config().mlag());
            assertEquals(List.of(GatewayMac.of(10, VrrpAdvertisement.virtualMac(10), "svi-vlan10"),
                    GatewayMac.of(99, VrrpAdvertisement.virtualMac(99), "svi-vlan99")), bridge.config().gatewayMacs());
            Router router = (Router) leaf.core("leaf-b");
            PeerGateway g = assertInstanceOf(PeerGateway.class, router.groups().get(0));
            assertInstanceOf(VrrpGroup.class, g.group());
        }

        @Test
        @DisplayName("without peer-gateway the pair is plain MLAG: no gateway MAC kept local, plain VRRP groups")
        void activeStandby() {
            CompositeDevice leaf = (CompositeDevice) plans(MLAG).get("active-standby").device("leaf-b").factory().get();
            EthernetSwitch bridge = (EthernetSwitch) leaf.core("leaf-b" + Binder.SWITCH_CORE_SUFFIX);
            assertEquals("peer", bridge.config().mlag().peerLink());
            assertEquals(List.of(), bridge.config().gatewayMacs());
            assertInstanceOf(VrrpGroup.class, ((Router) leaf.core("leaf-b")).groups().get(0));
        }

        @Test
        @DisplayName("a switch outside any pair has no MLAG configuration")
        void plainSwitch() {
            assertNull(((EthernetSwitch) plan.device("core").factory().get()).config().mlag());
        }
    }

    @Nested
    @DisplayName("running (notes point 11 on an MLAG pair)")
    class Running {
        @Test
        @DisplayName("active-standby: the flows hashed to the Backup's leaf pay the peer link once per round trip, exactly its configured "
                + "latency; the others nothing")
        void activeStandbyDetour() {
            NetworkPlan plan = plans(MLAG).get("active-standby");
            long peer = plan.scenario().link("peer-link").impairment().delay().toNanos();
            ScenarioRun.Outcome o = run(plan, new ArrayList<>());
            assertTrue(o.allPassed());
            assertEquals(peer, tromboningOf(o, "h1-one"));
            assertEquals(peer, tromboningOf(o, "h2-two"));
            assertEquals(0, tromboningOf(o, "h1-two"));
            assertEquals(0, tromboningOf(o, "h2-one"));
        }

        @Test
        @DisplayName("peer-gateway: no probe crosses the peer link, and the Master's death loses none (the Backup already routes)")
        void peerGateway() {
            NetworkPlan plan = plans(MLAG).get("");
            ScenarioRun.Outcome o = run(plan, new ArrayList<>());
            assertTrue(o.allPassed());
            for (String flow : List.of("h1-one", "h1-two", "h2-one", "h2-two")) {
                assertEquals(0, o.observations().flow(flow).lost(), flow);
            }
        }
    }

    @Test
    @DisplayName("a host bonded to two ports of one switch (layer2 hash: one member towards its gateway) reaches its gateway, "
            + "and loses nothing when either member's cable is cut between probes: the bond sends everything out of the other")
    void bondToOneSwitch() {
        NetworkPlan plan = BinderTest.plan("""
                duration: 6s
                nodes:
                  h1: {kind: host, address: 10.0.0.11/24, gateway: 10.0.0.1, bond: {members: [eth0, eth1]}}
                  sw1: {kind: switch, ports: [p1, p2, p3]}
                  r1: {kind: router, interfaces: {ge0: {address: 10.0.0.1/24}, ge1: {address: 192.0.2.1/24}}}
                  srv: {kind: server, address: 192.0.2.10/24, gateway: 192.0.2.1}
                links:
                  - endpoints: ["h1:eth0", "sw1:p1"]
                  - endpoints: ["h1:eth1", "sw1:p2"]
                  - endpoints: ["r1:ge0", "sw1:p3"]
                  - endpoints: ["r1:ge1", "srv:eth0"]
                traffic:
                  - {name: out, from: h1, to: srv, interval: 10ms, start: 1s}
                events:
                  - {at: 3s, link-cut: "h1:eth0"}
                  - {at: 4s, link-restore: "h1:eth0"}
                  - {at: 5s, link-cut: "h1:eth1"}
                """);
        assertEquals(BondHash.Policy.LAYER2, ((Host) plan.device("h1").factory().get()).config().bondHash());
        ScenarioRun.Outcome o = run(plan, new ArrayList<>());
        Observations.FlowProbes out = o.observations().flow("out");
        assertEquals(501, out.count());
        assertEquals(0, out.lost(), "the cuts fall between probes: nothing is on a cable as it is cut");
    }

    @Nested
    @DisplayName("the VRRP address owner (scenarios/15-vrrp-address-owner.yaml)")
    class AddressOwner {
        @Test
        @DisplayName("RFC 5798 §6.4.1: the owner (priority 255) goes straight to Master at power-on, and again the instant it restarts; "
                + "the Backup takes over only while it is down")
        void ownerIsMasterAtOnce() {
            NetworkPlan plan = plans(OWNER).get("");
            List<TraceEvent> trace = new ArrayList<>();
            ScenarioRun.Outcome o = run(plan, trace);
            assertTrue(o.allPassed());
            List<TraceEvent.StateChanged> toMaster = trace.stream().filter(e -> e instanceof TraceEvent.StateChanged sc
                    && sc.group().startsWith("vrrp 1 ") && sc.to().equals("master")).map(e -> (TraceEvent.StateChanged) e).toList();
            // r1's last advert before its crash at 10 s: sent at 9 s, at r2 two 0.1 ms links later; RFC 5798 §6.1:
            // Master_Down_Interval = 3 x Advertisement_Interval + Skew_Time, Skew_Time = (256 - 100) / 256 s for r2
            long r2Takes = 9 * S + 2 * 100_000L + 3 * S + (256 - 100) * S / 256;
            assertEquals(List.of("r1@0", "r2@" + r2Takes, "r1@" + 20 * S), toMaster.stream().map(e -> e.device() + "@" + e.at()).toList());
        }
    }
}
