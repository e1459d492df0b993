package io.firsthop.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A site's front door for frames from other sites, at the well-known path
 * {@code /system/firsthop-ingress}. Each remote {@link Uplink} greets it with a
 * {@link Hello}; it answers (and keeps answering repeated greetings) with a {@link Downlink}
 * dedicated to that uplink, which it stops when the uplink's site goes away.
 */
public final class Ingress {
    /** The actor's name under {@code /system}. */
    public static final String NAME = "firsthop-ingress";

    /** Everything the ingress understands. */
    public sealed interface Command {}

    /** An uplink of site {@code fromSite} asks where to send its frames. */
    public record Hello(String fromSite, ActorRef<Uplink.Command> uplink) implements Command, CrossSite {}

    /** Asks for this site's run-clock time (see {@link ClockProbe}). */
    public record ClockPing(long sentAt, ActorRef<ClockProbe.ClockPong> replyTo) implements Command, CrossSite {}

    private record UplinkGone(ActorRef<Uplink.Command> uplink) implements Command {}

    private Ingress() {
    }

    static Behavior<Command> create(SiteContext site, ChannelTable channels, Function<String, CrossSiteCounters> counters,
                                    Partitions partitions, int ackEvery, Duration idleAck) {
        return Behaviors.setup(ctx -> {
            Map<ActorRef<Uplink.Command>, ActorRef<Downlink.Command>> downlinks = new HashMap<>();
            int[] spawned = {0};
            return Behaviors.receive(Command.class)
                    .onMessage(Hello.class, hello -> {
                        ActorRef<Downlink.Command> downlink = downlinks.computeIfAbsent(hello.uplink(), uplink -> {
                            ActorRef<Downlink.Command> d = ctx.spawn(
                                    Downlink.create(site, hello.fromSite(), channels, counters.apply(hello.fromSite()), partitions, uplink,
                                            ackEvery, idleAck),
                                    "from-" + hello.fromSite() + "-" + (++spawned[0]));
                            ctx.watchWith(uplink, new UplinkGone(uplink));
                            return d;
                        });
                        hello.uplink().tell(new Uplink.Welcome(downlink));
                        return Behaviors.same();
                    })
                    .onMessage(ClockPing.class, ping -> {
                        ping.replyTo().tell(new ClockProbe.ClockPong(ping.sentAt(), site.clock().now()));
                        return Behaviors.same();
                    })
                    .onMessage(UplinkGone.class, gone -> {
                        ActorRef<Downlink.Command> d = downlinks.remove(gone.uplink());
                        if (d != null) ctx.stop(d);
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
