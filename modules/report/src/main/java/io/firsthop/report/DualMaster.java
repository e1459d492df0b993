package io.firsthop.report;

import java.util.List;

/**
 * A time when two or more members of a group held the forwarding role at once (split brain).
 *
 * @param startNs when the second one took it
 * @param endNs   when only one was left; -1 if still so at the end of the trace
 * @param devices the members holding it
 */
public record DualMaster(long startNs, long endNs, List<String> devices) {
    public DualMaster {
        devices = List.copyOf(devices);
    }

    /** Its length; up to {@code traceEndNs} when still open. */
    public long durationNs(long traceEndNs) {
        return (endNs < 0 ? traceEndNs : endNs) - startNs;
    }
}
