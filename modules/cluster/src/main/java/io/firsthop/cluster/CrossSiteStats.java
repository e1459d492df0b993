package io.firsthop.cluster;

/**
 * Counters of the frames between this site and one remote site, for reports and tests.
 * Every frame offered to the uplink ends up in exactly one of: still waiting or in flight,
 * {@code received} by the far site (counted there), {@code queueFull}, {@code linkDown},
 * {@code lostInTransit}, {@code wanDropped}.
 *
 * @param offered          frames local devices sent towards the remote site
 * @param sent             frames put on the wire (Artery) towards it
 * @param queueFull        refused because the backlog towards it was full (traced as QUEUE_FULL)
 * @param linkDown         abandoned because the remote site left the cluster or is partitioned
 *                         from this one (traced as LINK_DOWN)
 * @param lostInTransit    reported missing by the remote site (traced as LINK_DOWN)
 * @param wanDropped       dropped by the WAN model between the two sites (loss, queue; traced)
 * @param received         frames that arrived FROM the remote site
 * @param unknownChannel   frames from it for a channel this site has no receiver for (traced)
 * @param droppedOnArrival frames from it that arrived while the sites were partitioned (traced
 *                         as LINK_DOWN; included in {@code received})
 */
public record CrossSiteStats(long offered, long sent, long queueFull, long linkDown, long lostInTransit,
                             long wanDropped, long received, long unknownChannel, long droppedOnArrival) {
}
