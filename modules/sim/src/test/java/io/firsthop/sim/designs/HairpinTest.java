package io.firsthop.sim.designs;

import static io.firsthop.sim.designs.ProbePaths.sentBetween;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.hypervisor.CompositeDevice;
import io.firsthop.core.hypervisor.Hypervisor;
import io.firsthop.core.hypervisor.HypervisorConfig;
import io.firsthop.core.hypervisor.HypervisorConfig.DistributedRouter;
import io.firsthop.core.hypervisor.HypervisorConfig.Segment;
import io.firsthop.core.hypervisor.HypervisorConfig.Vm;
import io.firsthop.core.hypervisor.RoutedSwitch;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Point 13 of the notes: traffic between networks hairpins through the external gateway,
 * unless it is routed where it starts: in the hypervisor (a distributed router) or in the
 * switch (SVIs). Hops are frames on physical links per probe round trip; RTTs are held against
 * the configured latencies (hypervisor uplinks 20 us, gateway links 30 us, server links 15 us;
 * inside a box, 0).
 */
class HairpinTest {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final long UPLINK = 20 * US;
    static final long GATEWAY_LINK = 30 * US;
    static final long SERVER_LINK = 15 * US;
    static final long START = 100 * MS;
    static final long FROM = 300 * MS;
    static final long UNTIL = 1 * S;
    static final long END = UNTIL + 50 * MS;

    static final MacAddress DR_MAC = MacAddress.parse("02:00:00:00:d0:00");

    /**
     * Two hypervisors on a physical switch, with the external gateway for VLANs 10 and 20 on it.
     * hv1: vm-a (10.1.10.11, VLAN 10), vm-b (10.1.20.11, VLAN 20); hv2: vm-c (10.1.20.12, VLAN 20).
     * vm-a pings vm-b (same hypervisor) and vm-c (the other one).
     */
    static final class HypervisorLab {
        final VirtualEngine sim = new VirtualEngine(13);
        final ProbePaths paths = new ProbePaths();
        final Hypervisor hv1;
        final Hypervisor hv2;

        HypervisorLab(boolean distributedRouter) {
            HostConfig vmA = HostConfig.of("vm-a", mac(0xa), InterfaceAddress.parse("10.1.10.11/24"), ip("10.1.10.1")).withProbes(
                    ProbeFlow.of("to-vm-b", ip("10.1.20.11"), 100 * MS, START),
                    ProbeFlow.of("to-vm-c", ip("10.1.20.12"), 100 * MS, START + MS));
            HostConfig vmB = HostConfig.of("vm-b", mac(0xb), InterfaceAddress.parse("10.1.20.11/24"), ip("10.1.20.1"));
            HostConfig vmC = HostConfig.of("vm-c", mac(0xc), InterfaceAddress.parse("10.1.20.12/24"), ip("10.1.20.1"));
            HypervisorConfig c1 = HypervisorConfig.of("hv1", new Vm(vmA, 10), new Vm(vmB, 20));
            HypervisorConfig c2 = HypervisorConfig.of("hv2", new Vm(vmC, 20));
            if (distributedRouter) {
                c1 = c1.withRouter(dr(1));
                c2 = c2.withRouter(dr(2));
            }
            hv1 = new Hypervisor(c1);
            hv2 = new Hypervisor(c2);
            EthernetSwitch psw = new EthernetSwitch(SwitchConfig.of("psw", SwitchPort.trunkAll("hv1", 1), SwitchPort.trunkAll("hv2", 1),
                    SwitchPort.access("gw10", 10), SwitchPort.access("gw20", 20)));
            Router gw = new Router(RouterConfig.of("gw",
                    RouterInterface.of("v10", mac(0x10), InterfaceAddress.parse("10.1.10.1/24")),
                    RouterInterface.of("v20", mac(0x20), InterfaceAddress.parse("10.1.20.1/24"))));
            sim.addDevice(hv1).addDevice(hv2).addDevice(psw).addDevice(gw);
            sim.connect("hv1-up", "hv1:uplink0", "psw:hv1", LinkConfig.ofLatency(UPLINK));
            sim.connect("hv2-up", "hv2:uplink0", "psw:hv2", LinkConfig.ofLatency(UPLINK));
            sim.connect("gw10", "psw:gw10", "gw:v10", LinkConfig.ofLatency(GATEWAY_LINK));
            sim.connect("gw20", "psw:gw20", "gw:v20", LinkConfig.ofLatency(GATEWAY_LINK));
            paths.follow(vmA).watch("hv1-up", "hv1:uplink0", "psw:hv1").watch("gw10", "psw:gw10", "gw:v10");
            sim.addTraceSink(paths);
            sim.runUntil(END);
        }

        static DistributedRouter dr(int n) {
            return DistributedRouter.of(DR_MAC, mac(0xd0 + n),
                    new Segment(10, InterfaceAddress.parse("10.1.10.1/24"), InterfaceAddress.parse("10.1.10." + (250 + n) + "/24")),
                    new Segment(20, InterfaceAddress.parse("10.1.20.1/24"), InterfaceAddress.parse("10.1.20." + (250 + n) + "/24")));
        }

        PathStats flow(String flow) {
            PathStats s = paths.stats("vm-a", flow, sentBetween(FROM, UNTIL));
            assertEquals(7, s.sent(), flow);
            assertEquals(s.sent(), s.answered(), flow + ": all answered");
            assertEquals(s.minRttNanos(), s.maxRttNanos(), flow + ": one path");
            return s;
        }
    }

    static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    static MacAddress mac(int n) {
        return MacAddress.parse(String.format("02:00:00:00:01:%02x", n));
    }

    static void print(String what, PathStats s) {
        System.out.printf("%-45s %4.1f frames on links per round trip, RTT %6.1f us%n", what, s.framesPerRoundTrip(), s.meanRttNanos() / 1e3);
    }

    @Nested
    @DisplayName("VMs of different networks on one hypervisor")
    class OneHypervisor {
        @Test
        @DisplayName("without a distributed router the frames hairpin through the external gateway: 8 frames on links per round trip, RTT of 4 links each way")
        void hairpin() {
            HypervisorLab lab = new HypervisorLab(false);
            PathStats s = lab.flow("to-vm-b");
            print("vm-a -> vm-b, external gateway", s);
            // request: hv1 -> psw -> gw (v10), gw (v20) -> psw -> hv1; the reply the same way back
            assertEquals(8.0, s.framesPerRoundTrip());
            assertEquals(2.0, s.crossingsPerRoundTrip("gw10"), "the gateway link, once each way");
            assertEquals(4.0, s.crossingsPerRoundTrip("hv1-up"), "the uplink, twice each way");
            assertEquals(2 * PathLatency.of(lab.sim, "hv1-up", "gw10", "gw20", "hv1-up"), s.meanRttNanos());
        }

        @Test
        @DisplayName("with the distributed router the traffic is routed inside the hypervisor: zero network hops, zero RTT")
        void routedInside() {
            HypervisorLab lab = new HypervisorLab(true);
            PathStats s = lab.flow("to-vm-b");
            print("vm-a -> vm-b, distributed router", s);
            assertEquals(0.0, s.framesPerRoundTrip());
            assertEquals(0, s.meanRttNanos());
            assertEquals(DR_MAC, lab.hv1.vm("vm-a").arpLookup(ip("10.1.10.1")), "the VM's gateway is the shared distributed MAC");
            assertEquals(ip("10.1.10.1"), lab.hv1.vm("vm-a").gateway(), "the VM was not reconfigured");
        }
    }

    @Nested
    @DisplayName("VMs of different networks on two hypervisors")
    class TwoHypervisors {
        @Test
        @DisplayName("without a distributed router: the same 8-frame hairpin through the gateway")
        void hairpin() {
            HypervisorLab lab = new HypervisorLab(false);
            PathStats s = lab.flow("to-vm-c");
            print("vm-a -> vm-c, external gateway", s);
            assertEquals(8.0, s.framesPerRoundTrip());
            assertEquals(PathLatency.of(lab.sim, "hv1-up", "gw10", "gw20", "hv2-up", "hv2-up", "gw20", "gw10", "hv1-up"), s.meanRttNanos());
        }

        @Test
        @DisplayName("with distributed routers each hypervisor routes what leaves it: only the 4 frames between the hypervisors remain, the gateway link is never used")
        void routedAtTheSource() {
            HypervisorLab lab = new HypervisorLab(true);
            PathStats s = lab.flow("to-vm-c");
            print("vm-a -> vm-c, distributed routers", s);
            assertEquals(4.0, s.framesPerRoundTrip());
            assertEquals(0.0, s.crossingsPerRoundTrip("gw10"));
            assertEquals(2 * PathLatency.of(lab.sim, "hv1-up", "hv2-up"), s.meanRttNanos());
        }
    }

    @Nested
    @DisplayName("servers of different networks on one physical switch")
    class OneSwitch {
        /** srv-a (10.2.10.11, VLAN 10) pings srv-b (10.2.20.11, VLAN 20), both on switch "sw". */
        static PathStats run(boolean svi) {
            VirtualEngine sim = new VirtualEngine(14);
            ProbePaths paths = new ProbePaths();
            HostConfig a = HostConfig.of("srv-a", mac(0xa1), InterfaceAddress.parse("10.2.10.11/24"), ip("10.2.10.1"))
                    .withProbes(ProbeFlow.of("to-srv-b", ip("10.2.20.11"), 100 * MS, START));
            HostConfig b = HostConfig.of("srv-b", mac(0xb1), InterfaceAddress.parse("10.2.20.11/24"), ip("10.2.20.1"));
            Router router = new Router(RouterConfig.of(svi ? "sw-svi" : "gw",
                    RouterInterface.of("v10", mac(0x30), InterfaceAddress.parse("10.2.10.1/24")),
                    RouterInterface.of("v20", mac(0x40), InterfaceAddress.parse("10.2.20.1/24"))));
            SwitchConfig sc = SwitchConfig.of(svi ? "sw-l2" : "sw", SwitchPort.access("srv-a", 10), SwitchPort.access("srv-b", 20),
                    SwitchPort.access("gw10", 10), SwitchPort.access("gw20", 20));
            sim.addDevice(new Host(a)).addDevice(new Host(b));
            if (svi) {
                CompositeDevice sw = RoutedSwitch.of("sw", sc, router, Map.of("v10", "gw10", "v20", "gw20"));
                sim.addDevice(sw);
            } else {
                sim.addDevice(new EthernetSwitch(sc)).addDevice(router);
                sim.connect("gw10", "sw:gw10", "gw:v10", LinkConfig.ofLatency(GATEWAY_LINK));
                sim.connect("gw20", "sw:gw20", "gw:v20", LinkConfig.ofLatency(GATEWAY_LINK));
            }
            sim.connect("a-link", "srv-a:eth0", "sw:srv-a", LinkConfig.ofLatency(SERVER_LINK));
            sim.connect("b-link", "srv-b:eth0", "sw:srv-b", LinkConfig.ofLatency(SERVER_LINK));
            paths.follow(a);
            sim.addTraceSink(paths);
            sim.runUntil(END);
            PathStats s = paths.stats("srv-a", "to-srv-b", sentBetween(FROM, UNTIL));
            assertEquals(7, s.sent());
            assertEquals(s.sent(), s.answered());
            assertEquals(s.minRttNanos(), s.maxRttNanos());
            return s;
        }

        @Test
        @DisplayName("through an external gateway: 8 frames on links per round trip; with SVIs in the switch: 4, and the gateway links' latency is gone")
        void sviRemovesTheHairpin() {
            PathStats external = run(false);
            PathStats svi = run(true);
            print("srv-a -> srv-b, external gateway", external);
            print("srv-a -> srv-b, switch SVIs", svi);
            assertEquals(8.0, external.framesPerRoundTrip());
            assertEquals(2 * (2 * SERVER_LINK + 2 * GATEWAY_LINK), external.meanRttNanos());
            assertEquals(4.0, svi.framesPerRoundTrip());
            assertEquals(2 * (2 * SERVER_LINK), svi.meanRttNanos());
        }
    }
}
