package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.S;
import static io.firsthop.sim.fhrp.VrrpLab.VIP;
import static io.firsthop.sim.fhrp.VrrpLab.VMAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.l3.Router;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.core.vrrp.VrrpState;
import io.firsthop.sim.TraceSink;
import io.firsthop.wire.ArpPacket;
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
 * The properties, over random priorities (distinct), advertisement intervals, probe
 * intervals, failure kinds and failure times, with two or three routers: once converged there
 * is exactly one Master on the segment (two only for the instant an advertisement takes to
 * cross it, never none for longer than the RFC's bound), only the Master ever sends ARP for the
 * virtual address, and no host is without a gateway for longer than that bound plus one probe
 * interval, plus one Advertisement_Interval when a third router can race the new Master
 * ({@link #rivalTakeoverCost}).
 */
class VrrpFailoverProperties {
    enum Failure { POWER_FAILURE, HUNG, SHUTDOWN }

    record Scenario(List<Integer> priorities, int intervalCentiseconds, long probeInterval, Failure failure,
                    int failurePhasePermille, long seed) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Integer>> priorities = Arbitraries.integers().between(1, 254).list().ofMinSize(2).ofMaxSize(3).uniqueElements();
        return Combinators.combine(priorities, Arbitraries.integers().between(5, 100),
                        Arbitraries.longs().between(5, 50).map(ms -> ms * MS), Arbitraries.of(Failure.class),
                        Arbitraries.integers().between(0, 4999), Arbitraries.longs())
                .as(Scenario::new);
    }

    /** Watches every event: ARP for the virtual address, and how many Masters the LAN has, as (from, to, count) windows. */
    static final class MasterWatch implements TraceSink {
        record Window(long from, long to, int masters) {}

        final VrrpLab lab;
        final List<String> arpViolations = new ArrayList<>();
        final List<Window> windows = new ArrayList<>();
        int masters;
        long since;

        MasterWatch(VrrpLab lab) {
            this.lab = lab;
        }

        @Override
        public boolean wantsFrameEvents() {
            return true;
        }

        @Override
        public void accept(TraceEvent event) {
            if (event instanceof TraceEvent.FrameSent sent && sent.device().startsWith("r") && sent.port().equals("ge0")
                    && sent.frame().payload() instanceof ArpPacket arp && arp.senderIp().equals(VIP)) {
                int index = Integer.parseInt(sent.device().substring(1)) - 1;
                if (lab.lanGroups.get(index).state() != VrrpState.MASTER) {
                    arpViolations.add(sent.at() + ": " + sent.device() + " sent ARP for the virtual address as "
                            + lab.lanGroups.get(index).state());
                }
                if (!arp.senderMac().equals(VMAC)) arpViolations.add(sent.at() + ": ARP for the virtual address with " + arp.senderMac());
            }
            int now = count();
            if (now != masters) {
                windows.add(new Window(since, event.at(), masters));
                masters = now;
                since = event.at();
            }
        }

        int count() {
            int n = 0;
            for (int i = 0; i < lab.routers.size(); i++) {
                Router r = lab.routers.get(i);
                if (r.running() && lab.lanGroups.get(i).state() == VrrpState.MASTER) n++;
            }
            return n;
        }

        /** The windows overlapping [from, to), the one still open at {@code end} included. */
        List<Window> between(long from, long to, long end) {
            List<Window> all = new ArrayList<>(windows);
            all.add(new Window(since, end, masters));
            return all.stream().filter(w -> w.to() > from && w.from() < to).toList();
        }
    }

    static long masterDownInterval(long interval, int priority) {
        return 3 * interval + skewTime(interval, priority);
    }

    /** RFC 5798 §6.1, rounded up to whole nanoseconds as the core rounds timers (never earlier). */
    static long skewTime(long interval, int priority) {
        return Math.ceilDiv((256L - priority) * interval, 256L);
    }

    @Property(tries = 40)
    @StatisticsReport(onFailureOnly = true)
    @Label("RFC 5798 §6.4: after convergence exactly one Master, only it answers ARP for the virtual address, and no host is without a gateway past the bound")
    void oneMasterAndBoundedOutage(@ForAll("scenarios") Scenario s) {
        Statistics.label("failure").collect(s.failure());
        Statistics.label("routers").collect(s.priorities().size());
        Statistics.label("failure").coverage(c -> {
            for (Failure f : Failure.values()) c.check(f).count(n -> n > 0);
        });
        Statistics.label("routers").coverage(c -> c.check(3).count(n -> n > 0));
        check(s);
    }

    /** The property's assertions for one scenario, callable outside jqwik (samples it found are plain tests). */
    static void check(Scenario s) {
        int[] priorities = s.priorities().stream().mapToInt(Integer::intValue).toArray();
        VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(s.intervalCentiseconds()).withPriorities(priorities)
                .withProbeInterval(s.probeInterval()), s.seed());
        MasterWatch watch = new MasterWatch(lab);
        lab.sim.addTraceSink(watch);
        long interval = lab.options.intervalNanos();
        long latency = lab.options.latency();

        int top = indexOfMax(priorities, -1);
        int next = indexOfMax(priorities, top);
        long converged = masterDownInterval(interval, priorities[top]) + 2 * latency;
        long failureAt = converged + interval + s.failurePhasePermille() * interval / 1000;
        long bound = switch (s.failure()) {
            // RFC 5798 §6.4.2: the Master_Down_Timer set by the last advertisement accepted, which
            // may still have been crossing the switch when its sender died
            case POWER_FAILURE, HUNG -> masterDownInterval(interval, priorities[next]) + 2 * latency;
            // RFC 5798 §6.4.2: Skew_Time after the priority-0 advertisement, which crosses the switch first
            case SHUTDOWN -> skewTime(interval, priorities[next]) + 2 * latency;
        };
        String victim = VrrpLab.routerName(top);
        switch (s.failure()) {
            case POWER_FAILURE -> lab.sim.crash(failureAt, victim);
            case HUNG -> lab.sim.crash(failureAt, victim, false);
            case SHUTDOWN -> lab.sim.shutdown(failureAt, victim);
        }
        long end = failureAt + bound + 2 * S;
        lab.sim.runUntil(end);

        assertEquals(List.of(), watch.arpViolations, "only the Master sends ARP for the virtual address");
        for (MasterWatch.Window w : watch.between(converged, end, end)) {
            boolean inFailure = w.from() >= failureAt && w.to() <= failureAt + bound + 2 * latency;
            if (w.masters() == 0) {
                assertTrue(inFailure && w.to() - w.from() <= bound, "no Master during " + w + ", bound " + bound);
            } else if (w.masters() > 1) {
                assertTrue(w.to() - w.from() <= 2 * latency, "two Masters for longer than an advertisement's trip: " + w);
            }
        }
        assertEquals(1, watch.count(), "one Master at the end");
        VrrpGroup survivor = lab.lanGroups.get(next);
        assertEquals(VrrpState.MASTER, survivor.state(), "the highest surviving priority is Master");

        long slack = s.probeInterval() + 2 * MS;
        long hostBound = bound + rivalTakeoverCost(priorities, top, next, interval, latency);
        for (var host : List.of(lab.h1, lab.h2)) {
            assertEquals(VMAC, host.arpLookup(VIP), host.name() + " still resolves the gateway to the virtual MAC");
            long outage = lab.firstAnsweredProbeFrom(host.name(), failureAt) - failureAt;
            assertTrue(outage <= hostBound + slack,
                    host.name() + " without a gateway for " + outage + " ns, bound " + hostBound + " + " + slack);
        }
    }

    /**
     * What a third router racing the rightful new Master adds to the hosts' outage: one
     * Advertisement_Interval when the race is possible, else nothing. Derivation, RFC 5798 and
     * the lab's topology (every link {@code latency}, routers one switch apart):
     * <ol>
     * <li>Both surviving Backups start their Master_Down_Timer from the same frame (the failed
     *     Master's last advertisement, or its priority-0 one on shutdown), which reaches them at
     *     the same instant; so their timers fire Skew_Time(third) - Skew_Time(next) apart (§6.1:
     *     the intervals differ only in Skew_Time, and §6.4.2 sets the timer either way).</li>
     * <li>next's first advertisement as Master reaches third 2 * latency after next fires
     *     (router, switch, router). If third fires no later, it too becomes Master (§6.4.2) and
     *     sends its advertisement and gratuitous ARP from the virtual MAC (§7.3), which reach
     *     the switches after next's: they learn the virtual MAC on third's port, on the LAN and
     *     on the uplink segment alike.</li>
     * <li>third then hears next's higher priority and becomes Backup without a word (§6.4.3);
     *     next discards third's lower-priority advertisement (§6.4.3; only RFC 9568 answers it at
     *     once). Frames to the virtual MAC reach a Backup, which must drop them (§6.4.2), until
     *     next's following advertisement re-teaches the switches, one Advertisement_Interval
     *     after its first.</li>
     * </ol>
     * The Master count is not affected (third's Master window is at most 2 * latency), only
     * where the switches send the gateway's traffic.
     */
    static long rivalTakeoverCost(int[] priorities, int top, int next, long interval, long latency) {
        for (int i = 0; i < priorities.length; i++) {
            if (i == top || i == next) continue;
            if (skewTime(interval, priorities[i]) - skewTime(interval, priorities[next]) <= 2 * latency) return interval;
        }
        return 0;
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
