package io.firsthop.cluster;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreciseDeliveryTest {
    record Tick(int id, long due) {}

    /** A tick as received, with the run-clock instant the actor got it. */
    record Received(Tick tick, long at) {}

    private final ActorTestKit kit = ActorTestKit.create("precise-delivery-test");
    private final RunClock clock = RunClock.local();
    private PreciseDelivery delivery;

    /** The tuning sites ship with (conf/firsthop-cluster.conf): what these tests hold to. */
    private final PreciseDelivery.Tuning tuning = SiteSettings.fromConfig(Site.defaultConfig()).delivery();

    @BeforeEach
    void start() {
        delivery = new PreciseDelivery("test-delivery", clock, tuning);
    }

    @AfterEach
    void stop() {
        delivery.close();
    }

    @AfterAll
    void shutdown() {
        kit.shutdownTestKit();
    }

    private ActorRef<Tick> recorder(TestProbe<Received> probe) {
        Behavior<Tick> b = Behaviors.receiveMessage(t -> {
            probe.ref().tell(new Received(t, clock.now()));
            return Behaviors.same();
        });
        return kit.spawn(b);
    }

    private List<Received> receive(TestProbe<Received> probe, int n) {
        List<Received> got = new ArrayList<>();
        for (int i = 0; i < n; i++) got.add(probe.receiveMessage(Duration.ofSeconds(5)));
        return got;
    }

    @Test
    @DisplayName("releases messages in deadline order and never before their deadline")
    void orderAndNeverEarly() {
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        Random random = new Random(42);
        long base = clock.now() + 5_000_000;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 60; i++) ticks.add(new Tick(i, base + random.nextInt(30_000_000)));
        for (Tick t : ticks) delivery.schedule(t.due(), target, t);

        List<Received> got = receive(probe, ticks.size());
        List<Tick> expected = ticks.stream().sorted(Comparator.comparingLong(Tick::due)).toList();
        assertEquals(expected, got.stream().map(Received::tick).toList());
        for (Received r : got) assertTrue(r.at() >= r.tick().due(), "released " + (r.tick().due() - r.at()) + " ns early");
        assertEquals(ticks.size(), delivery.released());
        assertEquals(ticks.size(), delivery.latenessSnapshot().getTotalCount());
    }

    @Test
    @DisplayName("messages with the same deadline leave in the order they were scheduled")
    void sameDeadlineKeepsOrder() {
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        long due = clock.now() + 3_000_000;
        for (int i = 0; i < 20; i++) delivery.schedule(due, target, new Tick(i, due));
        List<Integer> ids = receive(probe, 20).stream().map(r -> r.tick().id()).toList();
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), ids);
    }

    @Test
    @DisplayName("a deadline earlier than the one the thread sleeps towards wakes it")
    void earlierDeadlineWakesTheThread() {
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        long now = clock.now();
        Tick late = new Tick(1, now + 400_000_000);
        Tick soon = new Tick(2, now + 5_000_000);
        delivery.schedule(late.due(), target, late);
        delivery.schedule(soon.due(), target, soon);
        Received first = probe.receiveMessage(Duration.ofSeconds(5));
        assertEquals(soon, first.tick());
        assertTrue(first.at() < late.due(), "the early message waited for the late one's deadline");
        assertEquals(late, probe.receiveMessage(Duration.ofSeconds(5)).tick());
    }

    @Test
    @DisplayName("a deadline already past is released at once")
    void pastDeadline() {
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        Tick t = new Tick(7, clock.now() - 1_000_000_000L);
        delivery.schedule(t.due(), target, t);
        assertEquals(t, probe.receiveMessage(Duration.ofSeconds(5)).tick());
    }

    @Test
    @DisplayName("on Linux the thread sets its own timer slack as configured (its parks then overshoot by microseconds, not 50 us)")
    void timerSlackIsSetOnLinux() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isSymbolicLink(java.nio.file.Path.of("/proc/thread-self")),
                "no /proc/thread-self: not Linux");
        org.junit.jupiter.api.Assumptions.assumeTrue(tuning.timerSlackNanos() > 0, "the shipped tuning leaves the timer slack be");
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        // the thread sets it first thing; one release shows it has run
        delivery.schedule(clock.now(), target, new Tick(1, clock.now()));
        probe.receiveMessage(Duration.ofSeconds(5));
        assertTrue(delivery.timerSlackSet());
    }

    @Test
    @DisplayName("a tuning whose longest spin is shorter than its spin is refused")
    void tuningIsChecked() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PreciseDelivery.Tuning(100_000, 50_000, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PreciseDelivery.Tuning(50_000, 100_000, -1));
    }

    @Test
    @DisplayName("after close nothing more is released")
    void closeStops() {
        TestProbe<Received> probe = kit.createTestProbe();
        ActorRef<Tick> target = recorder(probe);
        delivery.close();
        delivery.schedule(clock.now(), target, new Tick(1, clock.now()));
        probe.expectNoMessage(Duration.ofMillis(100));
        assertEquals(0, delivery.released());
    }
}
