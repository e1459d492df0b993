package io.firsthop.run;

import java.util.Objects;

/**
 * How a running engine and the one who started it talk: the engine reports its progress, the
 * starter may ask it to stop (Ctrl-C, a test), and the engine stops at its next chance, keeping
 * what it measured. Thread-safe: a stop may be requested from any thread (a JVM shutdown hook).
 */
public final class RunControl {
    /** Called by the engine between steps of the run, on the engine's thread. */
    @FunctionalInterface
    public interface Listener {
        void progress(Progress progress);
    }

    /**
     * How far a run is.
     *
     * @param reachedNanos  the run time reached
     * @param durationNanos the scenario's duration
     * @param endNanos      where the run ends
     * @param events        events the engine has processed so far
     */
    public record Progress(long reachedNanos, long durationNanos, long endNanos, long events) {
        /** 0..1 of the scenario's duration. */
        public double fraction() {
            return durationNanos <= 0 ? 1.0 : Math.min(1.0, (double) reachedNanos / durationNanos);
        }
    }

    private final Listener listener;
    private volatile String stopReason;

    public RunControl(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A control nobody listens to. */
    public static RunControl silent() {
        return new RunControl(p -> { });
    }

    /** Asks the engine to stop at its next step; the first reason given is kept. */
    public void requestStop(String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (this) {
            if (stopReason == null) stopReason = reason;
        }
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Why the run was asked to stop, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** For engines: report progress. */
    public void progress(Progress progress) {
        listener.progress(progress);
    }
}
