package io.firsthop.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.core.Device;
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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One site of a run: an ActorSystem that is a member of the run's Pekko Cluster with the
 * site's name as its role, its {@link PreciseDelivery} thread, and the device actors placed
 * on it. Links between its devices are delivered locally; links to devices of other sites
 * go through one {@link Uplink} per remote site and arrive at that site's {@link Ingress}.
 *
 * <p>How to use one: {@link #start} it, {@link #join} the cluster, {@link #spawnDevice}
 * devices, {@link #connect} local links and {@link #attach} cross-site links (each site
 * attaches its side of the same {@link CrossSiteLink}), inject inputs, {@link #close}.
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
        PreciseDelivery delivery = new PreciseDelivery("firsthop-delivery-" + name, clock, settings.deliverySpinNanos());
        system.getWhenTerminated().thenRun(delivery::close);
        SiteContext context = new SiteContext(name, clock, delivery, traces, new SiteMetrics());
        Site site = new Site(name, system, settings, context);
        system.systemActorOf(Ingress.create(context, site.channels, site::countersFor, settings.ackEvery(),
                settings.idleAckInterval()), Ingress.NAME, Props.empty());
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
        return ref;
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
        ActorRef<DeviceActor.Command> device = device(local.device());
        ActorRef<Uplink.Command> uplink = uplinkTo(remote.site());
        uplink.tell(new Uplink.OpenChannel(outChannel, link.name(), local.toString()));
        channels.register(inChannel, new ChannelTable.Receiver(device, local.port(), link.name()));
        device.tell(new DeviceActor.Bind(local.port(), new PortLink.ToRemote(uplink, outChannel, outbound)));
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
            return system.systemActorOf(Uplink.create(r, context, settings.uplink(), countersFor(r), connected),
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
