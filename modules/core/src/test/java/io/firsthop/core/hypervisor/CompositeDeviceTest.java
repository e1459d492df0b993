package io.firsthop.core.hypervisor;

import static io.firsthop.core.devtest.Bench.MS;
import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpRequest;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.hypervisor.HypervisorConfig.DistributedRouter;
import io.firsthop.core.hypervisor.HypervisorConfig.Segment;
import io.firsthop.core.hypervisor.HypervisorConfig.Vm;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.trace.TraceEvent.ProbeAnswered;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompositeDeviceTest {
    static final MacAddress A_MAC = mac("02:00:00:00:00:0a");
    static final MacAddress B_MAC = mac("02:00:00:00:00:0b");
    static final MacAddress C_MAC = mac("02:00:00:00:00:0c");
    static final MacAddress DR_MAC = mac("02:00:00:00:d0:00");
    static final Ipv4Address B_IP = ip("10.1.10.12");

    /** hv1: vm-a (10.1.10.11, VLAN 10) pings vm-b (10.1.10.12, VLAN 10) and vm-c (10.1.20.11, VLAN 20) every second from 1 s. */
    static HypervisorConfig config() {
        HostConfig a = HostConfig.of("vm-a", A_MAC, ifaddr("10.1.10.11/24"), ip("10.1.10.1")).withProbes(
                ProbeFlow.of("to-b", B_IP, S, S), ProbeFlow.of("to-c", ip("10.1.20.11"), S, S + MS));
        HostConfig b = HostConfig.of("vm-b", B_MAC, ifaddr("10.1.10.12/24"), ip("10.1.10.1"));
        HostConfig c = HostConfig.of("vm-c", C_MAC, ifaddr("10.1.20.11/24"), ip("10.1.20.1"));
        return HypervisorConfig.of("hv1", new Vm(a, 10), new Vm(b, 10), new Vm(c, 20));
    }

    static DistributedRouter dr() {
        return DistributedRouter.of(DR_MAC, mac("02:00:00:00:d0:01"),
                new Segment(10, ifaddr("10.1.10.1/24"), ifaddr("10.1.10.251/24")),
                new Segment(20, ifaddr("10.1.20.1/24"), ifaddr("10.1.20.251/24")));
    }

    static Bench running(Hypervisor hv) {
        Bench b = new Bench(hv).powerOn();
        b.clear();
        return b;
    }

    @Nested
    @DisplayName("a hypervisor")
    class HypervisorBox {
        @Test
        @DisplayName("is one device whose ports are its uplinks; VM names, vswitch and router are inside")
        void shape() {
            Hypervisor hv = new Hypervisor(config().withRouter(dr()));
            assertEquals(List.of("uplink0"), hv.portNames());
            assertEquals("hv1-vswitch", hv.vswitch().name());
            assertEquals("hv1-dr", hv.distributedRouter().name());
            assertEquals(List.of("vm-a", "vm-b", "vm-c"), hv.vms().stream().map(h -> h.name()).toList());
        }

        @Test
        @DisplayName("delivers between VMs inside at the same instant: a same-VLAN ping is answered with RTT 0, and only the ARP broadcast leaves by the uplink")
        void internalDelivery() {
            Hypervisor hv = new Hypervisor(config());
            Bench b = running(hv);
            b.advanceTo(S);
            List<Sent> out = b.takeSent();
            assertEquals(1, out.size(), "the broadcast ARP request for vm-b also floods up the uplink");
            assertEquals(new VlanTag(0, false, 10), out.get(0).frame().vlan());
            ProbeAnswered a = b.events(ProbeAnswered.class).get(0);
            assertEquals(0, a.rttNanos());
            assertEquals(S, a.at());
            assertEquals(B_MAC, a.via());
            b.advanceTo(2 * S);
            assertEquals(2, b.events(ProbeAnswered.class).size(), "the second probe is answered too");
            assertTrue(b.takeSent().stream().noneMatch(s -> s.frame().destination().equals(B_MAC)), "nothing to vm-b leaves the box");
            assertTrue(b.out.timers.keySet().stream().allMatch(k -> k instanceof CompositeDevice.CoreTimer));
        }

        @Test
        @DisplayName("without a distributed router, traffic to another VLAN goes up the uplink, tagged, to the external gateway")
        void hairpinsWithoutRouter() {
            Bench b = running(new Hypervisor(config()));
            b.frame(0, new EthernetFrame(MacAddress.BROADCAST, mac("02:00:00:00:01:10"),
                    VlanTag.of(10), ArpPacket.request(mac("02:00:00:00:01:10"), ip("10.1.10.1"), ip("10.1.10.11"))));
            b.clear();
            b.advanceTo(S + MS);
            Sent probe = b.takeSent().stream().filter(s -> !(s.frame().payload() instanceof ArpPacket)).findFirst().orElseThrow();
            assertEquals(mac("02:00:00:00:01:10"), probe.frame().destination(), "to the external gateway's MAC");
            assertEquals(VlanTag.of(10), probe.frame().vlan());
        }

        @Test
        @DisplayName("with a distributed router, traffic to another VLAN is routed inside: answered with RTT 0, nothing but ARP leaves the box")
        void routedInside() {
            Hypervisor hv = new Hypervisor(config().withRouter(dr()));
            Bench b = running(hv);
            b.advanceTo(2 * S + MS);
            List<ProbeAnswered> answers = b.events(ProbeAnswered.class).stream().filter(e -> e.flow().equals("to-c")).toList();
            assertEquals(2, answers.size());
            assertEquals(0, answers.get(1).rttNanos());
            assertEquals(DR_MAC, answers.get(1).via(), "sent to the distributed gateway MAC");
            assertTrue(b.takeSent().stream().allMatch(s -> s.frame().payload() instanceof ArpPacket));
            assertEquals(DR_MAC, hv.vm("vm-a").arpLookup(ip("10.1.10.1")));
        }

        @Test
        @DisplayName("a frame on the uplink reaches the VM behind the virtual switch, and its answer leaves tagged")
        void fromOutside() {
            Bench b = running(new Hypervisor(config()));
            MacAddress outside = mac("02:00:00:00:09:09");
            b.frame(0, new EthernetFrame(MacAddress.BROADCAST, outside, VlanTag.of(10), ArpPacket.request(outside, ip("10.1.10.99"), B_IP)));
            List<Sent> sent = b.takeSent();
            assertEquals(1, sent.size());
            assertEquals(outside, sent.get(0).frame().destination());
            assertEquals(B_MAC, sent.get(0).frame().source());
            assertEquals(VlanTag.of(10), sent.get(0).frame().vlan());
        }

        @Test
        @DisplayName("commands reach one VM; a crashed VM's vswitch port loses carrier, and a restarted one comes back")
        void commandsAndCoreFailures() {
            Hypervisor hv = new Hypervisor(config());
            Bench b = running(hv);
            b.command(new CompositeCommand.ToCore("vm-a", new SetGateway(ip("10.1.10.254"))));
            assertEquals(ip("10.1.10.254"), hv.vm("vm-a").gateway());
            b.command(new CompositeCommand.CrashCore("vm-b"));
            assertFalse(hv.vm("vm-b").running());
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.device().equals("hv1-vswitch") && e.what().equals("port vm-b down (carrier)")));
            b.command(new CompositeCommand.RestartCore("vm-b"));
            assertTrue(hv.vm("vm-b").running());
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.device().equals("hv1-vswitch") && e.what().equals("port vm-b up (carrier)")));
            b.command(new CompositeCommand.ToCore("nope", new SetGateway(null)));
            assertTrue(b.events(TraceEvent.Note.class).stream().anyMatch(n -> n.text().contains("names no core")));
        }

        @Test
        @DisplayName("a crash stops every inner device; timers armed before it never fire after a restart")
        void crashAndRestart() {
            Hypervisor hv = new Hypervisor(config());
            Bench b = running(hv);
            Object staleTimer = b.out.timers.keySet().iterator().next();
            b.input(DeviceInput.CRASH);
            assertFalse(hv.running());
            assertTrue(hv.vms().stream().noneMatch(h -> h.running()));
            b.powerOn();
            b.clear();
            hv.handle(new DeviceInput.TimerFired(staleTimer), 0, b.out);
            assertTrue(b.out.events.isEmpty() && b.out.sent.isEmpty(), "a stale timer is ignored");
        }
    }

    @Nested
    @DisplayName("the composite itself")
    class Composite {
        @Test
        @DisplayName("a forwarding loop inside is reported, not run forever")
        void loop() {
            EthernetSwitch s1 = new EthernetSwitch(SwitchConfig.of("s1", SwitchPort.access("a", 1), SwitchPort.access("b", 1), SwitchPort.access("x", 1)));
            EthernetSwitch s2 = new EthernetSwitch(SwitchConfig.of("s2", SwitchPort.access("a", 1), SwitchPort.access("b", 1)));
            CompositeDevice box = CompositeDevice.builder("box").add(s1).add(s2).wire("s1:a", "s2:a").wire("s1:b", "s2:b").expose("x", "s1:x").build();
            Bench b = new Bench(box).powerOn();
            assertThrows(IllegalStateException.class, () -> b.frame(0, arpRequest(A_MAC, ip("10.0.0.1"), ip("10.0.0.2"))));
        }

        @Test
        @DisplayName("the builder refuses unknown cores and ports, and a port used twice")
        void builder() {
            EthernetSwitch s1 = new EthernetSwitch(SwitchConfig.of("s1", SwitchPort.access("a", 1), SwitchPort.access("b", 1)));
            assertThrows(IllegalArgumentException.class, () -> CompositeDevice.builder("box").add(s1).expose("x", "s9:a"));
            assertThrows(IllegalArgumentException.class, () -> CompositeDevice.builder("box").add(s1).expose("x", "s1:zz"));
            assertThrows(IllegalArgumentException.class, () -> CompositeDevice.builder("box").add(s1).expose("x", "s1:a").expose("y", "s1:a"));
            assertThrows(IllegalArgumentException.class, () -> CompositeDevice.builder("box").add(s1).add(s1));
            assertThrows(IllegalArgumentException.class, () -> new Segment(10, ifaddr("10.1.10.1/24"), ifaddr("10.1.11.2/24")));
        }

        @Test
        @DisplayName("carrier on an exposed port reaches the core port behind it")
        void carrier() {
            Hypervisor hv = new Hypervisor(config());
            Bench b = running(hv);
            b.input(new DeviceInput.CarrierChanged(0, false));
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.device().equals("hv1-vswitch") && e.what().equals("port uplink0 down (carrier)")));
            assertInstanceOf(Hypervisor.class, b.device);
        }
    }
}
