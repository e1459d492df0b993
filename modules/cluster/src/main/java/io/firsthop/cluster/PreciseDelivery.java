package io.firsthop.cluster;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code spin} and never more than {@code maxSpin}: on a busy machine parks overshoot by
 * milliseconds, and a thread that spun that long before every deadline would take a whole
 * core from the threads it hands messages to (see {@link Tuning}). On Linux the thread also
 * sets its own timer slack (50 us by default), so that its parks return within microseconds.
 *
 * <p>Thread-safe: any thread may {@link #schedule}. The release lateness (release instant
 * minus deadline) of every message is recorded; {@link #latenessSnapshot()} reads it.
 */
public final class PreciseDelivery implements AutoCloseable {
    private static final long NOT_PARKED = Long.MIN_VALUE;
    private static final long OVERSHOOT_MARGIN = 30_000;

    /**
     * How the delivery thread waits for a deadline.
     *
     * @param spinNanos       how long before a deadline to stop parking and spin, at least
     * @param maxSpinNanos    the longest it spins, however late its parks have been returning
     * @param timerSlackNanos the Linux timer slack to give the thread (how late the kernel may
     *                        fire its park timeouts; 50 us by default), or 0 to leave it be
     */
    public record Tuning(long spinNanos, long maxSpinNanos, long timerSlackNanos) {
        public Tuning {
            if (spinNanos < 0) throw new IllegalArgumentException("spin must be >= 0, was " + spinNanos);
            if (maxSpinNanos < spinNanos) {
                throw new IllegalArgumentException("max spin must be >= spin (" + spinNanos + "), was " + maxSpinNanos);
            }
            if (timerSlackNanos < 0) throw new IllegalArgumentException("timer slack must be >= 0, was " + timerSlackNanos);
        }

        /** Spin at least {@code spinNanos}, at most 2 ms; the system's timer slack. */
        public static Tuning spin(long spinNanos) {
            return new Tuning(spinNanos, Math.max(spinNanos, 2_000_000), 0);
        }
    }

    private final RunClock clock;
    private final long spinNanos;
    private final long maxSpinNanos;
    private final long timerSlackNanos;
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
    /** Whether the thread's timer slack was set as asked (false when not asked or not possible). */
    private volatile boolean timerSlackSet;

    /**
     * Starts the delivery thread.
     *
     * @param name      the thread's name (e.g. "firsthop-delivery-seoul")
     * @param spinNanos how long before a deadline to stop parking and spin, at least (the thread
     *                  spins longer when it observes its parks overshooting by more)
     */
    public PreciseDelivery(String name, RunClock clock, long spinNanos) {
        this(name, clock, Tuning.spin(spinNanos));
    }

    /** Starts the delivery thread, waiting as {@code tuning} says. */
    public PreciseDelivery(String name, RunClock clock, Tuning tuning) {
        this.clock = clock;
        this.spinNanos = tuning.spinNanos();
        this.maxSpinNanos = tuning.maxSpinNanos();
        this.timerSlackNanos = tuning.timerSlackNanos();
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

    /** CPU time the delivery thread has used so far (parked, it uses none; spinning, all of a core), or -1 if unknown. */
    public long cpuNanos() {
        try {
            return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
        } catch (UnsupportedOperationException e) {
            return -1;
        }
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

    /** Whether the thread runs with the timer slack {@link Tuning} asked for. */
    public boolean timerSlackSet() {
        return timerSlackSet;
    }

    /**
     * Linux lets a thread set its own timer slack, without privilege, by writing
     * {@code /proc/<its thread id>/timerslack_ns} (the per-task directories under
     * {@code /proc/thread-self} have no such file; the thread id is that link's last element).
     * Other systems, or a /proc that refuses, keep the default, and the thread learns to spin
     * longer instead.
     */
    private void setTimerSlack() {
        if (timerSlackNanos == 0) return;
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Path slack = Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
            Files.writeString(slack, Long.toString(timerSlackNanos));
            timerSlackSet = Long.parseLong(Files.readString(slack).trim()) == timerSlackNanos;
        } catch (IOException | RuntimeException e) {
            timerSlackSet = false;
        }
    }

    private void run() {
        setTimerSlack();
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
        return Math.max(spinNanos, Math.min(maxSpinNanos, overshoot + OVERSHOOT_MARGIN));
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
