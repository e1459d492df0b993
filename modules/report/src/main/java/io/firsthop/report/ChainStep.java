package io.firsthop.report;

/**
 * One link of a failover chain. Steps are, in the order they usually happen: "last-advert" (the
 * last advertisement the new master heard before taking over), "injected", "master-down" (the
 * Master_Down / active / hold timer fired: a takeover for no-response), "new-master",
 * "gratuitous-arp", "mac-moved" (one per switch and MAC), "first-answered" (one per affected flow).
 *
 * @param atNs        when
 * @param step        the step's name, as above
 * @param device      the device where it happened (the switch for mac-moved, the host for first-answered)
 * @param detail      a human-readable detail
 * @param lostInPhase probes of the affected flows that were lost and sent in [this step, the next step)
 *                    (for the first step, also those sent before it)
 */
public record ChainStep(long atNs, String step, String device, String detail, long lostInPhase) {
}
