package io.firsthop.cluster;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases messages to actors at precise instants of the {@link RunClock}: frames due at
 * the far end of a link and device timers. One per site (ActorSystem), on a dedicated
 * daemon thread.
 *
 * <p>Why not Pekko's scheduler: it ticks every 10 ms and rounds delays up to a whole tick
 * (measured 15-25 ms late), far coarser than a 2 ms inter-site link or a 100 ms VRRP
 * advertisement interval needs. This thread keeps a priority queue of
 * {@code (due, seq, target, message)}, parks until shortly before the earliest deadline,
 * spins to the instant, then {@code tell}s. Entries with the same deadline leave in
 * submission order. How long before is learned: a parked thread wakes late (timer slack,
 * idle CPUs; measured 75 us after a 1 ms park and 190-240 us after 100 ms on this project's
 * machines), so the thread tracks how late its parks overshoot (a peak that decays) and
 * stops parking that much, plus a margin, before the deadline, never less than
 * {@code spin}.
 *
 * <p>Thread-safe: any thread may {@link #schedule}. The release lateness (release instant
 * minus deadline) of every message is recorded; {@link #latenessSnapshot()} reads it.
 */
public final class PreciseDelivery implements AutoCloseable {
    private static final long NOT_PARKED = Long.MIN_VALUE;
    private static final long OVERSHOOT_MARGIN = 30_000;
    private static final long MAX_SPIN = 2_000_000;

    private final RunClock clock;
    private final long spinNanos;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Entry> inbox = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Entry> heap = new PriorityQueue<>(1024, PreciseDelivery::compare);
    private final Recorder lateness = new Recorder(3);
    private final Histogram latenessTotal = new Histogram(3);
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** The deadline the thread sleeps towards; producers wake it only for an earlier one. */
    private volatile long parkedUntil = NOT_PARKED;
    private volatile boolean closed;
    private long nextSeq;
    /** A decaying peak of how late parkNanos returned past the time asked for. */
    private long overshoot;

    /**
     * Starts the delivery thread.
     *
     * @param name      the thread's name (e.g. "firsthop-delivery-seoul")
     * @param spinNanos how long before a deadline to stop parking and spin, at least (the thread
     *                  spins longer when it observes its parks overshooting by more)
     */
    public PreciseDelivery(String name, RunClock clock, long spinNanos) {
        if (spinNanos < 0) throw new IllegalArgumentException("spin must be >= 0, was " + spinNanos);
        this.clock = clock;
        this.spinNanos = spinNanos;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Tells {@code message} to {@code target} at run-clock instant {@code due} (at once if past). */
    public <T> void schedule(long due, ActorRef<T> target, T message) {
        inbox.offer(new Entry(due, target, message));
        if (due < parkedUntil) {
            LockSupport.unpark(thread);
        }
    }

    /** The clock deadlines are read on. */
    public RunClock clock() {
        return clock;
    }

    /** Messages released so far. */
    public long released() {
        return released.get();
    }

    /** Tells that threw (never expected; counted so that it cannot pass unnoticed). */
    public long failures() {
        return failures.get();
    }

    /**
     * Release lateness (nanoseconds past the deadline, as the tell starts) of every message
     * released since this delivery started. Each call returns a fresh copy.
     */
    public synchronized Histogram latenessSnapshot() {
        latenessTotal.add(lateness.getIntervalHistogram());
        return latenessTotal.copy();
    }

    /** Stops the thread; messages not yet due are discarded (the site is shutting down). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closed) {
            drainInbox();
            Entry head = heap.peek();
            if (head == null) {
                parkedUntil = Long.MAX_VALUE;
                if (inbox.isEmpty() && !closed) LockSupport.park(this);
                parkedUntil = NOT_PARKED;
                continue;
            }
            long now = clock.now();
            long wait = head.due - now;
            if (wait <= 0) {
                releaseDue(now);
            } else if (wait > spinWindow()) {
                parkedUntil = head.due;
                // Re-checked after publishing parkedUntil: a producer that offered before this
                // read is seen here, one that offers after it sees parkedUntil and unparks.
                if (inbox.isEmpty() && !closed) {
                    long sleep = wait - spinWindow();
                    LockSupport.parkNanos(this, sleep);
                    learnOvershoot(clock.now() - (now + sleep));
                }
                parkedUntil = NOT_PARKED;
            } else {
                long due = head.due;
                while (clock.now() < due && inbox.isEmpty() && !closed) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** How long before a deadline to stop parking. */
    private long spinWindow() {
        return Math.max(spinNanos, Math.min(MAX_SPIN, overshoot + OVERSHOOT_MARGIN));
    }

    /** A park that returned early was an unpark (new work), not a timeout; only timeouts teach. */
    private void learnOvershoot(long late) {
        if (late < 0) return;
        overshoot = late > overshoot ? late : overshoot - (overshoot >> 4) + (late >> 4);
    }

    private void drainInbox() {
        Entry e;
        while ((e = inbox.poll()) != null) {
            e.seq = nextSeq++;
            heap.add(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void releaseDue(long now) {
        Entry e;
        while ((e = heap.peek()) != null && e.due <= now) {
            heap.poll();
            // Measured as the tell starts: the thread's own precision. Waking the actor's
            // dispatcher thread comes on top (the receiving actor measures that total).
            lateness.recordValue(Math.max(0, clock.now() - e.due));
            // counted before the tell, so that whoever receives the message sees it counted
            released.lazySet(released.get() + 1);
            try {
                ((ActorRef) e.target).tell(e.message);
            } catch (RuntimeException ex) {
                // A tell only fails on a broken ActorRef; the thread must outlive it.
                failures.incrementAndGet();
            }
        }
    }

    private static int compare(Entry a, Entry b) {
        int c = Long.compare(a.due, b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    private static final class Entry {
        final long due;
        final ActorRef<?> target;
        final Object message;
        long seq;

        Entry(long due, ActorRef<?> target, Object message) {
            this.due = due;
            this.target = target;
            this.message = message;
        }
    }
}
