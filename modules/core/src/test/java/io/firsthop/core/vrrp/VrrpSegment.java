package io.firsthop.core.vrrp;

import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A tiny discrete-event loop for tests: a few {@link VrrpRouter}s on one segment that
 * delivers every advertisement to every other router after a fixed delay, without loss, and
 * fires their timers exactly on time. Events at the same instant run in the order they were
 * scheduled.
 */
final class VrrpSegment {
    /** A state change seen on the segment. */
    record Transition(long at, int node, VrrpState from, VrrpState to, VrrpCause cause) {}

    private record Event(long at, long seq, int node, VrrpInput input, int sender, VrrpTimer timer, long generation) {}

    private final VrrpRouter[] routers;
    private final long delay;
    private final boolean[] alive;
    private final long[][] timerGeneration;
    private final long[][] lastDelivered;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<Transition> transitions = new ArrayList<>();
    private final List<String> discards = new ArrayList<>();
    private long seq;
    private long now;

    VrrpSegment(List<VrrpRouter> routers, long delay) {
        this.routers = routers.toArray(VrrpRouter[]::new);
        this.delay = delay;
        this.alive = new boolean[this.routers.length];
        this.timerGeneration = new long[this.routers.length][VrrpTimer.values().length];
        this.lastDelivered = new long[this.routers.length][this.routers.length];
        for (long[] row : lastDelivered) Arrays.fill(row, -1);
    }

    VrrpRouter router(int node) {
        return routers[node];
    }

    int size() {
        return routers.length;
    }

    long now() {
        return now;
    }

    List<Transition> transitions() {
        return transitions;
    }

    /** §7.1 discards seen; a healthy segment of well-configured routers has none. */
    List<String> discards() {
        return discards;
    }

    /** When {@code receiver} last got an advertisement from {@code sender}, or -1. */
    long lastDelivered(int sender, int receiver) {
        return lastDelivered[sender][receiver];
    }

    void startAt(int node, long at) {
        schedule(at, node, VrrpInput.STARTUP, -1, null, 0);
    }

    /** The router dies silently at {@code at}: its timers die with it; frames already sent still arrive. */
    void crashAt(int node, long at) {
        schedule(at, node, null, -1, null, 0);
    }

    /** Runs every event due up to and including {@code until}, calling {@code afterEach} after each. */
    void runUntil(long until, Runnable afterEach) {
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Event e = queue.poll();
            now = e.at;
            dispatch(e);
            afterEach.run();
        }
        now = Math.max(now, until);
    }

    private void dispatch(Event e) {
        int node = e.node;
        if (e.input == null) {
            alive[node] = false;
            return;
        }
        if (e.input instanceof VrrpInput.Startup) alive[node] = true;
        if (!alive[node]) return;
        if (e.timer != null && timerGeneration[node][e.timer.ordinal()] != e.generation) return; // moved or cancelled
        if (e.sender >= 0) lastDelivered[e.sender][node] = e.at;
        for (VrrpOutput output : routers[node].handle(e.input, e.at)) {
            switch (output) {
                case VrrpOutput.SendAdvert send -> {
                    VrrpInput.AdvertReceived received =
                            new VrrpInput.AdvertReceived(routers[node].primaryAddress(), 255, send.advert());
                    for (int other = 0; other < routers.length; other++) {
                        if (other != node) schedule(e.at + delay, other, received, node, null, 0);
                    }
                }
                case VrrpOutput.ArmTimer arm -> {
                    long generation = ++timerGeneration[node][arm.timer().ordinal()];
                    schedule(arm.at(), node, arm.timer() == VrrpTimer.ADVER_TIMER
                            ? VrrpInput.ADVER_TIMER_FIRED : VrrpInput.MASTER_DOWN_TIMER_FIRED, -1, arm.timer(), generation);
                }
                case VrrpOutput.CancelTimer cancel -> timerGeneration[node][cancel.timer().ordinal()]++;
                case VrrpOutput.StateChanged changed ->
                        transitions.add(new Transition(e.at, node, changed.from(), changed.to(), changed.cause()));
                case VrrpOutput.AdvertDiscarded discarded -> discards.add(node + ": " + discarded);
                case VrrpOutput.SendGratuitousArp garp -> { }
            }
        }
    }

    private void schedule(long at, int node, VrrpInput input, int sender, VrrpTimer timer, long generation) {
        queue.add(new Event(at, seq++, node, input, sender, timer, generation));
    }

    /** The nodes that are alive and Master now. */
    List<Integer> masters() {
        List<Integer> masters = new ArrayList<>();
        for (int i = 0; i < routers.length; i++) {
            if (alive[i] && routers[i].state() == VrrpState.MASTER) masters.add(i);
        }
        return masters;
    }

    static Ipv4Address address(int node) {
        return new Ipv4Address(Ipv4Address.parse("10.0.0.10").value() + node);
    }
}
