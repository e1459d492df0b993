package io.firsthop.cluster;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.trace.TraceEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A site's control actor, at {@code /system/firsthop-control}: applies {@link Failure}s to
 * this site's share of the topology at their run-clock instant (on the site's precise
 * delivery thread, like frames and timers), starts the run when the coordinator sends
 * {@link BeginRun} (and tells a restarted site the run it rejoins, {@link RunQuery}), and records in the trace what cluster membership says about other sites
 * (a {@code Note} when one becomes unreachable, reachable again, or is removed).
 *
 * <p>What each failure does here: device failures go to the device's actor (which traces
 * them); link failures to the actor of each local end of the link (the site holding side A
 * traces a {@code LinkEvent}); WAN impairments, partitions and heals to this site's side of
 * the site pair (the site whose name sorts first traces them); {@code KillSite} of this site
 * kills this JVM with SIGKILL when the site {@link Site#allowKill allows it}. A failure that
 * names nothing on this site is traced as a {@code Note} and otherwise ignored.
 */
public final class SiteControl {
    /** The actor's name under {@code /system}. */
    public static final String NAME = "firsthop-control";

    /** Everything the control actor understands. */
    public sealed interface Command {}

    /** Apply {@code failure} at run-clock instant {@code at} (at once if it has passed). */
    public record Apply(Failure failure, long at) implements Command, CrossSite {}

    /**
     * Start the run: anchor the run clock at {@code epochUnixNanos} (unless it is anchored
     * already), build this site's share of the topology with {@code runSeed}, power it on at
     * run time 0. Sent by the coordinator once every site is Up.
     */
    public record BeginRun(long epochUnixNanos, long runSeed) implements Command, CrossSite {}

    /**
     * Asks a site that runs for its run's {@link BeginRun}, which it tells {@code replyTo}: how a
     * site restarted after its JVM died (a new incarnation, see {@code SiteRunner}) learns the
     * run it rejoins. A site whose run has not begun does not answer; the asker repeats.
     */
    public record RunQuery(ActorRef<Command> replyTo) implements Command, CrossSite {}

    private record Due(Failure failure) implements Command {}

    private record MemberChange(ClusterEvent.ClusterDomainEvent event) implements Command {}

    private SiteControl() {
    }

    static Behavior<Command> create(Site site) {
        return Behaviors.setup(ctx -> {
            Logger log = ctx.getLog();
            ActorRef<ClusterEvent.ClusterDomainEvent> members = ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class,
                    MemberChange::new);
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(members.<ClusterEvent.MemberRemoved>narrow(),
                    ClusterEvent.MemberRemoved.class));
            cluster.subscriptions().tell(Subscribe.create(members.<ClusterEvent.ReachabilityEvent>narrow(),
                    ClusterEvent.ReachabilityEvent.class));
            BeginRun[] begun = {null};
            return Behaviors.receive(Command.class)
                    .onMessage(Apply.class, apply -> {
                        if (apply.at() <= site.clock().now()) {
                            perform(site, apply.failure(), log);
                        } else {
                            site.delivery().schedule(apply.at(), ctx.getSelf(), new Due(apply.failure()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Due.class, due -> {
                        perform(site, due.failure(), log);
                        return Behaviors.same();
                    })
                    .onMessage(BeginRun.class, begin -> {
                        if (begun[0] != null) return Behaviors.same();
                        begun[0] = begin;
                        var handler = site.beginRunHandler();
                        if (handler == null) {
                            log.warn("site {}: BeginRun received but nothing is set to start the run", site.name());
                        } else {
                            handler.accept(begin);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(RunQuery.class, query -> {
                        if (begun[0] != null) query.replyTo().tell(begun[0]);
                        return Behaviors.same();
                    })
                    .onMessage(MemberChange.class, change -> {
                        String what = switch (change.event()) {
                            case ClusterEvent.UnreachableMember u -> "unreachable " + describe(u.member());
                            case ClusterEvent.ReachableMember r -> "reachable again " + describe(r.member());
                            case ClusterEvent.MemberRemoved r -> "removed from the cluster " + describe(r.member());
                            default -> null;
                        };
                        if (what != null) {
                            site.trace(new TraceEvent.Note(site.clock().now(), "site:" + site.name(), "member " + what));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static String describe(Member m) {
        List<String> roles = m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList();
        return String.join(",", roles) + " (" + m.address() + ")";
    }

    private static void perform(Site site, Failure failure, Logger log) {
        long now = site.clock().now();
        try {
            switch (failure) {
                case Failure.Crash c -> device(site, c.device()).tell(new DeviceActor.CrashDevice(c.loseCarrier()));
                case Failure.Shutdown s -> device(site, s.device()).tell(new DeviceActor.Inject(DeviceInput.SHUTDOWN));
                case Failure.Restart r -> device(site, r.device()).tell(new DeviceActor.Restart());
                case Failure.InterfaceDown d -> device(site, d.device()).tell(new DeviceActor.Inject(
                        new DeviceInput.AdminPortState(site.portIndex(d.device(), d.port()), false)));
                case Failure.InterfaceUp u -> device(site, u.device()).tell(new DeviceActor.Inject(
                        new DeviceInput.AdminPortState(site.portIndex(u.device(), u.port()), true)));
                case Failure.CutLink c -> changeLink(site, c.link(), new DeviceActor.LinkOp.Cut(), "cut", now);
                case Failure.RestoreLink r -> changeLink(site, r.link(), new DeviceActor.LinkOp.Restore(), "restore", now);
                case Failure.ImpairLink i -> changeLink(site, i.link(), new DeviceActor.LinkOp.Impair(i.config()),
                        "impair " + i.config(), now);
                case Failure.ImpairWan w -> {
                    String other = otherSite(site, w.siteA(), w.siteB());
                    site.uplink(other).tell(new Uplink.ConfigureWan(w.config(), site.runSeed()));
                    traceWan(site, other, "impair " + w.config(), now);
                }
                case Failure.Partition p -> {
                    String other = otherSite(site, p.siteA(), p.siteB());
                    site.partitions().partition(other);
                    traceWan(site, other, "partition", now);
                }
                case Failure.Heal h -> {
                    String other = otherSite(site, h.siteA(), h.siteB());
                    site.partitions().heal(other);
                    traceWan(site, other, "heal", now);
                }
                case Failure.KillSite k -> killSite(site, k.site(), log, now);
                case Failure.Command c -> {
                    ActorRef<DeviceActor.Command> device = device(site, c.device());
                    site.trace(new TraceEvent.DeviceEvent(now, c.device(), "command " + c.command()));
                    device.tell(new DeviceActor.Inject(new DeviceInput.Command(c.command())));
                }
            }
        } catch (IllegalArgumentException e) {
            log.warn("site {}: {} ignored: {}", site.name(), failure, e.getMessage());
            site.trace(new TraceEvent.Note(now, "site:" + site.name(), failure + " ignored: " + e.getMessage()));
        }
    }

    private static ActorRef<DeviceActor.Command> device(Site site, String device) {
        return site.device(device);
    }

    private static void changeLink(Site site, String link, DeviceActor.LinkOp op, String what, long now) {
        List<Site.LocalEnd> ends = site.linkEnds(link);
        if (ends.isEmpty()) throw new IllegalArgumentException("site " + site.name() + " holds no end of link " + link);
        boolean holdsA = false;
        for (Site.LocalEnd end : ends) holdsA |= end.sideA();
        if (holdsA) site.trace(new TraceEvent.LinkEvent(now, link, what));
        for (Site.LocalEnd end : ends) end.device().tell(new DeviceActor.LinkChange(end.port(), op));
    }

    private static String otherSite(Site site, String a, String b) {
        if (a.equals(site.name())) return b;
        if (b.equals(site.name())) return a;
        throw new IllegalArgumentException("site " + site.name() + " is neither " + a + " nor " + b);
    }

    private static void traceWan(Site site, String other, String what, long now) {
        if (site.name().compareTo(other) < 0) site.trace(new TraceEvent.LinkEvent(now, Uplink.wanName(site.name(), other), what));
    }

    private static void killSite(Site site, String target, Logger log, long now) {
        if (!target.equals(site.name())) throw new IllegalArgumentException("kill-site " + target + " sent to site " + site.name());
        if (!site.killable()) {
            site.trace(new TraceEvent.Note(now, "site:" + site.name(), "kill-site ignored: this site runs embedded"));
            return;
        }
        log.warn("site {}: killed on request (SIGKILL)", site.name());
        long pid = ProcessHandle.current().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            log.warn("site {}: could not run kill -KILL ({}); halting", site.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Reached only if the signal failed: halt is the closest thing (no shutdown hooks, no leaving).
        Runtime.getRuntime().halt(137);
    }
}
