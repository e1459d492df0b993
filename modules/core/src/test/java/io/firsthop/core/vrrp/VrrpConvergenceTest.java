package io.firsthop.core.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Two or three VRRP routers on one lossless segment with a fixed delay ({@link VrrpSegment}):
 * random priorities, intervals, addresses and start times; the Master then crashes at a random
 * instant. The invariants come from RFC 5798 §6.4.
 */
class VrrpConvergenceTest {
    static final int VRID = 51;
    static final List<Ipv4Address> VIPS = List.of(Ipv4Address.parse("10.0.0.1"));
    static final long SECOND = 1_000_000_000L;
    static final long MILLISECOND = 1_000_000L;

    record Node(int priority, boolean preempt, long interval, long startAt, Ipv4Address address, VrrpConfig config) {}

    record Scenario(int version, List<Node> nodes, long delay, double crashFraction) {
        long maxInterval() {
            return nodes.stream().mapToLong(Node::interval).max().orElseThrow();
        }

        long lastStart() {
            return nodes.stream().mapToLong(Node::startAt).max().orElseThrow();
        }

        /** By the time every router has started and sat out a Master_Down_Interval (at most 4 intervals), it has settled. */
        long convergedBy() {
            return lastStart() + 5 * maxInterval() + 2 * delay + 10 * MILLISECOND;
        }

        VrrpSegment segment() {
            List<VrrpRouter> routers = new ArrayList<>();
            for (Node n : nodes) routers.add(new VrrpRouter(n.config(), n.address()));
            VrrpSegment segment = new VrrpSegment(routers, delay);
            for (int i = 0; i < nodes.size(); i++) segment.startAt(i, nodes.get(i).startAt());
            return segment;
        }
    }

    /** Higher priority first, then the higher primary address (RFC 5798 §6.4.3). */
    static Comparator<Integer> better(Scenario s) {
        return Comparator.<Integer>comparingInt(i -> s.nodes().get(i).priority())
                .thenComparing(i -> s.nodes().get(i).address());
    }

    /** RFC 5798 §6.1 (RFC 3768 §6.1 for v2), exact, rounded up to the nanosecond the clock can hold. */
    static long masterDownInterval(int version, int priority, long masterAdverInterval) {
        long skewBase = version == 3 ? masterAdverInterval : SECOND;
        long skewTime = Math.ceilDiv((256L - priority) * skewBase, 256L);
        return 3 * masterAdverInterval + skewTime;
    }

    @Property(tries = 150)
    @Label("RFC 5798 §6.4: with distinct priorities the segment converges to exactly one Master, the best (priority, address); "
            + "when it crashes the best remaining router takes over Master_Down_Interval after the last advertisement it received")
    void convergesToTheBestAndFailsOverInMasterDownInterval(@ForAll("distinctPriorities") Scenario s) {
        VrrpSegment segment = s.segment();
        int n = s.nodes().size();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(i);
        int best = all.stream().max(better(s)).orElseThrow();

        segment.runUntil(s.convergedBy(), () -> { });
        assertEquals(List.of(best), segment.masters(), "converged Master");

        long crashAt = s.convergedBy() + (long) (s.crashFraction() * 3 * s.nodes().get(best).interval());
        int transitionsBefore = segment.transitions().size();
        segment.runUntil(crashAt - 1, () -> assertEquals(List.of(best), segment.masters(), "Master stays put"));
        assertEquals(transitionsBefore, segment.transitions().size(), "no transition once converged");

        segment.crashAt(best, crashAt);
        long end = crashAt + 5 * s.maxInterval() + SECOND;
        segment.runUntil(end, () -> { });

        all.remove(Integer.valueOf(best));
        int successor = all.stream().max(better(s)).orElseThrow();
        assertEquals(List.of(successor), segment.masters(), "Master after the crash");
        long tookOver = segment.transitions().stream()
                .filter(t -> t.node() == successor && t.at() >= crashAt && t.to() == VrrpState.MASTER)
                .mapToLong(VrrpSegment.Transition::at).min().orElseThrow();
        // v3 Backups learnt the crashed Master's interval; v2 routers all share one.
        long masterAdverInterval = s.nodes().get(best).interval();
        long mdi = masterDownInterval(s.version(), s.nodes().get(successor).priority(), masterAdverInterval);
        long lastHeard = segment.lastDelivered(best, successor);
        assertEquals(lastHeard + mdi, tookOver, "takeover instant");
        assertTrue(tookOver - (lastHeard - s.delay()) <= mdi + s.delay(), "within Master_Down_Interval + delay of the last advert sent");
        assertEquals(NewMasterReason.NO_RESPONSE, segment.router(successor).newMasterReason());
        assertTrue(segment.discards().stream().allMatch(d -> d.contains("LOCAL_ADDRESS_OWNER")), () -> segment.discards().toString());
    }

    @Property(tries = 100)
    @Label("RFC 5798 §6.4.2/§6.4.3: with equal priorities and any Preempt_Mode the segment still settles on exactly one Master")
    void settlesOnOneMasterWithTiesAndNoPreempt(@ForAll("tiedPriorities") Scenario s) {
        VrrpSegment segment = s.segment();
        segment.runUntil(s.convergedBy(), () -> { });
        List<Integer> masters = segment.masters();
        assertEquals(1, masters.size(), () -> "Masters " + masters + " after " + segment.transitions());
        int transitionsBefore = segment.transitions().size();
        segment.runUntil(s.convergedBy() + 5 * s.maxInterval(), () -> assertEquals(masters, segment.masters()));
        assertEquals(transitionsBefore, segment.transitions().size(), "no transition once settled");
    }

    @Example
    @Label("RFC 5798 §6.4.3: two equal-priority routers that become Master at the same instant settle on the greater primary address")
    void simultaneousMastersBreakTieByAddress() {
        long delay = MILLISECOND;
        VrrpConfig config = VrrpConfig.v3(VRID, 100, 100, VIPS);
        Ipv4Address low = Ipv4Address.parse("10.0.0.2");
        Ipv4Address high = Ipv4Address.parse("10.0.0.3");
        VrrpSegment segment = new VrrpSegment(List.of(new VrrpRouter(config, low), new VrrpRouter(config, high)), delay);
        segment.startAt(0, 0);
        segment.startAt(1, 0);
        segment.runUntil(10 * SECOND, () -> { });
        long mdi = masterDownInterval(3, 100, SECOND);
        assertEquals(List.of(
                new VrrpSegment.Transition(0, 0, VrrpState.INITIALIZE, VrrpState.BACKUP, VrrpCause.STARTUP),
                new VrrpSegment.Transition(0, 1, VrrpState.INITIALIZE, VrrpState.BACKUP, VrrpCause.STARTUP),
                new VrrpSegment.Transition(mdi, 0, VrrpState.BACKUP, VrrpState.MASTER, VrrpCause.NO_RESPONSE),
                new VrrpSegment.Transition(mdi, 1, VrrpState.BACKUP, VrrpState.MASTER, VrrpCause.NO_RESPONSE),
                new VrrpSegment.Transition(mdi + delay, 0, VrrpState.MASTER, VrrpState.BACKUP, VrrpCause.HIGHER_PRIORITY_BACKUP)),
                segment.transitions());
        assertEquals(List.of(1), segment.masters());
    }

    @Provide
    Arbitrary<Scenario> distinctPriorities() {
        return scenarios(Arbitraries.integers().between(1, 255), true, false);
    }

    @Provide
    Arbitrary<Scenario> tiedPriorities() {
        return scenarios(Arbitraries.integers().between(99, 101), false, true);
    }

    private Arbitrary<Scenario> scenarios(Arbitrary<Integer> priority, boolean distinct, boolean randomPreempt) {
        return Arbitraries.integers().between(2, 3).flatMap(n -> Combinators.combine(
                distinct ? priority.list().ofSize(n).uniqueElements() : priority.list().ofSize(n),
                Arbitraries.integers().between(1, 300).list().ofSize(n),
                Arbitraries.longs().between(0, 5 * SECOND).list().ofSize(n),
                Arbitraries.integers().between(2, 254).list().ofSize(n).uniqueElements(),
                Arbitraries.longs().between(0, 5 * MILLISECOND),
                Arbitraries.of(2, 3),
                Arbitraries.of(false, true).list().ofSize(n + 1),
                Arbitraries.doubles().between(0, 1))
                .as((priorities, intervals, starts, octets, delay, version, flags, crashFraction) -> {
                    boolean rfc9568 = version == 3 && flags.get(n);
                    List<Node> nodes = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int p = priorities.get(i);
                        boolean preempt = !randomPreempt || flags.get(i);
                        // v3: any interval from 10 ms to 3 s; v2 routers must share one (RFC 3768 §7.1).
                        int interval = version == 3 ? intervals.get(i) : 1 + intervals.getFirst() % 3;
                        VrrpConfig config = (version == 3
                                ? VrrpConfig.v3(VRID, p, interval, VIPS).withRfc9568(rfc9568)
                                : VrrpConfig.v2(VRID, p, interval, VIPS)).withPreempt(preempt);
                        Ipv4Address address = new Ipv4Address(Ipv4Address.parse("10.0.0.0").value() + octets.get(i));
                        nodes.add(new Node(p, preempt, config.advertisementIntervalNanos(), starts.get(i), address, config));
                    }
                    return new Scenario(version, nodes, delay, crashFraction);
                }));
    }
}
