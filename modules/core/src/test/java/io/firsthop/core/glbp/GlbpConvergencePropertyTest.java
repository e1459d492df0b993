package io.firsthop.core.glbp;

import static io.firsthop.core.glbp.GlbpLan.MS;
import static io.firsthop.core.glbp.GlbpLan.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.glbp.GlbpLan.Member;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Convergence of a GLBP group whatever the members' priorities, weightings and start times. */
class GlbpConvergencePropertyTest {
    static final GlbpConfig BASE = GlbpConfig.defaults(7, Ipv4Address.parse("10.0.0.254"));

    record Spec(int priority, int weighting, long startMillis) {}

    @Provide
    Arbitrary<List<Spec>> members() {
        Arbitrary<Spec> one = Combinators.combine(
                Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(1, 254),
                Arbitraries.longs().between(0, 30_000)).as(Spec::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    @Label("once converged: exactly one AVG that every member names, one standby, and one AVF for each forwarder 1..min(n,4)")
    void converges(@ForAll("members") List<Spec> specs, @ForAll @IntRange(min = 0, max = 3) int linkDelayMillis) {
        GlbpLan lan = new GlbpLan(linkDelayMillis * MS);
        long lastStart = 0;
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Member m = lan.add("r" + (i + 1), i + 1, BASE.withPriority(s.priority()).withWeighting(s.weighting(), 1, s.weighting()));
            lan.start(m, s.startMillis() * MS);
            lastStart = Math.max(lastStart, s.startMillis() * MS);
        }
        long converged = lastStart + 60 * S;
        // Checked every second for half a minute after convergence: it must also stay converged.
        for (long t = converged; t <= converged + 30 * S; t += S) {
            lan.runUntil(t);
            checkConverged(lan, t);
        }
    }

    @Property(tries = 200)
    @Label("a partition of any members for any time, then a heal: the same invariants hold a minute later")
    void convergesAfterPartition(@ForAll("members") List<Spec> specs,
                                 @ForAll @IntRange(min = 0, max = 63) int sideBits,
                                 @ForAll @IntRange(min = 0, max = 60_000) int partitionStartMillis,
                                 @ForAll @IntRange(min = 0, max = 90_000) int partitionMillis) {
        GlbpLan lan = new GlbpLan(MS);
        long lastStart = 0;
        java.util.Set<Member> side = new java.util.HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Member m = lan.add("r" + (i + 1), i + 1, BASE.withPriority(s.priority()).withWeighting(s.weighting(), 1, s.weighting()));
            lan.start(m, s.startMillis() * MS);
            lastStart = Math.max(lastStart, s.startMillis() * MS);
            if ((sideBits >> i & 1) == 1) side.add(m);
        }
        long healed = (long) (partitionStartMillis + partitionMillis) * MS;
        lan.partition(partitionStartMillis * MS, healed, side);
        long converged = Math.max(lastStart, healed) + 60 * S;
        for (long t = converged; t <= converged + 30 * S; t += S) {
            lan.runUntil(t);
            checkConverged(lan, t);
        }
    }

    private static void checkConverged(GlbpLan lan, long t) {
        int n = lan.members.size();
        List<Member> avgs = lan.avgs();
        assertEquals(1, avgs.size(), "AVGs at " + t + ": " + avgs);
        Ipv4Address avg = avgs.getFirst().ip;
        List<Member> standbys = new ArrayList<>();
        for (Member m : lan.members) {
            assertEquals(avg, m.core.activeGateway(), m.name + "'s AVG at " + t);
            if (m.core.vgState() == GlbpVgState.STANDBY) standbys.add(m);
        }
        assertEquals(n >= 2 ? 1 : 0, standbys.size(), "standbys at " + t + ": " + standbys);
        int forwarders = Math.min(n, GlbpRouter.MAX_FORWARDERS);
        for (int f = 1; f <= GlbpRouter.MAX_FORWARDERS; f++) {
            assertEquals(f <= forwarders ? 1 : 0, lan.avfs(f).size(), "AVFs of forwarder " + f + " at " + t);
        }
        // Every forwarder is someone's own: no member holds one as a secondary.
        for (Member m : lan.members) {
            for (int f = 1; f <= forwarders; f++) {
                if (m.core.vfState(f) == GlbpVfState.ACTIVE) assertEquals(f, m.core.primaryForwarder(), m.name + " AVF for " + f);
            }
        }
    }
}
