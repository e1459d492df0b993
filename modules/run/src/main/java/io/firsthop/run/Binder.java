package io.firsthop.run;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.glbp.GlbpCommand;
import io.firsthop.core.glbp.GlbpConfig;
import io.firsthop.core.glbp.GlbpGroup;
import io.firsthop.core.glbp.LoadBalancing;
import io.firsthop.core.anycast.AnycastConfig;
import io.firsthop.core.anycast.AnycastGateway;
import io.firsthop.core.host.BondHash;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.host.StopProbeFlow;
import io.firsthop.core.hsrp.HsrpConfig;
import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.hsrp.SetHsrpPriority;
import io.firsthop.core.hypervisor.CompositeCommand;
import io.firsthop.core.hypervisor.RoutedSwitch;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.GatewayMac;
import io.firsthop.core.l2.MlagConfig;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.PriorityTracking;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.l3.StaticRoute;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.mlag.PeerGateway;
import io.firsthop.core.track.SetTrackedObject;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.core.vrrp.VrrpCommand;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.scenario.Event;
import io.firsthop.scenario.Expectation;
import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.scenario.GatewayProtocol;
import io.firsthop.scenario.HostBond;
import io.firsthop.scenario.HostSpec;
import io.firsthop.scenario.Impairment;
import io.firsthop.scenario.L3Interface;
import io.firsthop.scenario.Link;
import io.firsthop.scenario.Node;
import io.firsthop.scenario.PortMode;
import io.firsthop.scenario.Problem;
import io.firsthop.scenario.RouterSpec;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.SitePair;
import io.firsthop.scenario.SwitchPort;
import io.firsthop.scenario.SwitchSpec;
import io.firsthop.scenario.Topology;
import io.firsthop.scenario.Track;
import io.firsthop.scenario.TrackObject;
import io.firsthop.scenario.Units;
import io.firsthop.scenario.VlanInterface;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.segment.SegmentValidator;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Binds a validated {@link Scenario} to what the engines run: each node to a core device
 * ({@link Host}, {@link EthernetSwitch}, {@link Router} with its {@link VrrpGroup},
 * {@link HsrpGroup} and {@link GlbpGroup} groups and tracked objects; a bonded host with its
 * second port and hash policy; a switch with its half of an MLAG pair, and with {@code peer-gateway}
 * each VRRP and HSRP group of its VLAN interfaces wrapped in a {@link PeerGateway} whose virtual MAC
 * the bridge keeps at its own router, {@link GatewayMac}), each link to a
 * {@link LinkConfig}, each event to the engines' failure actions, and each flow to a host's
 * {@link ProbeFlow}.
 *
 * <p>How to use it: {@link #bind} a scenario that {@link io.firsthop.scenario.ScenarioLoader}
 * accepted; the result holds either a {@link NetworkPlan} or every problem found, each placed
 * in the file like the loader's own. What the scenario format can say but the devices on hand
 * cannot do yet (an anycast gateway, routing on a switch's VLAN interfaces, tracking on a group
 * whose core has no tracking) is such a problem, never silently dropped.
 *
 * <p>Event mapping: crash, shutdown, restart, interface-down/up, link-cut/restore and impair map
 * one to one; {@code impair} keeps the link's up/down state at that instant (an impairment never
 * heals a cut); {@code partition}/{@code heal} cut/restore every link between the sites of each
 * pair; {@code kill-site} is {@link Action.KillSite} with the site's devices (an engine that does
 * not kill a process crashes each with its carrier, so cross-site links lose carrier at the far end too); {@code set-priority} is {@link VrrpCommand.SetPriority},
 * {@link SetHsrpPriority} or {@link GlbpCommand.SetPriority}; {@code track-down/up} is
 * {@link SetTrackedObject}; {@code set-gateway} is {@link SetGateway}; a flow's {@code stop} is
 * {@link StopProbeFlow} (only for flows that stop before the end of the run).
 */
public final class Binder {
    /** The name of the bridge inside a switch that routes on VLAN interfaces: the node's name and this; its router has the node's name. */
    public static final String SWITCH_CORE_SUFFIX = "-switch";

    /** What binding gave: a plan when there are no problems, else every problem. */
    public record Result(NetworkPlan plan, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
            if (!problems.isEmpty()) plan = null;
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Scenario s;
    private final String file;
    private final SourceLines lines;
    private final String note;
    private final Topology topology;
    private final List<Problem> problems = new ArrayList<>();
    /** Nodes bound as a bridge and a router in one device (switches with VLAN interfaces). */
    private final Set<String> routedSwitches = new HashSet<>();
    private final Set<String> reported = new HashSet<>();

    private Binder(Scenario s, String file, SourceLines lines) {
        this.s = s;
        this.file = file;
        this.lines = lines;
        this.note = s.variant() == null ? "" : "in variant '" + s.variant() + "': ";
        this.topology = Topology.of(s);
    }

    /** Binds a scenario built in code (problems carry paths, no lines). */
    public static Result bind(Scenario scenario) {
        return bind(scenario, "<java>", SourceLines.none());
    }

    /** Binds {@code scenario}, read from {@code file} (whose positions {@code lines} gives). */
    public static Result bind(Scenario scenario, String file, SourceLines lines) {
        Binder b = new Binder(scenario, file, lines);
        NetworkPlan plan = b.plan();
        return new Result(b.problems.isEmpty() ? plan : null, b.problems);
    }

    private NetworkPlan plan() {
        List<DevicePlan> devices = new ArrayList<>();
        for (Node n : s.nodes().values()) {
            Supplier<Device> factory = switch (n.spec()) {
                case HostSpec h -> host(n, h);
                case SwitchSpec sw -> bridge(n, sw);
                case RouterSpec r -> router(n, r);
            };
            if (factory == null) continue;
            try {
                factory.get();
            } catch (RuntimeException e) {
                // a configuration the core refuses and no check above foresaw: still the file's problem
                problem("nodes." + n.name(), "the " + n.kind().yamlName() + " cannot be built: " + e.getMessage());
                continue;
            }
            List<String> parts = routedSwitches.contains(n.name()) ? List.of(n.name(), n.name() + SWITCH_CORE_SUFFIX) : List.of(n.name());
            devices.add(new DevicePlan(n.name(), n.name(), n.site(), n.kind(), factory, parts));
        }
        List<LinkPlan> links = links();
        List<TimedAction> timeline = timeline();
        expectations();
        NetworkPlan plan = new NetworkPlan(s, topology, devices, links, timeline, s.duration().toNanos());
        if (problems.isEmpty()) segmentConflicts(plan);
        return plan;
    }

    /**
     * The engine's own check of duplicate groups on one L2 segment ({@link SegmentValidator}), on
     * the devices as built: it sees the segments the switches really form, so it also catches
     * what the scenario's check cannot foresee. Each conflict is reported at its second group.
     */
    private void segmentConflicts(NetworkPlan plan) {
        VirtualEngine sim = new VirtualEngine(s.seed());
        for (DevicePlan d : plan.devices()) sim.addDevice(d.factory().get());
        for (LinkPlan l : plan.links()) sim.connect(l.name(), l.a(), l.b(), l.config());
        for (SegmentValidator.Conflict c : SegmentValidator.conflicts(sim)) {
            String protocol = c.protocol().startsWith("hsrp") ? "hsrp" : c.protocol();
            problem("nodes." + c.second().router() + ".interfaces." + c.second().port() + "." + protocol, c.message());
        }
    }

    // ------------------------------------------------------------------ nodes

    private Supplier<Device> host(Node n, HostSpec h) {
        List<ProbeFlow> probes = new ArrayList<>();
        for (Flow f : s.traffic()) {
            if (f.from().equals(n.name())) {
                probes.add(new ProbeFlow(f.name(), f.to(), f.interval().toNanos(), f.timeout().toNanos(), f.start().toNanos()));
            }
        }
        HostBond bond = h.bond();
        // a bonded host's ports are the bond's members: the first carries the interface, the second is the bond port
        HostConfig config = bond == null
                ? new HostConfig(n.name(), h.iface().name(), h.iface().mac(), h.iface().address(), h.gateway(), ArpSettings.DEFAULT, probes)
                : new HostConfig(n.name(), bond.members().get(0), h.iface().mac(), h.iface().address(), h.gateway(), ArpSettings.DEFAULT,
                        probes, bond.members().get(1), hashPolicy(bond.hashPolicy()));
        return () -> new Host(config);
    }

    /** The core's name for a bond's transmit hash policy. */
    static BondHash.Policy hashPolicy(HostBond.HashPolicy policy) {
        return switch (policy) {
            case LAYER2 -> BondHash.Policy.LAYER2;
            case LAYER3_4 -> BondHash.Policy.LAYER3_4;
        };
    }

    /** A switch's half of an MLAG pair for the core, or null outside one. */
    private static MlagConfig mlag(SwitchSpec sw) {
        if (sw.mlag() == null) return null;
        Map<String, Integer> members = new LinkedHashMap<>();
        for (SwitchPort p : sw.ports()) if (p.isMlag()) members.put(p.name(), p.mlag());
        return new MlagConfig(sw.mlag().peerLink(), members);
    }

    private Supplier<Device> bridge(Node n, SwitchSpec sw) {
        String path = "nodes." + n.name();
        List<io.firsthop.core.l2.SwitchPort> ports = new ArrayList<>();
        for (SwitchPort p : sw.ports()) {
            ports.add(new io.firsthop.core.l2.SwitchPort(p.name(), switch (p.mode()) {
                case PortMode.Access a -> new io.firsthop.core.l2.PortMode.Access(a.vlan());
                case PortMode.Trunk t -> new io.firsthop.core.l2.PortMode.Trunk(t.allowedVlans(), t.nativeVlan());
            }));
        }
        if (sw.vlanInterfaces().isEmpty()) {
            boolean bindable = true;
            if (!sw.routes().isEmpty()) {
                problem(path + ".routes", "static routes on a " + n.kind().yamlName() + " need VLAN interfaces to route on, and it has none");
                bindable = false;
            }
            if (!sw.tracking().isEmpty()) {
                problem(path + ".tracking", "tracking objects on a " + n.kind().yamlName()
                        + " act on gateway groups of its VLAN interfaces, and it has none");
                bindable = false;
            }
            if (!bindable) return null;
            SwitchConfig config = new SwitchConfig(n.name(), ports, sw.aging().toNanos()).withMlag(mlag(sw));
            return () -> new EthernetSwitch(config);
        }
        // an L3 switch: the bridge and a router in one device, each VLAN interface wired to a hidden
        // access port of its VLAN; an anycast gateway's MAC stays at that port (GatewayMac)
        String bridgeName = n.name() + SWITCH_CORE_SUFFIX;
        if (s.nodes().containsKey(bridgeName)) {
            problem(path, "a " + n.kind().yamlName() + " with VLAN interfaces runs its bridge as '" + bridgeName
                    + "', which is another node's name: rename that node");
            return null;
        }
        Set<String> portNames = new HashSet<>(sw.portNames());
        Map<String, String> sviPorts = new LinkedHashMap<>();
        List<GatewayMac> gatewayMacs = new ArrayList<>();
        for (VlanInterface v : sw.vlanInterfaces()) {
            String hidden = "svi-" + v.name();
            while (portNames.contains(hidden)) hidden = hidden + "_";
            portNames.add(hidden);
            sviPorts.put(v.name(), hidden);
            ports.add(io.firsthop.core.l2.SwitchPort.access(hidden, v.vlan()));
            for (GatewayProtocol g : v.gateways()) {
                if (g instanceof GatewayProtocol.Anycast a) gatewayMacs.add(GatewayMac.withArp(v.vlan(), a.virtualMac(), hidden, a.virtualIp()));
                MacAddress routedHere = peerGateway(sw) ? virtualMac(g) : null;
                if (routedHere != null) gatewayMacs.add(GatewayMac.of(v.vlan(), routedHere, hidden));
            }
        }
        Supplier<Router> router = routerParts(n, sw.vlanInterfaces(), sw.routes(), sw.tracking(), path + ".vlan-interfaces", peerGateway(sw));
        if (router == null) return null;
        SwitchConfig config = new SwitchConfig(bridgeName, ports, sw.aging().toNanos()).withMlag(mlag(sw))
                .withGatewayMacs(gatewayMacs.toArray(new GatewayMac[0]));
        routedSwitches.add(n.name());
        return () -> RoutedSwitch.of(n.name(), config, router.get(), sviPorts);
    }

    private static boolean peerGateway(SwitchSpec sw) {
        return sw.mlag() != null && sw.mlag().peerGateway();
    }

    /** The virtual MAC peer-gateway routes locally: a VRRP or HSRP group's; null for the others (GLBP and anycast are active-active already). */
    private static MacAddress virtualMac(GatewayProtocol g) {
        return switch (g) {
            case GatewayProtocol.Vrrp v -> v.virtualMac();
            case GatewayProtocol.Hsrp h -> h.virtualMac();
            default -> null;
        };
    }

    /** One gateway group to build on a router, with the file path of its configuration. */
    private record GroupPlan(int port, GatewayProtocol config, String path, Supplier<FirstHopGroup> factory) {}

    private Supplier<Device> router(Node n, RouterSpec r) {
        Supplier<Router> router = routerParts(n, r.interfaces(), r.routes(), r.tracking(), "nodes." + n.name() + ".interfaces", false);
        return router == null ? null : router::get;
    }

    /**
     * A router named after the node from its L3 interfaces (a router's ports, or a switch's VLAN
     * interfaces at {@code interfacesPath}), with its gateway groups, tracked objects and routes;
     * with {@code peerGateway}, its VRRP and HSRP groups route their virtual MAC in any state.
     */
    private Supplier<Router> routerParts(Node n, List<? extends L3Interface> l3, List<io.firsthop.scenario.Route> scenarioRoutes,
                                         List<TrackObject> tracking, String interfacesPath, boolean peerGateway) {
        String path = "nodes." + n.name();
        boolean bindable = true;
        List<RouterInterface> interfaces = new ArrayList<>();
        List<GroupPlan> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int port = 0; port < l3.size(); port++) {
            L3Interface ri = l3.get(port);
            names.add(ri.name());
            interfaces.add(new RouterInterface(ri.name(), ri.mac(), ri.addresses()));
            Map<GatewayProtocol.Protocol, Integer> perProtocol = new HashMap<>();
            for (GatewayProtocol g : ri.gateways()) perProtocol.merge(g.protocol(), 1, Integer::sum);
            Map<GatewayProtocol.Protocol, Integer> seen = new HashMap<>();
            for (GatewayProtocol g : ri.gateways()) {
                int index = seen.merge(g.protocol(), 1, Integer::sum) - 1;
                String gpath = interfacesPath + "." + ri.name() + "." + g.protocol().yamlName()
                        + (perProtocol.get(g.protocol()) > 1 ? "[" + index + "]" : "");
                if (g instanceof GatewayProtocol.Anycast && ri.addresses().isEmpty()) {
                    problem(gpath, "an anycast gateway's interface needs an address of its own besides the gateway's: every "
                            + "member answers for " + g.id() + ", so the router resolves hosts from its own address");
                    bindable = false;
                    continue;
                }
                Supplier<FirstHopGroup> factory = group(port, g, gpath);
                if (factory == null) {
                    bindable = false;
                    continue;
                }
                MacAddress routedHere = peerGateway ? virtualMac(g) : null;
                if (routedHere != null) {
                    Supplier<FirstHopGroup> inner = factory;
                    factory = () -> new PeerGateway(inner.get(), routedHere);
                }
                groups.add(new GroupPlan(port, g, gpath, factory));
            }
        }
        List<TrackedObject> tracked = new ArrayList<>();
        for (TrackObject t : tracking) {
            if (t instanceof TrackObject.InterfaceLine line && !names.contains(line.iface())) {
                problem(path + ".tracking." + t.name() + ".interface", "tracking the line state of '" + line.iface()
                        + "' cannot run: only " + (interfacesPath.endsWith("vlan-interfaces") ? "VLAN interfaces" : "interfaces")
                        + " of the node can be tracked (" + String.join(", ", names) + ")");
                bindable = false;
                continue;
            }
            TrackedObject o = trackedObject(t, path + ".tracking." + t.name());
            if (o == null) bindable = false;
            else tracked.add(o);
        }
        // tracking: only groups whose core takes tracked decrements can follow objects
        for (GroupPlan g : groups) {
            if (g.config().track().isEmpty()) continue;
            FirstHopGroup probe = g.factory().get();
            if (!(probe instanceof PriorityTracking pt)) {
                problem(g.path() + ".track", "tracking a " + g.config().protocol().yamlName().toUpperCase()
                        + " group cannot run yet: its core takes no tracked decrements; change its priority with a timed "
                        + "set-priority event instead");
                bindable = false;
            } else if (!pt.trackable()) {
                problem(g.path() + ".track", "the address owner (priority 255) cannot be tracked: its priority is 255 by "
                        + "definition (RFC 5798 §5.2.4)");
                bindable = false;
            }
        }
        if (!bindable) return null;
        List<StaticRoute> routes = new ArrayList<>();
        for (io.firsthop.scenario.Route route : scenarioRoutes) routes.add(new StaticRoute(route.to(), route.via()));
        RouterConfig config = new RouterConfig(n.name(), interfaces, routes, ArpSettings.DEFAULT);
        return () -> {
            Router router = new Router(config);
            for (TrackedObject o : tracked) router.addTrackedObject(o);
            for (GroupPlan g : groups) {
                FirstHopGroup group = g.factory().get();
                router.addGroup(group);
                for (Track t : g.config().track()) router.track(group, t.object(), effect(t));
            }
            return router;
        };
    }

    private static TrackEffect effect(Track t) {
        return switch (t.action()) {
            case Track.Decrement d -> TrackEffect.decrement(d.amount());
            case Track.ForceDown f -> TrackEffect.fault();
        };
    }

    private TrackedObject trackedObject(TrackObject t, String path) {
        return switch (t) {
            case TrackObject.InterfaceLine line -> TrackedObject.interfaceLine(line.name(), line.iface());
            case TrackObject.Reachability r -> {
                if (r.timeout().compareTo(r.interval()) > 0) {
                    problem(path + ".timeout", "a reachability probe's timeout (" + Units.formatDuration(r.timeout())
                            + ") must be at most its interval (" + Units.formatDuration(r.interval()) + "): one probe in flight at a time");
                    yield null;
                }
                yield TrackedObject.Reachability.of(r.name(), r.address()).withTiming(r.interval().toNanos(), r.timeout().toNanos());
            }
        };
    }

    private Supplier<FirstHopGroup> group(int port, GatewayProtocol g, String path) {
        switch (g) {
            case GatewayProtocol.Vrrp v -> {
                long nanos = v.advertInterval().toNanos();
                int interval = (int) (v.version() == 3 ? nanos / 10_000_000L : nanos / 1_000_000_000L);
                VrrpConfig config = new VrrpConfig(v.version(), v.vrid(), v.priority(), v.virtualAddresses(), interval,
                        v.preempt(), v.preemptDelay(), v.acceptMode(), v.rfc9568(), v.checksumPseudoHeader());
                return () -> new VrrpGroup(port, config);
            }
            case GatewayProtocol.Hsrp h -> {
                HsrpConfig config = new HsrpConfig(h.version(), h.group(), h.virtualIp(), h.priority(),
                        new HsrpTimers((int) h.hello().toMillis(), (int) h.hold().toMillis()), h.preempt(),
                        h.preemptDelay().toMillis(), h.auth());
                return () -> new HsrpGroup(port, config);
            }
            case GatewayProtocol.Glbp gl -> {
                boolean ok = true;
                if (!gl.preemptDelay().isZero()) {
                    problem(path + ".preempt-delay", "a GLBP AVG preemption delay cannot run yet: the GLBP core preempts the AVG "
                            + "role at once; leave preempt-delay out (forwarder-preempt-delay is supported)");
                    ok = false;
                }
                long fwd = gl.forwarderPreemptDelay().toNanos();
                if (fwd % 1_000_000_000L != 0 || fwd > 3_600_000_000_000L) {
                    problem(path + ".forwarder-preempt-delay", "GLBP's forwarder preemption delay is whole seconds from 0s to 3600s, got "
                            + Units.formatDuration(gl.forwarderPreemptDelay()));
                    ok = false;
                }
                if (!ok) return null;
                GlbpConfig config = new GlbpConfig(gl.group(), gl.virtualIp(), gl.priority(), gl.preempt(), gl.hello().toMillis(),
                        gl.hold().toMillis(), (int) gl.redirect().toSeconds(), (int) gl.timeout().toSeconds(),
                        switch (gl.loadBalancing()) {
                            case ROUND_ROBIN -> LoadBalancing.ROUND_ROBIN;
                            case WEIGHTED -> LoadBalancing.WEIGHTED;
                            case HOST_DEPENDENT -> LoadBalancing.HOST_DEPENDENT;
                        },
                        gl.weighting(), gl.lowerThreshold(), gl.upperThreshold(), true, (int) (fwd / 1_000_000_000L), null);
                return () -> new GlbpGroup(port, config);
            }
            case GatewayProtocol.Anycast a -> {
                AnycastConfig config = AnycastConfig.anycast(a.virtualMac(), a.virtualIp());
                return () -> new AnycastGateway(port, config);
            }
        }
    }

    /** Checks that have nothing to measure on the groups they name. */
    private void expectations() {
        for (int i = 0; i < s.expectations().size(); i++) {
            String group = switch (s.expectations().get(i)) {
                case Expectation.LeaderAt l -> l.group();
                case Expectation.MaxDualMaster d -> d.group();
                default -> null;
            };
            FhrpGroup g = group == null ? null : topology.group(group);
            if (g != null && g.key().protocol() == GatewayProtocol.Protocol.ANYCAST) {
                problem("expect[" + i + "]", "an anycast gateway has no Master or Active to check: every member answers for '" + group
                        + "' at once, by design");
            }
        }
    }

    // ------------------------------------------------------------------ links

    private List<LinkPlan> links() {
        List<LinkPlan> plans = new ArrayList<>();
        for (int i = 0; i < s.links().size(); i++) {
            Link l = s.links().get(i);
            if (s.nodes().containsKey(l.name())) {
                problem("links[" + i + "].name", "link name '" + l.name() + "' is also a node's name; engines name devices and links "
                        + "in one namespace: rename the link");
                continue;
            }
            LinkConfig config = linkConfig(l.impairment(), true, "links[" + i + "]");
            if (config == null) continue;
            String siteA = s.siteOf(l.a().node());
            String siteB = s.siteOf(l.b().node());
            SitePair wan = siteA != null && siteB != null && !siteA.equals(siteB) ? new SitePair(siteA, siteB) : null;
            plans.add(new LinkPlan(l.name(), l.a().toString(), l.b().toString(), config, wan));
        }
        return plans;
    }

    private LinkConfig linkConfig(Impairment im, boolean up, String path) {
        long delay = im.delay().toNanos();
        long jitter = im.jitter().toNanos();
        if (delay > LinkConfig.MAX_DELAY_NANOS || jitter > LinkConfig.MAX_DELAY_NANOS) {
            problem(path + (delay > LinkConfig.MAX_DELAY_NANOS ? ".delay" : ".jitter"), "a link's delay and jitter are at most one day");
            return null;
        }
        return new LinkConfig(delay, jitter, im.loss(), im.rateBitsPerSecond(), im.queueFrames(), up);
    }

    // ------------------------------------------------------------------ timeline

    private List<TimedAction> timeline() {
        record Indexed(int index, Event event) {}
        List<Indexed> events = new ArrayList<>();
        for (int i = 0; i < s.events().size(); i++) events.add(new Indexed(i, s.events().get(i)));
        events.sort(Comparator.comparing((Indexed e) -> e.event().at()));
        Map<String, Boolean> linkUp = new HashMap<>();
        for (Link l : s.links()) linkUp.put(l.name(), true);
        List<TimedAction> out = new ArrayList<>();
        for (Indexed ie : events) {
            Event e = ie.event();
            long at = e.at().toNanos();
            int index = ie.index();
            String path = "events[" + index + "]";
            String cause = describe(e);
            switch (e) {
                case Event.Crash c -> add(out, at, new Action.Crash(c.node(), true), index, cause);
                case Event.Shutdown sd -> add(out, at, new Action.Shutdown(sd.node()), index, cause);
                case Event.Restart r -> add(out, at, new Action.Restart(r.node()), index, cause);
                case Event.InterfaceDown d -> {
                    if (portExists(d.iface().node(), d.iface().iface(), path + ".interface-down")) {
                        add(out, at, new Action.InterfaceDown(d.iface().node(), d.iface().iface()), index, cause);
                    }
                }
                case Event.InterfaceUp u -> {
                    if (portExists(u.iface().node(), u.iface().iface(), path + ".interface-up")) {
                        add(out, at, new Action.InterfaceUp(u.iface().node(), u.iface().iface()), index, cause);
                    }
                }
                case Event.LinkCut c -> {
                    linkUp.put(c.link(), false);
                    add(out, at, new Action.CutLink(c.link()), index, cause);
                }
                case Event.LinkRestore r -> {
                    linkUp.put(r.link(), true);
                    add(out, at, new Action.RestoreLink(r.link()), index, cause);
                }
                case Event.ImpairLink il -> impair(out, at, il, linkUp, index, cause, path + ".impair");
                case Event.ImpairWan iw -> {
                    for (Event.ImpairLink il : iw.links()) impair(out, at, il, linkUp, index, cause, path + ".impair");
                }
                case Event.Partition p -> {
                    for (Link l : linksBetween(p.pairs())) {
                        linkUp.put(l.name(), false);
                        add(out, at, new Action.CutLink(l.name()), index, cause);
                    }
                }
                case Event.Heal h -> {
                    for (Link l : linksBetween(h.pairs())) {
                        linkUp.put(l.name(), true);
                        add(out, at, new Action.RestoreLink(l.name()), index, cause);
                    }
                }
                case Event.KillSite k -> {
                    List<String> devices = new ArrayList<>();
                    for (Node n : s.nodes().values()) {
                        if (n.site().equals(k.site())) devices.add(n.name());
                    }
                    add(out, at, new Action.KillSite(k.site(), devices), index, cause);
                }
                case Event.SetPriority sp -> setPriority(out, at, sp, index, cause, path + ".set-priority");
                case Event.SetTrack st -> add(out, at, routerCommand(st.node(), new SetTrackedObject(st.object(), st.up())), index, cause);
                case Event.SetGateway sg -> add(out, at, new Action.Command(sg.host(), new SetGateway(sg.gateway())), index, cause);
            }
        }
        // a flow that stops before the end of the run
        for (Flow f : s.traffic()) {
            if (f.stop().compareTo(s.duration()) < 0) {
                out.add(new TimedAction(f.stop().toNanos(), new Action.Command(f.from(), new StopProbeFlow(f.name())), -1,
                        "flow " + f.name() + " stops"));
            }
        }
        out.sort(Comparator.comparingLong(TimedAction::at)); // stable: equal times keep file order
        return out;
    }

    private static void add(List<TimedAction> out, long at, Action a, int index, String cause) {
        out.add(new TimedAction(at, a, index, cause));
    }

    private boolean portExists(String node, String port, String path) {
        Node n = s.node(node);
        if (n != null && n.spec().portNames().contains(port)) return true;
        if (n != null && n.spec() instanceof SwitchSpec sw && sw.vlanInterfaces().stream().anyMatch(v -> v.name().equals(port))) {
            problem(path, "taking a VLAN interface down cannot run yet: no core device routes on VLAN interfaces");
        } else {
            problem(path, "'" + node + ":" + port + "' is not a port of a node");
        }
        return false;
    }

    private void impair(List<TimedAction> out, long at, Event.ImpairLink il, Map<String, Boolean> linkUp, int index, String cause,
                        String path) {
        LinkConfig config = linkConfig(il.impairment(), linkUp.getOrDefault(il.link(), true), path);
        if (config != null) add(out, at, new Action.Impair(il.link(), config), index, cause);
    }

    private List<Link> linksBetween(List<SitePair> pairs) {
        List<Link> between = new ArrayList<>();
        for (Link l : s.links()) {
            String a = s.siteOf(l.a().node());
            String b = s.siteOf(l.b().node());
            for (SitePair p : pairs) {
                if (a != null && b != null && p.matches(a, b)) {
                    between.add(l);
                    break;
                }
            }
        }
        return between;
    }

    private void setPriority(List<TimedAction> out, long at, Event.SetPriority sp, int index, String cause, String path) {
        FhrpGroup group = topology.group(sp.group());
        FhrpGroup.Member member = group == null ? null : memberOn(group, sp.node(), sp.iface());
        if (member == null) {
            problem(path, sp.node() + " is not a member of group '" + sp.group() + "'");
            return;
        }
        int p = sp.priority();
        switch (member.config()) {
            case GatewayProtocol.Vrrp v -> {
                if (p < 1 || p > 254) {
                    problem(path + ".priority", "a VRRP priority set by an operator is 1..254 (0 is a Master's resignation and 255 "
                            + "the address owner's, RFC 5798 §5.2.4), got " + p);
                    return;
                }
                add(out, at, routerCommand(sp.node(), new VrrpCommand.SetPriority(sp.iface(), v.vrid(), p)), index, cause);
            }
            case GatewayProtocol.Hsrp h ->
                    add(out, at, routerCommand(sp.node(), new SetHsrpPriority(sp.iface(), h.group(), p)), index, cause);
            case GatewayProtocol.Glbp gl -> {
                if (p < 1) {
                    problem(path + ".priority", "a GLBP priority is 1..255, got " + p);
                    return;
                }
                add(out, at, routerCommand(sp.node(), new GlbpCommand.SetPriority(gl.group(), p)), index, cause);
            }
            case GatewayProtocol.Anycast a -> problem(path, "an anycast gateway has no priority: every member answers locally");
        }
    }

    /** A command for a node's router: the router inside, for a switch that routes on VLAN interfaces. */
    private Action routerCommand(String node, DeviceCommand command) {
        return new Action.Command(node, routedSwitches.contains(node) ? new CompositeCommand.ToCore(node, command) : command);
    }

    private static FhrpGroup.Member memberOn(FhrpGroup g, String node, String iface) {
        for (FhrpGroup.Member m : g.members()) {
            if (m.node().equals(node) && m.iface().equals(iface)) return m;
        }
        return null;
    }

    /** The scenario's words for an event, e.g. "crash r1", "impair seoul<->daegu". */
    static String describe(Event e) {
        return switch (e) {
            case Event.Crash c -> "crash " + c.node();
            case Event.Shutdown sd -> "shutdown " + sd.node();
            case Event.Restart r -> "restart " + r.node();
            case Event.InterfaceDown d -> "interface-down " + d.iface();
            case Event.InterfaceUp u -> "interface-up " + u.iface();
            case Event.LinkCut c -> "link-cut " + c.link();
            case Event.LinkRestore r -> "link-restore " + r.link();
            case Event.ImpairLink il -> "impair " + il.link();
            case Event.ImpairWan iw -> "impair " + iw.between();
            case Event.Partition p -> "partition " + String.join(", ", p.pairs().stream().map(SitePair::toString).toList());
            case Event.Heal h -> "heal " + String.join(", ", h.pairs().stream().map(SitePair::toString).toList());
            case Event.KillSite k -> "kill-site " + k.site();
            case Event.SetPriority sp -> "set-priority " + sp.node() + " " + sp.group() + " " + sp.priority();
            case Event.SetTrack st -> (st.up() ? "track-up " : "track-down ") + st.node() + ":" + st.object();
            case Event.SetGateway sg -> "set-gateway " + sg.host() + " " + sg.gateway();
        };
    }

    // ------------------------------------------------------------------ problems

    private void problem(String path, String message) {
        if (!reported.add(path + "|" + message)) return;
        SourceLines.Position pos = lines.position(path);
        problems.add(new Problem(file, pos.line(), pos.column(), path, note + message));
    }
}
