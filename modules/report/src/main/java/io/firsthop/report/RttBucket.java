package io.firsthop.report;

/** One bar of a flow's RTT distribution: {@code count} answered probes with an RTT in [fromMs, toMs). */
public record RttBucket(double fromMs, double toMs, long count) {
}
