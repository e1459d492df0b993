package io.firsthop.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Measures how far another site's run clock is from this one's, the way Cristian's
 * algorithm does: ping the remote {@link Ingress}, which answers with its run-clock time;
 * of several exchanges keep the one with the shortest round trip and assume the answer was
 * read halfway through it. The error of the estimate is at most half that round trip.
 *
 * <p>Run clocks are anchored on each machine's wall clock ({@link RunClock}); this probe
 * checks that anchoring (on one machine the offset should be within the uncertainty of 0)
 * and reveals, across machines, how well their wall clocks are synchronised.
 */
public final class ClockProbe {
    /** The answer to {@link Ingress.ClockPing}: the remote site's run-clock time when it answered. */
    public record ClockPong(long pingSentAt, long remoteNow) implements CrossSite {}

    /**
     * The measured offset.
     *
     * @param offsetNanos      the remote run clock minus this site's, estimated
     * @param uncertaintyNanos half the shortest round trip: the estimate is within this of the truth
     * @param samples          exchanges made
     */
    public record ClockOffset(long offsetNanos, long uncertaintyNanos, int samples) {}

    private enum Timeout { INSTANCE }

    private ClockProbe() {
    }

    static Behavior<Object> create(ActorRef<Ingress.Command> remoteIngress, RunClock clock, int samples,
                                   CompletableFuture<ClockOffset> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<ClockPong> self = ctx.getSelf().narrow();
            remoteIngress.tell(new Ingress.ClockPing(clock.now(), self));
            timers.startSingleTimer(Timeout.INSTANCE, Duration.ofSeconds(5));
            long[] best = {Long.MAX_VALUE, 0};
            int[] done = {0};
            return Behaviors.receive(Object.class)
                    .onMessage(ClockPong.class, pong -> {
                        long now = clock.now();
                        long rtt = now - pong.pingSentAt();
                        if (rtt < best[0]) {
                            best[0] = rtt;
                            best[1] = pong.remoteNow() - (pong.pingSentAt() + rtt / 2);
                        }
                        if (++done[0] == samples) {
                            result.complete(new ClockOffset(best[1], best[0] / 2, samples));
                            return Behaviors.stopped();
                        }
                        remoteIngress.tell(new Ingress.ClockPing(clock.now(), self));
                        return Behaviors.same();
                    })
                    .onMessageEquals(Timeout.INSTANCE, () -> {
                        result.completeExceptionally(new TimeoutException(
                                "clock probe: " + done[0] + " of " + samples + " answers within 5 s"));
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }
}
