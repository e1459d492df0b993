package io.firsthop.core.hypervisor;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.anycast.AnycastConfig;
import io.firsthop.core.anycast.AnycastGateway;
import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.host.Host;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.GatewayMac;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * A hypervisor: VMs ({@link Host}s) on the VLANs of a virtual switch ({@link EthernetSwitch}),
 * uplinked to the physical network by its NICs, and optionally a distributed {@link Router} that
 * routes between the VMs' networks inside the machine. It is one {@link Device} (a
 * {@link CompositeDevice}): one actor in the cluster engine, and no physical link between its
 * parts, so VM-to-VM traffic routed inside costs zero network hops.
 *
 * <p>Without a distributed router, a VM's frames to another network go up the uplink to the
 * external gateway and come back down: the hairpin of point 13. With one, the router has an
 * interface per VLAN carrying the network's gateway address and a MAC shared by every
 * hypervisor; the virtual switch keeps that MAC local ({@link GatewayMac}: never learned from
 * the uplink, never sent up it while the router runs) and answers ARP for the gateway address
 * locally, so the VMs, unchanged, find their gateway in the host. The router's own ARP requests
 * are broadcast in the VLAN like any other and do leave through the uplink; a physical gateway
 * that keeps the same address on those VLANs must not resolve the VMs (as with any duplicate
 * address, it would overwrite their gateway's ARP entry).
 *
 * <p>How to drive it: as any device; its ports are the uplinks. {@link CompositeCommand}s reach
 * a VM ({@code ToCore("vm1", new SetGateway(...))}) or crash and restart one.
 */
public final class Hypervisor implements Device {
    private final HypervisorConfig config;
    private final CompositeDevice box;
    private final EthernetSwitch vswitch;
    private final Router router;
    private final List<Host> vms;

    public Hypervisor(HypervisorConfig config) {
        this.config = config;
        String name = config.name();
        List<SwitchPort> ports = new ArrayList<>(config.uplinks());
        for (HypervisorConfig.Vm vm : config.vms()) ports.add(SwitchPort.access(vm.host().name(), vm.vlan()));
        List<GatewayMac> gateways = new ArrayList<>();
        HypervisorConfig.DistributedRouter dr = config.router();
        if (dr != null) {
            for (HypervisorConfig.Segment s : dr.segments()) {
                String port = drPort(s.vlan());
                ports.add(SwitchPort.access(port, s.vlan()));
                gateways.add(GatewayMac.withArp(s.vlan(), dr.gatewayMac(), port, s.gateway().address()));
            }
        }
        this.vswitch = new EthernetSwitch(new SwitchConfig(name + "-vswitch", ports, config.agingNanos(), null, gateways));
        CompositeDevice.Builder b = CompositeDevice.builder(name).add(vswitch);
        this.vms = new ArrayList<>();
        for (HypervisorConfig.Vm vm : config.vms()) {
            Host h = new Host(vm.host());
            vms.add(h);
            b.add(h).wire(h.name() + ":" + vm.host().interfaceName(), vswitch.name() + ":" + h.name());
        }
        if (dr != null) {
            List<RouterInterface> interfaces = new ArrayList<>();
            for (HypervisorConfig.Segment s : dr.segments()) {
                interfaces.add(RouterInterface.of("vlan" + s.vlan(), dr.hostMac(), s.hostAddress()));
            }
            this.router = new Router(new RouterConfig(name + "-dr", interfaces, List.of(), ArpSettings.DEFAULT));
            for (int i = 0; i < dr.segments().size(); i++) {
                router.addGroup(new AnycastGateway(i, new AnycastConfig("distributed", dr.gatewayMac(), List.of(dr.segments().get(i).gateway().address()))));
            }
            b.add(router);
            for (HypervisorConfig.Segment s : dr.segments()) {
                b.wire(router.name() + ":vlan" + s.vlan(), vswitch.name() + ":" + drPort(s.vlan()));
            }
        } else {
            this.router = null;
        }
        for (SwitchPort u : config.uplinks()) b.expose(u.name(), vswitch.name() + ":" + u.name());
        this.box = b.build();
    }

    private static String drPort(int vlan) {
        return "dr" + vlan;
    }

    public HypervisorConfig config() {
        return config;
    }

    /** The virtual switch. */
    public EthernetSwitch vswitch() {
        return vswitch;
    }

    /** The distributed router, or null. */
    public Router distributedRouter() {
        return router;
    }

    /** The VMs, in configuration order. */
    public List<Host> vms() {
        return List.copyOf(vms);
    }

    /** The VM named {@code name}. */
    public Host vm(String vmName) {
        for (Host h : vms) if (h.name().equals(vmName)) return h;
        throw new IllegalArgumentException(config.name() + " has no VM '" + vmName + "'");
    }

    @Override
    public String name() {
        return box.name();
    }

    @Override
    public List<String> portNames() {
        return box.portNames();
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        box.handle(input, now, out);
    }

    @Override
    public boolean running() {
        return box.running();
    }
}
