package io.firsthop.report;

/**
 * What a flow pays for not using its nearest gateway. Null figures could not be measured.
 *
 * @param baselineMs               the caller's RTT through the nearest gateway, or null when not given
 * @param extraRttP50Ms            the flow's median RTT minus the baseline
 * @param extraRttP99Ms            its 99th percentile minus the baseline
 * @param extraRttMaxMs            its largest RTT minus the baseline
 * @param wanCrossings             request and reply frames of the answered probes sent on WAN ports (null without
 *                                 frame events or without WAN ports); lost probes' frames are not counted
 * @param wanCrossingsPerRoundTrip {@code wanCrossings} per answered probe (null likewise, or with no answered probe)
 */
public record Tromboning(Double baselineMs, Double extraRttP50Ms, Double extraRttP99Ms, Double extraRttMaxMs,
                         Long wanCrossings, Double wanCrossingsPerRoundTrip) {
    public static final Tromboning NONE = new Tromboning(null, null, null, null, null, null);
}
