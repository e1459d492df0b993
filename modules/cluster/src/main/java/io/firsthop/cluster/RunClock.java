package io.firsthop.cluster;

import java.time.Instant;

/**
 * The clock of a run, shared by every site: nanoseconds since the run's epoch.
 *
 * <p>Each JVM reads {@link System#nanoTime()}, whose origin is arbitrary per JVM, so run time
 * is {@code nanoTime + offset}, the offset fixed once by pairing a {@code nanoTime} reading
 * with the wall clock ({@link Instant#now()}) and subtracting the run's epoch (a wall-clock
 * instant every site is given). Two JVMs on one machine read the same wall clock, so their
 * run clocks agree to the sampling error (about a microsecond); across machines they agree
 * as well as the machines' wall clocks do (chrony/PTP). The offset never changes once the
 * run has started: a wall-clock step during a run does not move run time.
 *
 * <p>A site usually learns its run's epoch only once every site has joined (the coordinator
 * picks it then), after its ActorSystem and delivery thread exist: such a clock is created
 * {@link #unanchored()} and {@link #anchor anchored} exactly once, before any device runs.
 * Until then it reads this JVM's {@code nanoTime}.
 *
 * <p>Frame deadlines are instants of this clock: the sender computes them, the receiving
 * site releases the frame at that instant, so time spent in transport between JVMs is
 * absorbed into the configured latency instead of added to it.
 */
public final class RunClock {
    private static final int ANCHOR_SAMPLES = 64;
    private volatile long offset;
    private volatile boolean anchored;
    private volatile long epochUnixNanos;

    private RunClock(long offset, boolean anchored, long epochUnixNanos) {
        this.offset = offset;
        this.anchored = anchored;
        this.epochUnixNanos = epochUnixNanos;
    }

    /** A run clock whose zero is {@code epochUnixNanos} (nanoseconds since 1970-01-01T00:00Z). */
    public static RunClock anchoredAt(long epochUnixNanos) {
        return new RunClock(offsetFor(epochUnixNanos), true, epochUnixNanos);
    }

    /** A clock to be {@link #anchor anchored} later; until then it reads {@code nanoTime}. */
    public static RunClock unanchored() {
        return new RunClock(0, false, 0);
    }

    /** The current wall-clock instant as nanoseconds since the Unix epoch, to agree on a run's epoch. */
    public static long unixNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** A clock of this JVM only (run time = {@code nanoTime}), for a single-JVM run or a test. */
    public static RunClock local() {
        return new RunClock(0, true, 0);
    }

    /**
     * Fixes this clock's zero at {@code epochUnixNanos}. Only once, and only on a clock made
     * {@link #unanchored()}: the offset must never move while devices run.
     */
    public synchronized void anchor(long epochUnixNanos) {
        if (anchored) throw new IllegalStateException("the run clock is already anchored: " + this);
        this.offset = offsetFor(epochUnixNanos);
        this.epochUnixNanos = epochUnixNanos;
        this.anchored = true;
    }

    /** Whether the run's epoch is fixed. */
    public boolean anchored() {
        return anchored;
    }

    /** The wall-clock instant (Unix nanoseconds) of run time 0; 0 for a {@link #local()} or unanchored clock. */
    public long epochUnixNanos() {
        return epochUnixNanos;
    }

    /** Now, in run time. */
    public long now() {
        return System.nanoTime() + offset;
    }

    /** Run time minus this JVM's {@code nanoTime}. */
    public long offset() {
        return offset;
    }

    private static long offsetFor(long epochUnixNanos) {
        long best = Long.MAX_VALUE;
        long offset = 0;
        // The tightest bracket of two nanoTime reads around one wall-clock read pins the pair best.
        for (int i = 0; i < ANCHOR_SAMPLES; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            long width = after - before;
            if (width < best) {
                best = width;
                long wallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
                offset = wallNanos - (before + width / 2) - epochUnixNanos;
            }
        }
        return offset;
    }

    @Override
    public String toString() {
        return "RunClock[offset=" + offset + (anchored ? "" : ", unanchored") + "]";
    }
}
