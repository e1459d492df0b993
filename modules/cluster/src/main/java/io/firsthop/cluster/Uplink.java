package io.firsthop.cluster;

import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Carries frames from this site's devices to one remote site, with flow control.
 *
 * <p>Finds the remote site through cluster membership (the member whose role is the site's
 * name), greets that site's {@link Ingress} until it answers with the {@link Downlink}
 * dedicated to this uplink, then streams numbered frames to it, at most {@code window}
 * unacknowledged at a time (see {@link SendWindow}); frames beyond wait in a bounded queue,
 * and past its capacity the link drops them as QUEUE_FULL, traced and counted. Frames the
 * receiver reports missing, and frames in flight or waiting when the remote site leaves the
 * cluster, are traced and counted as LINK_DOWN. Nothing is lost silently.
 *
 * <p>The WAN between the two sites: an optional {@link ModelledLink} ({@link ConfigureWan})
 * runs on every frame before it is queued, adding its delay (and jitter, rate, loss) to the
 * frame's arrival instant; a site partition ({@link Partitions}) drops every frame as
 * LINK_DOWN. Once the remote site has left the cluster (its JVM killed, say) frames are
 * dropped at once as LINK_DOWN and the local ends of the links to it lose carrier.
 *
 * <p>Carrier signals ({@link Carrier}) of the local ends of cross-site links travel to the
 * downlink unnumbered but in order with the frames (Artery keeps the order of one sender and
 * one receiver).
 */
public final class Uplink extends AbstractBehavior<Uplink.Command> {
    /** Everything an uplink understands. */
    public sealed interface Command {}

    /** A device sends {@code frame} on {@code channel} under link epoch {@code epoch}; the link model says it arrives at {@code due}. */
    public record Send(int channel, long due, int epoch, EthernetFrame frame) implements Command {
        public Send(int channel, long due, EthernetFrame frame) {
            this(channel, due, 0, frame);
        }
    }

    /** The local end of {@code channel}'s link now gives carrier ({@code up}) or not. */
    public record Carrier(int channel, boolean up) implements Command {}

    /** The remote site's answer to {@link Ingress.Hello}: where to send frames. */
    public record Welcome(ActorRef<Downlink.Command> downlink) implements Command, CrossSite {}

    /** The remote site received every frame numbered up to {@code through}. */
    public record Ack(long through) implements Command, CrossSite {}

    /** Frames numbered {@code from} (inclusive) to {@code until} (exclusive) never reached the remote site. */
    public record Lost(long from, long until) implements Command, CrossSite {}

    /**
     * Names the link and sending endpoint of {@code channel}, for traces of its drops, and the
     * local device and port at this end, told when the remote site is gone.
     */
    public record OpenChannel(int channel, String linkName, String endpoint, ActorRef<DeviceActor.Command> device,
                              int port) implements Command {
        public OpenChannel(int channel, String linkName, String endpoint) {
            this(channel, linkName, endpoint, null, -1);
        }
    }

    /** The WAN to the remote site: created with {@code runSeed}'s stream on first use, reconfigured afterwards. */
    public record ConfigureWan(LinkConfig config, long runSeed) implements Command {}

    private record MemberChange(ClusterEvent.MemberEvent event) implements Command {}

    private enum HelloTick implements Command { INSTANCE }

    /** The uplink's settings, from {@code firsthop.site.cross-site}. */
    public record Settings(int window, int queueCapacity, Duration helloInterval) {}

    private record ChannelInfo(String linkName, String endpoint, ActorRef<DeviceActor.Command> device, int port) {}

    private final String remoteSite;
    private final SiteContext site;
    private final CrossSiteCounters counters;
    private final Partitions partitions;
    private final CompletableFuture<Void> connected;
    private final TimerScheduler<Command> timers;
    private final Duration helloInterval;
    private final SendWindow window;
    private final Map<Integer, ChannelInfo> channels = new HashMap<>();
    private final Map<Integer, Boolean> pendingCarrier = new HashMap<>();
    private final Consumer<TraceEvent> traces;
    private Address remoteAddress;
    private ActorRef<Downlink.Command> downlink;
    private ModelledLink wan;
    /** The remote site left the cluster: frames to it are dropped at once. */
    private boolean remoteGone;

    private Uplink(ActorContext<Command> context, TimerScheduler<Command> timers, String remoteSite, SiteContext site,
                   Settings settings, CrossSiteCounters counters, Partitions partitions, CompletableFuture<Void> connected) {
        super(context);
        this.timers = timers;
        this.remoteSite = remoteSite;
        this.site = site;
        this.counters = counters;
        this.partitions = partitions;
        this.connected = connected;
        this.helloInterval = settings.helloInterval();
        this.window = new SendWindow(settings.window(), settings.queueCapacity());
        this.traces = event -> site.traces().accept(site.site(), event);
        ActorRef<ClusterEvent.MemberEvent> members = context.messageAdapter(ClusterEvent.MemberEvent.class, MemberChange::new);
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
    }

    static Behavior<Command> create(String remoteSite, SiteContext site, Settings settings, CrossSiteCounters counters,
                                    Partitions partitions, CompletableFuture<Void> connected) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new Uplink(ctx, timers, remoteSite, site, settings, counters, partitions, connected)));
    }

    /** The name of the WAN between two sites, the same seen from either: "wan:a--b", names sorted. */
    public static String wanName(String siteA, String siteB) {
        return siteA.compareTo(siteB) <= 0 ? "wan:" + siteA + "--" + siteB : "wan:" + siteB + "--" + siteA;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Send.class, this::onSend)
                .onMessage(Ack.class, this::onAck)
                .onMessage(Lost.class, this::onLost)
                .onMessage(Carrier.class, this::onCarrier)
                .onMessage(Welcome.class, this::onWelcome)
                .onMessage(OpenChannel.class, this::onOpenChannel)
                .onMessage(ConfigureWan.class, this::onConfigureWan)
                .onMessage(MemberChange.class, this::onMemberChange)
                .onMessageEquals(HelloTick.INSTANCE, this::sayHello)
                .build();
    }

    private Behavior<Command> onSend(Send send) {
        counters.offered.increment();
        if (remoteGone) {
            counters.linkDown.increment();
            drop(send.channel(), send.frame(), DropReason.LINK_DOWN, "site " + remoteSite + " is down");
            return this;
        }
        if (partitions.partitioned(remoteSite)) {
            counters.linkDown.increment();
            drop(send.channel(), send.frame(), DropReason.LINK_DOWN, "sites " + site.site() + " and " + remoteSite
                    + " are partitioned");
            return this;
        }
        if (wan != null) {
            long now = site.clock().now();
            long arrival = wan.arrival(send.frame(), now, traces);
            if (arrival == LinkTransit.LOST) {
                counters.wanDropped.increment();
                return this;
            }
            send = new Send(send.channel(), send.due() + (arrival - now), send.epoch(), send.frame());
        }
        if (!window.offer(send)) {
            counters.queueFull.increment();
            drop(send.channel(), send.frame(), DropReason.QUEUE_FULL, "cross-site backlog to " + remoteSite + " full ("
                    + window.waiting() + " waiting, " + window.inFlight() + " in flight)");
            return this;
        }
        pump();
        return this;
    }

    private Behavior<Command> onAck(Ack ack) {
        window.acked(ack.through());
        pump();
        return this;
    }

    private Behavior<Command> onLost(Lost lost) {
        window.lost(lost.from(), lost.until(), f -> {
            counters.lostInTransit.increment();
            drop(f.channel(), f.frame(), DropReason.LINK_DOWN, "lost in transport to " + remoteSite);
        });
        pump();
        return this;
    }

    private Behavior<Command> onCarrier(Carrier carrier) {
        if (remoteGone) return this;
        if (downlink != null) {
            downlink.tell(new Downlink.Carrier(carrier.channel(), carrier.up()));
        } else {
            pendingCarrier.put(carrier.channel(), carrier.up());
        }
        return this;
    }

    private Behavior<Command> onWelcome(Welcome welcome) {
        if (remoteAddress == null || !welcome.downlink().path().address().equals(remoteAddress)) {
            return this; // an answer from an incarnation of the site that has left since
        }
        if (downlink == null) {
            downlink = welcome.downlink();
            timers.cancel(HelloTick.INSTANCE);
            connected.complete(null);
            pump();
            pendingCarrier.forEach((channel, up) -> downlink.tell(new Downlink.Carrier(channel, up)));
            pendingCarrier.clear();
        }
        return this;
    }

    private Behavior<Command> onOpenChannel(OpenChannel open) {
        channels.put(open.channel(), new ChannelInfo(open.linkName(), open.endpoint(), open.device(), open.port()));
        return this;
    }

    private Behavior<Command> onConfigureWan(ConfigureWan configure) {
        if (wan == null) {
            boolean aToB = site.site().compareTo(remoteSite) < 0;
            String name = wanName(site.site(), remoteSite);
            wan = new ModelledLink(name, site.site(), aToB, configure.config(),
                    RandomStreams.linkDirection(configure.runSeed(), name, aToB));
        } else {
            wan.reconfigure(configure.config());
        }
        return this;
    }

    private Behavior<Command> onMemberChange(MemberChange change) {
        switch (change.event()) {
            case ClusterEvent.MemberUp up when up.member().hasRole(remoteSite) -> {
                if (remoteAddress != null && !remoteAddress.equals(up.member().address())) {
                    siteGone("site " + remoteSite + " was replaced by a new incarnation");
                }
                if (remoteAddress == null) {
                    remoteAddress = up.member().address();
                    remoteGone = false;
                    window.restartNumbering();
                    timers.startTimerWithFixedDelay(HelloTick.INSTANCE, Duration.ZERO, helloInterval);
                }
            }
            case ClusterEvent.MemberRemoved removed when removed.member().address().equals(remoteAddress) -> {
                siteGone("site " + remoteSite + " left the cluster");
                remoteGone = true;
                // its devices are gone: the local ends of the links to them lose carrier
                for (ChannelInfo info : channels.values()) {
                    if (info.device() != null) info.device().tell(new DeviceActor.PeerCarrier(info.port(), false));
                }
            }
            default -> { }
        }
        return this;
    }

    private Behavior<Command> sayHello() {
        if (remoteAddress != null && downlink == null) {
            ActorRef<Ingress.Command> ingress = ActorRefResolver.get(getContext().getSystem())
                    .resolveActorRef(remoteAddress + "/system/" + Ingress.NAME);
            ingress.tell(new Ingress.Hello(site.site(), getContext().getSelf()));
        }
        return this;
    }

    private void siteGone(String why) {
        timers.cancel(HelloTick.INSTANCE);
        window.abandonAll(
                f -> {
                    counters.linkDown.increment();
                    drop(f.channel(), f.frame(), DropReason.LINK_DOWN, why + " (frame in flight)");
                },
                s -> {
                    counters.linkDown.increment();
                    drop(s.channel(), s.frame(), DropReason.LINK_DOWN, why + " (frame waiting)");
                });
        remoteAddress = null;
        downlink = null;
        pendingCarrier.clear();
    }

    private void pump() {
        if (downlink == null) return;
        Downlink.Frame f;
        while ((f = window.next()) != null) {
            downlink.tell(f);
            counters.sent.increment();
        }
    }

    private void drop(int channel, EthernetFrame frame, DropReason reason, String detail) {
        ChannelInfo info = channels.get(channel);
        String link = info != null ? info.linkName() : "channel " + channel;
        String endpoint = info != null ? info.endpoint() : "?";
        site.traces().accept(site.site(), new TraceEvent.FrameDropped(site.clock().now(), link, endpoint, frame, reason, detail));
    }
}
