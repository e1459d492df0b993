package io.firsthop.core.glbp;

import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A test bench: {@link GlbpRouter} cores on one shared segment, driven by a deterministic
 * discrete-event loop in virtual time. Multicast reaches every other running member after
 * {@code linkDelay}; unicast reaches the member with the destination address. Timers behave as
 * the runtimes' do: arming a key moves it, cancelling removes it. Events due at the same instant
 * run in the order they were scheduled.
 */
final class GlbpLan {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final long linkDelay;
    final List<Member> members = new ArrayList<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final List<Partition> partitions = new ArrayList<>();
    private long seq;
    private long now;

    GlbpLan(long linkDelay) {
        this.linkDelay = linkDelay;
    }

    GlbpLan() {
        this(0);
    }

    /** A member named {@code name} at 10.0.0.{@code host} with interface MAC 02:00:00:00:00:{@code host}. */
    Member add(String name, int host, GlbpConfig config) {
        Member m = new Member(name, config, Ipv4Address.parse("10.0.0." + host), new MacAddress(0x0200_0000_0000L | host));
        members.add(m);
        return m;
    }

    long now() {
        return now;
    }

    void input(Member m, long at, GlbpInput input) {
        schedule(at, m, input);
    }

    void start(Member m, long at) {
        schedule(at, m, new Restart());
    }

    /** The member dies silently: no goodbye, every timer and all state lost. */
    void crash(Member m, long at) {
        schedule(at, m, new Crash());
    }

    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Event e = queue.poll();
            now = e.at;
            Member m = e.target;
            switch (e.what) {
                case Crash c -> {
                    m.up = false;
                    m.timers.clear();
                    m.core = null;
                }
                case Restart r -> {
                    m.core = new GlbpRouter(m.config, m.mac, m.ip);
                    m.up = true;
                    apply(m, m.core.handle(GlbpInput.STARTUP, now));
                }
                case TimerToken t -> {
                    Long current = m.timers.get(t.timer);
                    if (m.up && current != null && current == e.seq) {
                        m.timers.remove(t.timer);
                        apply(m, m.core.handle(new GlbpInput.TimerFired(t.timer), now));
                    }
                }
                case GlbpInput in -> {
                    if (m.up) apply(m, m.core.handle(in, now));
                }
                default -> throw new IllegalStateException("unknown event " + e.what);
            }
        }
        now = Math.max(now, until);
    }

    private void apply(Member m, List<GlbpOutput> outputs) {
        for (GlbpOutput o : outputs) {
            m.log.add(new Logged(now, o));
            switch (o) {
                case GlbpOutput.Send s -> {
                    m.lastSentAt = now;
                    for (Member other : members) {
                        if (other == m || cut(m, other)) continue;
                        if (s.destination().isMulticast() || s.destination().equals(other.ip)) {
                            schedule(now + linkDelay, other, new GlbpInput.MessageReceived(m.ip, s.destination(), s.message()));
                        }
                    }
                }
                case GlbpOutput.ArmTimer a -> {
                    long id = schedule(a.at(), m, new TimerToken(a.timer()));
                    m.timers.put(a.timer(), id);
                }
                case GlbpOutput.CancelTimer c -> m.timers.remove(c.timer());
                default -> { }
            }
        }
    }

    /** Between {@code from} and {@code to}, messages between {@code side} and the other members are lost. */
    void partition(long from, long to, Set<Member> side) {
        partitions.add(new Partition(from, to, Set.copyOf(side)));
    }

    private boolean cut(Member a, Member b) {
        for (Partition p : partitions) {
            if (now >= p.from && now < p.to && p.side.contains(a) != p.side.contains(b)) return true;
        }
        return false;
    }

    private record Partition(long from, long to, Set<Member> side) {}

    private long schedule(long at, Member m, Object what) {
        long id = seq++;
        queue.add(new Event(at, id, m, what));
        return id;
    }

    // ---------------------------------------------------------------- observations

    /** The members that are AVG now. */
    List<Member> avgs() {
        List<Member> r = new ArrayList<>();
        for (Member m : members) if (m.up && m.core.isAvg()) r.add(m);
        return r;
    }

    /** The members that are AVF for {@code forwarder} now. */
    List<Member> avfs(int forwarder) {
        List<Member> r = new ArrayList<>();
        for (Member m : members) if (m.up && m.core.vfState(forwarder) == GlbpVfState.ACTIVE) r.add(m);
        return r;
    }

    static MacAddress vmac(int group, int forwarder) {
        return GlbpMessage.virtualMac(group, forwarder);
    }

    final class Member {
        final String name;
        final GlbpConfig config;
        final Ipv4Address ip;
        final MacAddress mac;
        GlbpRouter core;
        boolean up;
        long lastSentAt = Long.MIN_VALUE;
        final Map<GlbpTimer, Long> timers = new HashMap<>();
        final List<Logged> log = new ArrayList<>();

        Member(String name, GlbpConfig config, Ipv4Address ip, MacAddress mac) {
            this.name = name;
            this.config = config;
            this.ip = ip;
            this.mac = mac;
        }

        /** When the first output matching {@code p} happened, or -1. */
        long firstAt(Predicate<GlbpOutput> p) {
            for (Logged l : log) if (p.test(l.output)) return l.at;
            return -1;
        }

        /** When the first output matching {@code p} at or after {@code from} happened, or -1. */
        long firstAtOrAfter(long from, Predicate<GlbpOutput> p) {
            for (Logged l : log) if (l.at >= from && p.test(l.output)) return l.at;
            return -1;
        }

        /** When the last output matching {@code p} happened, or -1. */
        long lastAt(Predicate<GlbpOutput> p) {
            long at = -1;
            for (Logged l : log) if (p.test(l.output)) at = l.at;
            return at;
        }

        <T extends GlbpOutput> List<T> outputs(Class<T> type) {
            List<T> r = new ArrayList<>();
            for (Logged l : log) if (type.isInstance(l.output)) r.add(type.cast(l.output));
            return r;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Predicate<GlbpOutput> vgBecame(GlbpVgState to) {
        return o -> o instanceof GlbpOutput.VgStateChanged v && v.to() == to;
    }

    static Predicate<GlbpOutput> vfBecame(int forwarder, GlbpVfState to) {
        return o -> o instanceof GlbpOutput.VfStateChanged v && v.forwarder() == forwarder && v.to() == to;
    }

    record Logged(long at, GlbpOutput output) {}

    private record Crash() {}

    private record Restart() {}

    private record TimerToken(GlbpTimer timer) {}

    private record Event(long at, long seq, Member target, Object what) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
