package io.firsthop.core.hsrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Elections on a lossless segment of two or three HSRP routers with random priorities (ties
 * included), start times, preemption and virtual-IP configuration, for version 1 default timers
 * and version 2 millisecond timers.
 */
class HsrpConvergenceProperties {
    private static final long MS = 1_000_000L;
    private static final long LATENCY = 100_000;
    private static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.254");

    /** One router of a run. {@code startHolds} is its start time in units of the Holdtime. */
    record RouterSpec(int priority, double startHolds, boolean preempt, boolean knowsVirtualIp) {}

    @Provide
    Arbitrary<List<RouterSpec>> segments() {
        Arbitrary<RouterSpec> router = Combinators.combine(
                Arbitraries.integers().between(95, 105),
                Arbitraries.doubles().between(0, 5).ofScale(3),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(RouterSpec::new);
        return router.list().ofMinSize(2).ofMaxSize(3);
    }

    @Property(tries = 150)
    @Label("RFC 2281 §5.3: a lossless segment converges to exactly one Active and one Standby, the winner set by priority and preemption")
    void convergesToOneActiveAndOneStandby(@ForAll("segments") List<RouterSpec> specs, @ForAll boolean version2) {
        HsrpTimers timers = version2 ? HsrpTimers.millis(300, 1000) : HsrpTimers.DEFAULT;
        long hold = timers.holdTimeMs() * MS;
        Segment segment = new Segment(LATENCY);
        boolean anyKnowsVip = specs.stream().anyMatch(RouterSpec::knowsVirtualIp);
        long lastStart = 0;
        for (int i = 0; i < specs.size(); i++) {
            RouterSpec s = specs.get(i);
            // RFC 2281 §5.2: at least one router of the group must know the virtual IP
            boolean knowsVip = s.knowsVirtualIp() || (!anyKnowsVip && i == 0);
            HsrpConfig config = HsrpConfig.of(version2 ? 2 : 1, 7, knowsVip ? VIP : null)
                    .withPriority(s.priority()).withTimers(timers).withPreempt(s.preempt());
            int r = segment.add(config, Ipv4Address.parse("10.0.0." + (i + 1)));
            long start = Math.round(s.startHolds() * hold);
            segment.startAt(r, start);
            lastStart = Math.max(lastStart, start);
        }
        long settled = lastStart + 12 * hold;
        segment.runUntil(settled);
        long quietFrom = settled - 3 * hold;
        segment.runUntil(settled + 3 * hold);

        List<Integer> active = inState(segment, HsrpState.ACTIVE);
        List<Integer> standby = inState(segment, HsrpState.STANDBY);
        assertEquals(1, active.size(), () -> "one Active: " + describe(segment, specs));
        assertEquals(1, standby.size(), () -> "one Standby: " + describe(segment, specs));
        for (int i = 0; i < segment.size(); i++) {
            if (i != active.get(0) && i != standby.get(0)) assertEquals(HsrpState.LISTEN, segment.state(i), "the others listen");
        }
        assertTrue(segment.changes.stream().noneMatch(c -> c.at() >= quietFrom), () -> "stable for 3 Holdtimes: " + describe(segment, specs));

        Comparator<Integer> rank = Comparator.<Integer>comparingInt(i -> specs.get(i).priority())
                .thenComparing(i -> segment.address(i));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) all.add(i);
        int best = all.stream().max(rank).orElseThrow();

        // RFC 2281 §5.7 note *: a router that preempts does not stay below a lower-priority Active
        if (specs.get(best).preempt()) assertEquals(best, active.get(0), () -> "the best router preempts: " + describe(segment, specs));

        // without preemption the first router to become Active keeps the role (Cisco's default behaviour)
        List<Integer> byStart = new ArrayList<>(all);
        byStart.sort(Comparator.comparingDouble(i -> specs.get(i).startHolds()));
        boolean nobodyPreempts = specs.stream().noneMatch(RouterSpec::preempt);
        double gap = specs.get(byStart.get(1)).startHolds() - specs.get(byStart.get(0)).startHolds();
        boolean firstKnowsVip = segment.router(byStart.get(0)).config().virtualIp() != null;
        if (nobodyPreempts && firstKnowsVip && gap > 2.01) {
            assertEquals(byStart.get(0), active.get(0), () -> "a lone first router is Active by 2 Holdtimes and keeps it: " + describe(segment, specs));
        }

        // the Standby role is always contested (events f, k, l): it goes to the best of the others
        int bestOther = all.stream().filter(i -> !i.equals(active.get(0))).max(rank).orElseThrow();
        assertEquals(bestOther, standby.get(0), () -> "the best non-Active router is Standby: " + describe(segment, specs));
    }

    private static List<Integer> inState(Segment s, HsrpState state) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) if (s.state(i) == state) found.add(i);
        return found;
    }

    private static String describe(Segment s, List<RouterSpec> specs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.size(); i++) sb.append("\n  ").append(s.address(i)).append(' ').append(specs.get(i)).append(" -> ").append(s.state(i));
        for (Segment.Change c : s.changes) sb.append("\n  ").append(c);
        return sb.toString();
    }
}
