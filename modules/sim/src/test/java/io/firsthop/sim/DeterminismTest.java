package io.firsthop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.trace.TraceEvent.FrameDropped;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    static final long MS = 1_000_000L;
    static final LinkConfig LOSSY_JITTERY = LinkConfig.ofLatency(2 * MS).withJitter(1_500_000).withLoss(0.2)
            .withRate(10_000_000).withQueueLimit(3);

    /** Two senders and an echo over a lossy, jittery, rate-limited link, with a cut and a crash thrown in. */
    static List<TraceEvent> run(long seed, boolean withUnrelatedLink) {
        VirtualEngine sim = new VirtualEngine(seed);
        TraceRecorder trace = new TraceRecorder();
        sim.addDevice(new FakeDevice("s1", "p0").behave(FakeDevice.periodicSender(300_000)))
                .addDevice(new FakeDevice("echo", "p0", "p1").behave(FakeDevice.ECHO))
                .addDevice(new FakeDevice("s2", "p0").behave(FakeDevice.periodicSender(700_000)))
                .connect("wan", "s1:p0", "echo:p0", LOSSY_JITTERY)
                .connect("lan", "s2:p0", "echo:p1", LOSSY_JITTERY.withLoss(0.05));
        if (withUnrelatedLink) {
            sim.addDevice(new FakeDevice("x", "p0").behave(FakeDevice.periodicSender(100_000)))
                    .addDevice(new FakeDevice("y", "p0").behave(FakeDevice.ECHO))
                    .connect("other", "x:p0", "y:p0", LOSSY_JITTERY);
        }
        sim.addTraceSink(trace);
        sim.cutLink(40 * MS, "lan");
        sim.restoreLink(45 * MS, "lan");
        sim.crash(60 * MS, "echo");
        sim.restart(62 * MS, "echo");
        sim.run(50 * MS);
        sim.run(50 * MS);
        return trace.events();
    }

    @Property(tries = 25)
    @Label("the same topology and seed give the identical trace, event for event")
    void sameSeedSameTrace(@ForAll long seed) {
        List<TraceEvent> first = run(seed, false);
        List<TraceEvent> second = run(seed, false);
        assertEquals(first, second);
        assertTrue(first.size() > 500, "the scenario is not trivial: " + first.size() + " events");
    }

    @Property(tries = 10)
    @Label("adding an unrelated link and its devices leaves every other device's and link's trace unchanged")
    void unrelatedLinkPerturbsNothing(@ForAll long seed) {
        Set<String> others = Set.of("x", "y", "other");
        List<TraceEvent> without = run(seed, false);
        List<TraceEvent> with = run(seed, true).stream().filter(e -> !others.contains(e.device())).toList();
        assertEquals(without, with);
    }

    @Test
    @DisplayName("the seed matters: two seeds give different losses and arrival times")
    void differentSeedsDiffer() {
        List<TraceEvent> a = run(1, false);
        List<TraceEvent> b = run(2, false);
        assertNotEquals(a, b);
        long losses = a.stream().filter(e -> e instanceof FrameDropped d && d.reason() == DropReason.LINK_LOSS).count();
        assertTrue(losses > 10, "the lossy link lost " + losses);
    }
}
