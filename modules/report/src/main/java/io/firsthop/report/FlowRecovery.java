package io.firsthop.report;

import java.util.List;

/**
 * How one flow lived through a failover.
 *
 * @param flow             the flow's name
 * @param firstLostSentNs  when its first lost probe was sent
 * @param recoveredSentNs  when its first probe answered after the loss was sent; -1 if none was
 * @param recoveredAtNs    when that answer arrived; -1 if none
 * @param probesLost       the probes of the outage
 * @param outageNs         the outage's duration (as {@link Outage#durationNs()})
 * @param gatewayBefore    the gateway (device, else owner label) answering before the outage, or null
 * @param gatewayAfter     the gateway answering after it, or null
 * @param phases           the outage's lost probes split between the chain's steps
 */
public record FlowRecovery(String flow, long firstLostSentNs, long recoveredSentNs, long recoveredAtNs, long probesLost,
                           long outageNs, String gatewayBefore, String gatewayAfter, List<PhaseLoss> phases) {
    public FlowRecovery {
        phases = List.copyOf(phases);
    }
}
