package io.firsthop.core.hypervisor;

import io.firsthop.core.host.HostConfig;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Hypervisor}'s configuration: its VMs, each on one VLAN of the virtual switch, its
 * uplinks to the physical network, and optionally a distributed router.
 *
 * @param name       the hypervisor's device name; the virtual switch is "{name}-vswitch", the
 *                   distributed router "{name}-dr"
 * @param vms        the VMs; single-homed hosts, names unique in the whole topology
 * @param uplinks    the physical NICs, usually trunks; their names are the hypervisor's ports
 * @param router     the distributed router, or null for none (VMs of different networks then
 *                   hairpin through the external gateway)
 * @param agingNanos the virtual switch's MAC ageing time
 */
public record HypervisorConfig(String name, List<Vm> vms, List<SwitchPort> uplinks, DistributedRouter router, long agingNanos) {
    /** A VM: a host and the VLAN of its virtual switch port. */
    public record Vm(HostConfig host, int vlan) {
        public Vm {
            Objects.requireNonNull(host, "host");
            if (host.bonded()) throw new IllegalArgumentException(host.name() + ": a VM has one virtual NIC");
            checkVlan(vlan);
        }
    }

    /**
     * A distributed router: one interface per VLAN. The networks' gateway addresses and
     * {@code gatewayMac} are the same on every hypervisor (the VMs' gateway); {@code hostMac} and
     * each segment's {@code hostAddress} are this hypervisor's own, used when the router itself
     * resolves and sends (NSX's vMAC and pMAC): replies to the router's ARP requests then come
     * back to this hypervisor, not to whichever one answers for the shared MAC.
     */
    public record DistributedRouter(MacAddress gatewayMac, MacAddress hostMac, List<Segment> segments) {
        public DistributedRouter {
            Objects.requireNonNull(gatewayMac, "gatewayMac");
            Objects.requireNonNull(hostMac, "hostMac");
            if (gatewayMac.equals(hostMac)) throw new IllegalArgumentException("the host MAC must differ from the shared gateway MAC");
            segments = List.copyOf(segments);
            if (segments.isEmpty()) throw new IllegalArgumentException("a distributed router needs at least one segment");
            Set<Integer> vlans = new HashSet<>();
            for (Segment s : segments) {
                if (!vlans.add(s.vlan())) throw new IllegalArgumentException("distributed router: VLAN " + s.vlan() + " twice");
            }
        }

        public static DistributedRouter of(MacAddress gatewayMac, MacAddress hostMac, Segment... segments) {
            return new DistributedRouter(gatewayMac, hostMac, List.of(segments));
        }
    }

    /**
     * The distributed router's interface on {@code vlan}: the network's gateway address (shared)
     * and this hypervisor's own address on the same network.
     */
    public record Segment(int vlan, InterfaceAddress gateway, InterfaceAddress hostAddress) {
        public Segment {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(hostAddress, "hostAddress");
            checkVlan(vlan);
            if (!gateway.prefix().equals(hostAddress.prefix())) {
                throw new IllegalArgumentException("VLAN " + vlan + ": gateway " + gateway + " and host address " + hostAddress + " are on different networks");
            }
            if (gateway.address().equals(hostAddress.address())) {
                throw new IllegalArgumentException("VLAN " + vlan + ": the host address must differ from the gateway address");
            }
        }
    }

    public HypervisorConfig {
        Objects.requireNonNull(name, "name");
        vms = List.copyOf(vms);
        uplinks = List.copyOf(uplinks);
        if (agingNanos <= 0) throw new IllegalArgumentException(name + ": aging time must be positive");
        Set<String> names = new HashSet<>();
        for (SwitchPort u : uplinks) {
            if (!names.add(u.name())) throw new IllegalArgumentException(name + ": duplicate uplink '" + u.name() + "'");
        }
        for (Vm vm : vms) {
            if (!names.add(vm.host().name())) throw new IllegalArgumentException(name + ": VM name '" + vm.host().name() + "' is taken");
        }
    }

    private static void checkVlan(int vlan) {
        if (vlan < 1 || vlan > 4094) throw new IllegalArgumentException("VLAN must be 1..4094, was " + vlan);
    }

    /** A hypervisor with one trunk uplink "uplink0" carrying every VLAN (native VLAN 1), no distributed router. */
    public static HypervisorConfig of(String name, Vm... vms) {
        return new HypervisorConfig(name, List.of(vms), List.of(SwitchPort.trunkAll("uplink0", 1)), null, SwitchConfig.DEFAULT_AGING_NANOS);
    }

    public HypervisorConfig withRouter(DistributedRouter dr) {
        return new HypervisorConfig(name, vms, uplinks, dr, agingNanos);
    }

    public HypervisorConfig withUplinks(SwitchPort... ports) {
        return new HypervisorConfig(name, vms, List.of(ports), router, agingNanos);
    }
}
