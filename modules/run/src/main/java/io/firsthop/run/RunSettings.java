package io.firsthop.run;

import java.nio.file.Path;

/**
 * How to run a plan.
 *
 * @param seed        the run's random seed
 * @param captureDir  where to write one pcap per link ({@code <link>.pcap}), or null for no capture
 * @param stopAtNanos end the run at this run time instead of the plan's end (a quick look); 0 for none
 * @param runDir      the run directory, where an engine may keep files of its own in a subdirectory
 *                    (the cluster engine: its site JVMs' logs and traces in {@code sites/}), or null
 *                    for none (such an engine then uses a temporary directory)
 */
public record RunSettings(long seed, Path captureDir, long stopAtNanos, Path runDir) {
    public RunSettings {
        if (stopAtNanos < 0) throw new IllegalArgumentException("the stop time must not be negative");
    }

    /** Settings without a run directory. */
    public RunSettings(long seed, Path captureDir, long stopAtNanos) {
        this(seed, captureDir, stopAtNanos, null);
    }

    public static RunSettings seed(long seed) {
        return new RunSettings(seed, null, 0);
    }

    /** The same settings with no capture (the caller writes the pcaps from the traced frames). */
    public RunSettings withoutCapture() {
        return new RunSettings(seed, null, stopAtNanos, runDir);
    }

    /** Where the run ends: the plan's end, or the stop time if earlier. */
    public long endOf(NetworkPlan plan) {
        return stopAtNanos > 0 ? Math.min(stopAtNanos, plan.endNanos()) : plan.endNanos();
    }

    /** The stop reason of a run that ended at {@link #stopAtNanos} before the plan's end. */
    public String stopReason() {
        return "stopped at " + Expectations.seconds(stopAtNanos) + " as asked";
    }
}
