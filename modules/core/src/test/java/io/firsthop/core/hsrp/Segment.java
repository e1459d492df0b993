package io.firsthop.core.hsrp;

import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A tiny lossless LAN for HSRP cores: every message reaches every other running router after
 * {@code latency}; timers fire exactly at their deadlines; events at the same instant run in
 * the order they were scheduled. Used to check elections and failover bounds end to end.
 */
final class Segment {
    record Change(long at, int router, HsrpState from, HsrpState to, String cause) {}

    private record Event(long at, long seq, int router, Object what) {}

    private static final Object CRASH = "crash";
    private static final long NONE = Long.MIN_VALUE;

    private final long latency;
    private final List<HsrpConfig> configs = new ArrayList<>();
    private final List<Ipv4Address> addresses = new ArrayList<>();
    private final List<HsrpRouter> routers = new ArrayList<>();
    private final List<Boolean> up = new ArrayList<>();
    private final List<long[]> deadlines = new ArrayList<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now;
    final List<Change> changes = new ArrayList<>();
    /** Every message sent, with its sender index, in order. */
    final List<Sent> sent = new ArrayList<>();

    record Sent(long at, int router, HsrpOutput.Send message) {}

    Segment(long latency) {
        this.latency = latency;
    }

    int add(HsrpConfig config, Ipv4Address address) {
        configs.add(config);
        addresses.add(address);
        routers.add(new HsrpRouter(config));
        up.add(false);
        long[] d = new long[HsrpTimer.values().length];
        Arrays.fill(d, NONE);
        deadlines.add(d);
        return routers.size() - 1;
    }

    void startAt(int router, long at) {
        schedule(at, router, new HsrpInput.Startup(addresses.get(router)));
    }

    void shutdownAt(int router, long at) {
        schedule(at, router, HsrpInput.SHUTDOWN);
    }

    void crashAt(int router, long at) {
        schedule(at, router, CRASH);
    }

    void priorityAt(int router, long at, int priority) {
        schedule(at, router, new HsrpInput.PriorityChanged(priority));
    }

    HsrpState state(int router) {
        return routers.get(router).state();
    }

    HsrpRouter router(int router) {
        return routers.get(router);
    }

    Ipv4Address address(int router) {
        return addresses.get(router);
    }

    int size() {
        return routers.size();
    }

    /** The first time {@code router} entered {@code state} at or after {@code from}, or -1. */
    long firstEntry(int router, HsrpState state, long from) {
        for (Change c : changes) {
            if (c.router == router && c.to == state && c.at >= from) return c.at;
        }
        return -1;
    }

    void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Event e = queue.poll();
            now = e.at;
            int r = e.router;
            switch (e.what) {
                case HsrpTimer t -> {
                    long[] d = deadlines.get(r);
                    if (!up.get(r) || d[t.ordinal()] != e.at) continue;
                    d[t.ordinal()] = NONE;
                    deliver(r, HsrpInput.expired(t));
                }
                case HsrpInput.Startup s -> {
                    up.set(r, true);
                    deliver(r, s);
                }
                case HsrpInput.Shutdown s -> {
                    deliver(r, s);
                    stop(r);
                }
                case HsrpInput in -> {
                    if (up.get(r)) deliver(r, in);
                }
                default -> {
                    if (e.what == CRASH) stop(r);
                }
            }
        }
        now = end;
    }

    private void stop(int r) {
        up.set(r, false);
        Arrays.fill(deadlines.get(r), NONE);
        routers.set(r, new HsrpRouter(configs.get(r)));
    }

    private void deliver(int r, HsrpInput in) {
        for (HsrpOutput o : routers.get(r).handle(in, now)) {
            switch (o) {
                case HsrpOutput.Send s -> {
                    sent.add(new Sent(now, r, s));
                    for (int j = 0; j < routers.size(); j++) {
                        if (j != r && up.get(j)) schedule(now + latency, j, HsrpInput.received(s.opCode(), addresses.get(r), s.pdu()));
                    }
                }
                case HsrpOutput.ArmTimer a -> {
                    deadlines.get(r)[a.timer().ordinal()] = a.at();
                    schedule(a.at(), r, a.timer());
                }
                case HsrpOutput.CancelTimer c -> deadlines.get(r)[c.timer().ordinal()] = NONE;
                case HsrpOutput.StateChanged c -> changes.add(new Change(now, r, c.from(), c.to(), c.cause()));
                case HsrpOutput.SendGratuitousArp g -> {
                }
                case HsrpOutput.AuthenticationFailed f -> {
                }
            }
        }
    }

    private void schedule(long at, int router, Object what) {
        queue.add(new Event(at, seq++, router, what));
    }
}
