package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.HsrpLab.MS;
import static io.firsthop.sim.fhrp.HsrpLab.S;
import static io.firsthop.sim.fhrp.HsrpLab.UPLINK_VIP;
import static io.firsthop.sim.fhrp.HsrpLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceSink;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.HsrpState;
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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The properties for HSRP, over random versions, timers (whole seconds for version 1,
 * milliseconds for version 2), distinct priorities, preemption switches, probe intervals,
 * failure kinds and failure times, with two or three routers: once converged each group (the
 * LAN's and the uplink's) has exactly one Active (two only for the instant a Coup takes to cross
 * the switch, none never longer than the bound), only the Active ever sends ARP for its virtual
 * address, and no host is without a working gateway for longer than the bound plus one probe
 * interval. The bound is RFC 2281's: a silent failure is noticed one Holdtime after the last
 * hello, which may still have been crossing the switch (§5.7 (c, Standby)); a shutdown the
 * moment the Resign arrives (§5.7 (i, Standby)).
 */
class HsrpFailoverProperties {
    enum Failure { POWER_FAILURE, HUNG, SHUTDOWN }

    record Scenario(List<Integer> priorities, List<Boolean> preempt, int version, int helloMs, int holdMs, long probeInterval,
                    Failure failure, int failurePhasePermille, long seed) {
        HsrpLab.Options options() {
            boolean[] pre = new boolean[priorities.size()];
            for (int i = 0; i < pre.length; i++) pre[i] = preempt.get(i);
            return new HsrpLab.Options(version, new HsrpTimers(helloMs, holdMs), priorities.stream().mapToInt(Integer::intValue).toArray(),
                    pre, 100 * HsrpLab.US, probeInterval);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Integer>> priorities = Arbitraries.integers().between(1, 255).list().ofMinSize(2).ofMaxSize(3).uniqueElements();
        Arbitrary<List<Boolean>> preempt = Arbitraries.of(true, false).list().ofSize(3);
        // version 1: whole seconds, hello 1..3 s, hold 3..4 hellos; version 2: hello 50..1000 ms, hold 3..4 hellos
        Arbitrary<int[]> v1Timers = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
                .as((hello, extra) -> new int[] {1, hello * 1000, (3 * hello + Math.min(extra, hello)) * 1000});
        Arbitrary<int[]> v2Timers = Combinators.combine(Arbitraries.integers().between(50, 1000), Arbitraries.integers().between(0, 1000))
                .as((hello, extra) -> new int[] {2, hello, 3 * hello + extra * hello / 1000});
        Arbitrary<int[]> timers = Arbitraries.oneOf(v1Timers, v2Timers);
        return Combinators.combine(priorities, preempt, timers, Arbitraries.longs().between(5, 50).map(ms -> ms * MS),
                        Arbitraries.of(Failure.class), Arbitraries.integers().between(0, 4999), Arbitraries.longs())
                .as((p, pre, t, probe, failure, phase, seed) -> new Scenario(p, pre, t[0], t[1], t[2], probe, failure, phase, seed));
    }

    /** Watches every event: ARP for the virtual addresses, and how many Actives each group has, as (from, to, count) windows. */
    static final class ActiveWatch implements TraceSink {
        record Window(long from, long to, int actives) {}

        final HsrpLab lab;
        final List<String> arpViolations = new ArrayList<>();
        final List<List<Window>> windows = List.of(new ArrayList<>(), new ArrayList<>());
        final int[] actives = new int[2];
        final long[] since = new long[2];

        ActiveWatch(HsrpLab lab) {
            this.lab = lab;
        }

        List<HsrpGroup> groups(int segment) {
            return segment == 0 ? lab.lanGroups : lab.uplinkGroups;
        }

        @Override
        public boolean wantsFrameEvents() {
            return true;
        }

        @Override
        public void accept(TraceEvent event) {
            if (event instanceof TraceEvent.FrameSent sent && sent.device().startsWith("r")
                    && sent.frame().payload() instanceof ArpPacket arp) {
                int segment = sent.port().equals("ge0") ? 0 : 1;
                Ipv4Address vip = segment == 0 ? VIP : UPLINK_VIP;
                if (arp.senderIp().equals(vip)) {
                    HsrpGroup g = groups(segment).get(Integer.parseInt(sent.device().substring(1)) - 1);
                    if (g.state() != HsrpState.ACTIVE) {
                        arpViolations.add(sent.at() + ": " + sent.device() + " sent ARP for " + vip + " as " + g.state());
                    }
                    if (!arp.senderMac().equals(lab.vmac)) arpViolations.add(sent.at() + ": ARP for " + vip + " with " + arp.senderMac());
                }
            }
            for (int segment = 0; segment < 2; segment++) {
                int now = count(segment);
                if (now != actives[segment]) {
                    windows.get(segment).add(new Window(since[segment], event.at(), actives[segment]));
                    actives[segment] = now;
                    since[segment] = event.at();
                }
            }
        }

        int count(int segment) {
            int n = 0;
            for (int i = 0; i < lab.routers.size(); i++) {
                if (lab.routers.get(i).running() && groups(segment).get(i).state() == HsrpState.ACTIVE) n++;
            }
            return n;
        }

        /** The windows of {@code segment} overlapping [from, to), the one still open at {@code end} included. */
        List<Window> between(int segment, long from, long to, long end) {
            List<Window> all = new ArrayList<>(windows.get(segment));
            all.add(new Window(since[segment], end, actives[segment]));
            return all.stream().filter(w -> w.to() > from && w.from() < to).toList();
        }
    }

    @Property(tries = 40)
    @StatisticsReport(onFailureOnly = true)
    @Label("RFC 2281 §5.7: after convergence exactly one Active per group, only it answers ARP for the virtual address, and no host is without a gateway past the bound")
    void oneActiveAndBoundedOutage(@ForAll("scenarios") Scenario s) {
        Statistics.label("failure").collect(s.failure());
        Statistics.label("routers").collect(s.priorities().size());
        Statistics.label("version").collect(s.version());
        HsrpLab lab = new HsrpLab(s.options(), s.seed());
        ActiveWatch watch = new ActiveWatch(lab);
        lab.sim.addTraceSink(watch);
        long hello = s.helloMs() * MS;
        long hold = s.holdMs() * MS;
        long latency = lab.options.latency();

        int[] priorities = lab.options.priorities();
        int top = indexOfMax(priorities, -1);
        int next = indexOfMax(priorities, top);
        // Listen for one Holdtime, Speak for one more, then Active; the Standby is elected one Holdtime later
        long converged = 3 * hold + hello + 4 * latency;
        long failureAt = converged + s.failurePhasePermille() * hello / 1000;
        long bound = switch (s.failure()) {
            case POWER_FAILURE, HUNG -> hold + 2 * latency;
            case SHUTDOWN -> 2 * latency;
        };
        String victim = HsrpLab.routerName(top);
        switch (s.failure()) {
            case POWER_FAILURE -> lab.sim.crash(failureAt, victim);
            case HUNG -> lab.sim.crash(failureAt, victim, false);
            case SHUTDOWN -> lab.sim.shutdown(failureAt, victim);
        }
        long end = failureAt + bound + 2 * hold + S;
        lab.sim.runUntil(end);

        assertEquals(List.of(), watch.arpViolations, "only the Active sends ARP for the virtual address");
        for (int segment = 0; segment < 2; segment++) {
            assertTrue(watch.groups(segment).get(top).state() != HsrpState.ACTIVE, "the victim is no longer Active");
            for (ActiveWatch.Window w : watch.between(segment, converged, end, end)) {
                boolean inFailure = w.from() >= failureAt && w.to() <= failureAt + bound;
                if (w.actives() == 0) {
                    assertTrue(inFailure && w.to() - w.from() <= bound, "segment " + segment + ": no Active during " + w + ", bound " + bound);
                } else if (w.actives() > 1) {
                    assertTrue(w.to() - w.from() <= 2 * latency, "segment " + segment + ": two Actives for longer than a Coup's trip: " + w);
                }
            }
            assertEquals(1, watch.count(segment), "one Active at the end on segment " + segment);
            assertEquals(HsrpState.ACTIVE, watch.groups(segment).get(next).state(), "the former Standby, next in priority, is Active");
        }

        Statistics.label("failure").coverage(c -> {
            for (Failure f : Failure.values()) c.check(f).count(n -> n > 0);
        });
        Statistics.label("routers").coverage(c -> c.check(3).count(n -> n > 0));
        Statistics.label("version").coverage(c -> {
            c.check(1).count(n -> n > 0);
            c.check(2).count(n -> n > 0);
        });
        long slack = s.probeInterval() + 2 * MS;
        for (var host : List.of(lab.h1, lab.h2)) {
            assertEquals(lab.vmac, host.arpLookup(VIP), host.name() + " still resolves the gateway to the virtual MAC");
            long outage = lab.firstAnsweredProbeFrom(host.name(), failureAt) - failureAt;
            assertTrue(outage <= bound + slack, host.name() + " without a gateway for " + outage + " ns, bound " + bound + " + " + slack);
        }
    }

    /** The index of the highest priority, skipping {@code except}. */
    static int indexOfMax(int[] priorities, int except) {
        int best = -1;
        for (int i = 0; i < priorities.length; i++) {
            if (i != except && (best < 0 || priorities[i] > priorities[best])) best = i;
        }
        return best;
    }
}
