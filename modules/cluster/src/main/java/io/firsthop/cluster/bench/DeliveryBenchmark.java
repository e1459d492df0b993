package io.firsthop.cluster.bench;

import com.typesafe.config.ConfigFactory;
import io.firsthop.cluster.PreciseDelivery;
import io.firsthop.cluster.RunClock;
import io.firsthop.cluster.Site;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late messages reach an actor when released by {@link PreciseDelivery},
 * against Pekko's own scheduler for contrast. Deadlines are 0.5-20 ms ahead, submitted about
 * one per millisecond, as a site's timers and link deliveries are.
 *
 * <p>Run: {@code java -cp <cluster classpath> io.firsthop.cluster.bench.DeliveryBenchmark [messages]}
 */
public final class DeliveryBenchmark {
    private record Tick(long due) {}

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "delivery-bench",
                ConfigFactory.parseString("pekko.actor.provider = local").withFallback(Site.defaultConfig()));
        RunClock clock = RunClock.local();
        // the site's own settings (conf/firsthop-cluster.conf, -Dfirsthop.site.delivery.* over it)
        PreciseDelivery.Tuning tuning = io.firsthop.cluster.SiteSettings.fromConfig(Site.defaultConfig()).delivery();
        PreciseDelivery delivery = new PreciseDelivery("bench-delivery", clock, tuning);
        long cpu0 = delivery.cpuNanos();
        long wall0 = System.nanoTime();
        try {
            Histogram precise = run(system, clock, messages, 1_000_000, 500_000, 19_500_000,
                    (due, target) -> delivery.schedule(due, target, new Tick(due)));
            Histogram released = delivery.latenessSnapshot();
            // Sparse, like a VRRP router's timers: one deadline at a time, 100 ms apart.
            int sparseCount = Math.max(10, messages / 150);
            Histogram sparse = run(system, clock, sparseCount, 0, 100_000_000, 1,
                    (due, target) -> delivery.schedule(due, target, new Tick(due)));
            Histogram sparseReleased = delivery.latenessSnapshot();
            sparseReleased.subtract(released);
            int few = Math.min(messages, 500);
            Histogram pekko = run(system, clock, few, 1_000_000, 500_000, 19_500_000, (due, target) -> system.scheduler().scheduleOnce(
                    Duration.ofNanos(due - clock.now()), () -> target.tell(new Tick(due)), system.executionContext()));
            long cpu = delivery.cpuNanos() - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.printf("delivery thread: %s; timer slack %s; CPU %.0f%% of a core over %.1f s (all three runs)%n", tuning,
                    delivery.timerSlackSet() ? "set" : "the system's", 100.0 * cpu / wall, wall / 1e9);
            System.out.println("lateness, microseconds (p50 / p90 / p99 / p99.9 / max)");
            print("PreciseDelivery, released by the thread", released);
            print("PreciseDelivery, received by the actor", precise);
            print("  sparse (100 ms apart), released", sparseReleased);
            print("  sparse (100 ms apart), received", sparse);
            print("Pekko scheduler, received by the actor", pekko);
        } finally {
            delivery.close();
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private interface Scheduler {
        void schedule(long due, ActorRef<Tick> target);
    }

    /**
     * Schedules {@code n} messages, each {@code minAhead + U(0, spread)} ahead, {@code pace}
     * apart; with {@code pace} 0, all at once with deadlines {@code minAhead} apart.
     */
    private static Histogram run(ActorSystem<Void> system, RunClock clock, int n, long pace, long minAhead, long spread,
                                 Scheduler scheduler) throws Exception {
        CompletableFuture<Histogram> done = new CompletableFuture<>();
        Behavior<Tick> recorder = Behaviors.setup(ctx -> {
            Histogram h = new Histogram(3);
            int[] count = {0};
            return Behaviors.receiveMessage(t -> {
                h.recordValue(Math.max(0, clock.now() - t.due()));
                if (++count[0] == n) done.complete(h);
                return Behaviors.same();
            });
        });
        ActorRef<Tick> target = system.systemActorOf(recorder, "recorder-" + System.nanoTime(),
                org.apache.pekko.actor.typed.Props.empty());
        SplittableRandom random = new SplittableRandom(7);
        long start = clock.now();
        for (int i = 0; i < n; i++) {
            if (pace > 0) {
                scheduler.schedule(clock.now() + minAhead + random.nextLong(spread), target);
                LockSupport.parkNanos(pace);
            } else {
                // all at once, minAhead apart: the thread sleeps the whole gap before each
                scheduler.schedule(start + minAhead * (i + 1), target);
            }
        }
        return done.get(60, TimeUnit.SECONDS);
    }

    private static void print(String what, Histogram h) {
        System.out.printf("  %-42s %8.1f %8.1f %8.1f %8.1f %8.1f   (%d messages)%n", what,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
    }
}
