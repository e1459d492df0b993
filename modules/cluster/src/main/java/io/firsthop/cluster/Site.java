package io.firsthop.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.trace.TraceEvent;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One site of a run: an ActorSystem that is a member of the run's Pekko Cluster with the
 * site's name as its role, its {@link PreciseDelivery} thread, and the device actors placed
 * on it. Links between its devices are delivered locally; links to devices of other sites
 * go through one {@link Uplink} per remote site and arrive at that site's {@link Ingress}.
 *
 * <p>How to use one: {@link #start} it, {@link #join} the cluster, then either
 * {@link #instantiate} this site's share of a {@link ClusterTopology} and
 * {@link #powerOnAll power it on}, or by hand {@link #spawnDevice} devices, {@link #connect}
 * local links and {@link #attach} cross-site links (each site attaches its side of the same
 * {@link CrossSiteLink}), inject inputs; {@link #close} at the end.
 *
 * <p>Each site runs a control actor ({@link SiteControl}, at {@code /system/firsthop-control})
 * that applies {@link Failure}s sent by a {@link ClusterControl} on any site, and that starts
 * the run when the coordinator says so ({@link SiteControl.BeginRun}).
 */
public final class Site implements AutoCloseable {
    /** Every site's ActorSystem has this name: a Pekko Cluster only joins systems of one name. */
    public static final String SYSTEM_NAME = "firsthop";

    private final String name;
    private final ActorSystem<Void> system;
    private final SiteSettings settings;
    private final SiteContext context;
    private final ChannelTable channels = new ChannelTable();
    private final ConcurrentHashMap<String, ActorRef<DeviceActor.Command>> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ActorRef<Uplink.Command>> uplinks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CrossSiteCounters> counters = new ConcurrentHashMap<>();
    private final AtomicInteger probes = new AtomicInteger();
    private final Partitions partitions = new Partitions();
    private final ConcurrentHashMap<String, List<String>> devicePorts = new ConcurrentHashMap<>();
    /** The local ends of each link of the instantiated topology. */
    private final ConcurrentHashMap<String, List<LocalEnd>> linkEnds = new ConcurrentHashMap<>();
    private volatile ActorRef<SiteControl.Command> control;
    private volatile ClusterTopology topology;
    private volatile long runSeed;
    private volatile boolean killable;
    private volatile Consumer<SiteControl.BeginRun> onBeginRun;

    /** One end of a link on this site: the device's actor, its port, and whether it is the link's side A. */
    record LocalEnd(ActorRef<DeviceActor.Command> device, int port, boolean sideA) {}

    private Site(String name, ActorSystem<Void> system, SiteSettings settings, SiteContext context) {
        this.name = name;
        this.system = system;
        this.settings = settings;
        this.context = context;
    }

    /** The defaults: conf/firsthop-cluster.conf from the class path over Pekko's reference settings. */
    public static Config defaultConfig() {
        return ConfigFactory.load("firsthop-cluster");
    }

    /** Starts site {@code name} with the settings in {@code config}. */
    public static Site start(String name, Config config, RunClock clock, TraceSink traces) {
        return start(name, config, SiteSettings.fromConfig(config), clock, traces);
    }

    /** Starts site {@code name} with explicit runtime settings (Pekko's still from {@code config}). */
    public static Site start(String name, Config config, SiteSettings settings, RunClock clock, TraceSink traces) {
        requireName("site", name);
        Config withRole = config.withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(name)));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, withRole);
        PreciseDelivery delivery = new PreciseDelivery("firsthop-delivery-" + name, clock, settings.delivery());
        system.getWhenTerminated().thenRun(delivery::close);
        SiteContext context = new SiteContext(name, clock, delivery, traces, new SiteMetrics());
        Site site = new Site(name, system, settings, context);
        system.systemActorOf(Ingress.create(context, site.channels, site::countersFor, site.partitions,
                settings.ackEvery(), settings.idleAckInterval()), Ingress.NAME, Props.empty());
        site.control = system.systemActorOf(SiteControl.create(site), SiteControl.NAME, Props.empty());
        return site;
    }

    public String name() {
        return name;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public RunClock clock() {
        return context.clock();
    }

    public PreciseDelivery delivery() {
        return context.delivery();
    }

    public SiteMetrics metrics() {
        return context.metrics();
    }

    public SiteSettings settings() {
        return settings;
    }

    /** Where this site's trace events go. */
    public TraceSink traces() {
        return context.traces();
    }

    /** The topology {@link #instantiate instantiated} on this site, or null. */
    public ClusterTopology topology() {
        return topology;
    }

    /** This site's control actor. */
    public ActorRef<SiteControl.Command> control() {
        return control;
    }

    /**
     * Lets {@link Failure.KillSite} of this site kill this JVM with SIGKILL. Off by default:
     * a site embedded in a test or a benchmark ignores it (and traces that it did).
     */
    public void allowKill(boolean allow) {
        this.killable = allow;
    }

    /** What to do when the coordinator starts the run (called on the control actor's thread). */
    public void onBeginRun(Consumer<SiteControl.BeginRun> handler) {
        this.onBeginRun = handler;
    }

    Consumer<SiteControl.BeginRun> beginRunHandler() {
        return onBeginRun;
    }

    boolean killable() {
        return killable;
    }

    Partitions partitions() {
        return partitions;
    }

    long runSeed() {
        return runSeed;
    }

    /** The address other sites reach this one at (host and the port Artery bound). */
    public Address address() {
        return Cluster.get(system).selfMember().address();
    }

    /** Joins the cluster through {@code seeds}; a site whose own address is the first seed starts it. */
    public void join(List<Address> seeds) {
        if (seeds.size() == 1 && seeds.get(0).equals(address())) {
            Cluster.get(system).manager().tell(Join.create(address()));
        } else {
            Cluster.get(system).manager().tell(new JoinSeedNodes(seeds));
        }
    }

    /** Completes when this site's member is Up in the cluster. */
    public CompletionStage<Void> up() {
        CompletableFuture<Void> up = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system))
                .registerOnMemberUp(() -> up.complete(null));
        return up;
    }

    /** Places {@code device} on this site as an actor named after it. */
    public ActorRef<DeviceActor.Command> spawnDevice(Device device) {
        requireName("device", device.name());
        ActorRef<DeviceActor.Command> ref = system.systemActorOf(DeviceActor.create(device, context),
                "device-" + device.name(), Props.empty());
        if (devices.putIfAbsent(device.name(), ref) != null) {
            throw new IllegalArgumentException("site " + name + " already has a device named " + device.name());
        }
        devicePorts.put(device.name(), List.copyOf(device.portNames()));
        return ref;
    }

    /** Whether a device of that name is placed on this site. */
    public boolean hasDevice(String deviceName) {
        return devices.containsKey(deviceName);
    }

    /** The names of the devices placed on this site. */
    public List<String> deviceNames() {
        return List.copyOf(devices.keySet());
    }

    /** The port number of {@code port} on local device {@code deviceName}. */
    int portIndex(String deviceName, String port) {
        List<String> ports = devicePorts.get(deviceName);
        if (ports == null) throw new IllegalArgumentException("site " + name + " has no device " + deviceName);
        int i = ports.indexOf(port);
        if (i < 0) throw new IllegalArgumentException(deviceName + " has no port '" + port + "' (ports: " + ports + ")");
        return i;
    }

    /** The local ends of {@code link} (none if the link has no end here). */
    List<LocalEnd> linkEnds(String link) {
        return linkEnds.getOrDefault(link, List.of());
    }

    /**
     * Builds this site's share of {@code topology}: spawns the devices placed here (calling
     * their factories, here only), connects links with both ends here, attaches this site's
     * end of every cross-site link, and sets the WAN to each other site. Each direction of a
     * link runs a {@link ModelledLink} with its own random stream derived from
     * {@code runSeed} and the link's name. Devices stay off until {@link #powerOnAll}.
     */
    public synchronized void instantiate(ClusterTopology topology, long runSeed) {
        if (this.topology != null) throw new IllegalStateException("site " + name + " already runs topology " + this.topology.name());
        if (!topology.sites().contains(name)) {
            throw new IllegalArgumentException("topology " + topology.name() + " has no site " + name + " (sites: " + topology.sites() + ")");
        }
        this.topology = topology;
        this.runSeed = runSeed;
        Map<String, Device> local = new HashMap<>();
        for (ClusterTopology.DeviceSpec spec : topology.devicesOn(name)) {
            Device device = spec.factory().get();
            if (!device.name().equals(spec.name())) {
                throw new IllegalStateException("the factory of device " + spec.name() + " built a device named " + device.name());
            }
            spawnDevice(device);
            local.put(spec.name(), device);
        }
        for (ClusterTopology.LinkSpec link : topology.links()) {
            ClusterTopology.Endpoint a = link.a();
            ClusterTopology.Endpoint b = link.b();
            boolean aHere = local.containsKey(a.device());
            boolean bHere = local.containsKey(b.device());
            if (aHere && bHere) {
                int pa = local.get(a.device()).portIndex(a.port());
                int pb = local.get(b.device()).portIndex(b.port());
                connect(new LinkEndpoint(name, a.device(), pa), new LinkEndpoint(name, b.device(), pb),
                        new ModelledLink(link.name(), a.toString(), true, link.config(),
                                RandomStreams.linkDirection(runSeed, link.name(), true)),
                        new ModelledLink(link.name(), b.toString(), false, link.config(),
                                RandomStreams.linkDirection(runSeed, link.name(), false)));
                linkEnds.put(link.name(), List.of(new LocalEnd(device(a.device()), pa, true),
                        new LocalEnd(device(b.device()), pb, false)));
            } else if (aHere || bHere) {
                ClusterTopology.Endpoint here = aHere ? a : b;
                ClusterTopology.Endpoint there = aHere ? b : a;
                int port = local.get(here.device()).portIndex(here.port());
                ModelledLink outbound = new ModelledLink(link.name(), here.toString(), aHere, link.config(),
                        RandomStreams.linkDirection(runSeed, link.name(), aHere));
                int id = topology.crossSiteLinkId(link.name());
                attachEnd(id * 2 + (aHere ? 0 : 1), id * 2 + (aHere ? 1 : 0), link.name(), here.device(), port,
                        here.toString(), topology.siteOf(there.device()), outbound);
                linkEnds.put(link.name(), List.of(new LocalEnd(device(here.device()), port, aHere)));
            }
        }
        for (ClusterTopology.WanSpec wan : topology.wans()) {
            String other = wan.siteA().equals(name) ? wan.siteB() : wan.siteB().equals(name) ? wan.siteA() : null;
            if (other != null) uplinkTo(other).tell(new Uplink.ConfigureWan(wan.config(), runSeed));
        }
    }

    /** Powers on every device of this site at run-clock instant {@code at} (at once if past). */
    public void powerOnAll(long at) {
        for (ActorRef<DeviceActor.Command> ref : devices.values()) {
            context.delivery().schedule(at, ref, new DeviceActor.Inject(DeviceInput.POWER_ON));
        }
    }

    /**
     * The control actor of {@code site}: this one's, or that of the Up member whose role is
     * {@code site}.
     *
     * @throws IllegalStateException if no Up member has that role
     */
    public ActorRef<SiteControl.Command> controlOf(String site) {
        if (site.equals(name)) return control;
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.hasRole(site) && m.status() == MemberStatus.up()) {
                return ActorRefResolver.get(system).resolveActorRef(m.address() + "/system/" + SiteControl.NAME);
            }
        }
        throw new IllegalStateException("no Up member of the cluster has the role " + site);
    }

    /** Site names (roles) of the members that are Up, as this site sees them, this one included. */
    public List<String> upSites() {
        List<String> up = new ArrayList<>();
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                for (String role : m.getRoles()) {
                    if (!role.startsWith("dc-")) up.add(role);
                }
            }
        }
        return up;
    }

    /** Records {@code event} as seen by this site. */
    void trace(TraceEvent event) {
        context.traces().accept(name, event);
    }

    ActorRef<Uplink.Command> uplink(String remoteSite) {
        return uplinkTo(remoteSite);
    }

    /** The actor of a device placed on this site. */
    public ActorRef<DeviceActor.Command> device(String deviceName) {
        ActorRef<DeviceActor.Command> ref = devices.get(deviceName);
        if (ref == null) throw new IllegalArgumentException("site " + name + " has no device " + deviceName);
        return ref;
    }

    /** Connects two ports of devices on this site; each direction runs its own link model. */
    public void connect(LinkEndpoint a, LinkEndpoint b, LinkTransit aToB, LinkTransit bToA) {
        requireLocal(a);
        requireLocal(b);
        ActorRef<DeviceActor.Command> da = device(a.device());
        ActorRef<DeviceActor.Command> db = device(b.device());
        da.tell(new DeviceActor.Bind(a.port(), new PortLink.ToLocal(db, b.port(), aToB)));
        db.tell(new DeviceActor.Bind(b.port(), new PortLink.ToLocal(da, a.port(), bToA)));
    }

    /**
     * Attaches this site's end of a cross-site link: frames its device sends go to the other
     * site through the uplink, run through {@code outbound} (this direction's link model);
     * frames from the other site are delivered to its port.
     */
    public void attach(CrossSiteLink link, LinkTransit outbound) {
        boolean localIsA = link.a().site().equals(name);
        if (!localIsA && !link.b().site().equals(name)) {
            throw new IllegalArgumentException("link " + link.name() + " has no end on site " + name);
        }
        LinkEndpoint local = localIsA ? link.a() : link.b();
        LinkEndpoint remote = localIsA ? link.b() : link.a();
        int outChannel = localIsA ? link.channelAtoB() : link.channelBtoA();
        int inChannel = localIsA ? link.channelBtoA() : link.channelAtoB();
        attachEnd(outChannel, inChannel, link.name(), local.device(), local.port(), local.toString(), remote.site(), outbound);
    }

    private void attachEnd(int outChannel, int inChannel, String linkName, String localDevice, int port, String endpoint,
                           String remoteSite, LinkTransit outbound) {
        ActorRef<DeviceActor.Command> device = device(localDevice);
        ActorRef<Uplink.Command> uplink = uplinkTo(remoteSite);
        uplink.tell(new Uplink.OpenChannel(outChannel, linkName, endpoint, device, port));
        channels.register(inChannel, new ChannelTable.Receiver(device, port, linkName));
        device.tell(new DeviceActor.Bind(port, new PortLink.ToRemote(uplink, outChannel, outbound)));
    }

    /** Completes when this site's uplink to {@code remoteSite} has completed its handshake. */
    public CompletionStage<Void> connectedTo(String remoteSite) {
        uplinkTo(remoteSite);
        return connections.get(remoteSite);
    }

    /**
     * Measures the offset of {@code remoteSite}'s run clock from this one's with
     * {@code samples} ping exchanges (see {@link ClockProbe}).
     */
    public CompletionStage<ClockProbe.ClockOffset> measureClockOffset(String remoteSite, int samples) {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1");
        Address remote = null;
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.hasRole(remoteSite) && m.status() == MemberStatus.up()) remote = m.address();
        }
        if (remote == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no Up member has the role " + remoteSite));
        }
        ActorRef<Ingress.Command> ingress = ActorRefResolver.get(system).resolveActorRef(remote + "/system/" + Ingress.NAME);
        CompletableFuture<ClockProbe.ClockOffset> result = new CompletableFuture<>();
        system.systemActorOf(ClockProbe.create(ingress, context.clock(), samples, result),
                "firsthop-clock-probe-" + probes.incrementAndGet(), Props.empty());
        return result;
    }

    /** Counters of the frames between this site and {@code remoteSite}. */
    public CrossSiteStats crossSiteStats(String remoteSite) {
        return countersFor(remoteSite).snapshot();
    }

    /** Leaves nothing running: terminates the ActorSystem (and with it the delivery thread) and waits. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("site " + name + " did not terminate within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("site " + name + " failed while terminating", e.getCause());
        }
        context.delivery().close();
    }

    /** Whether the ActorSystem has terminated. */
    public boolean terminated() {
        return system.getWhenTerminated().toCompletableFuture().isDone();
    }

    private ActorRef<Uplink.Command> uplinkTo(String remoteSite) {
        if (remoteSite.equals(name)) throw new IllegalArgumentException("site " + name + " needs no uplink to itself");
        return uplinks.computeIfAbsent(remoteSite, r -> {
            CompletableFuture<Void> connected = connections.computeIfAbsent(r, x -> new CompletableFuture<>());
            return system.systemActorOf(Uplink.create(r, context, settings.uplink(), countersFor(r), partitions, connected),
                    "firsthop-uplink-" + r, Props.empty());
        });
    }

    private CrossSiteCounters countersFor(String remoteSite) {
        return counters.computeIfAbsent(remoteSite, r -> new CrossSiteCounters());
    }

    /** Site and device names become actor names and cluster roles: keep them to a safe alphabet. */
    private static void requireName(String what, String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("a " + what + " name must be letters, digits, '.', '_' or '-' "
                    + "(starting with a letter or digit): '" + name + "'");
        }
    }

    private void requireLocal(LinkEndpoint e) {
        if (!e.site().equals(name)) throw new IllegalArgumentException(e + " is not on site " + name);
    }

    @Override
    public String toString() {
        return "Site[" + name + "]";
    }
}
