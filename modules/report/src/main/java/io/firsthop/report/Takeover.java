package io.firsthop.report;

/**
 * One group changing hands after an injected failure.
 *
 * @param group          the group's name
 * @param oldMaster      who held the forwarding role just before the injection, or null
 * @param newMaster      who took it
 * @param cause          the new master's transition cause ("no-response", "priority", "active-timer-expiry", ...)
 * @param lastAdvertNs   when the new master last received an advertisement of the group before taking over
 *                       (null without frame events)
 * @param lastAdvertFrom who sent that advertisement (device when known, else the source MAC), or null
 * @param masterDownNs   when a timer fired and made it master (the transition for a timer cause), or null
 *                       when it took over for another reason (a priority-0 advert, a resign, preemption)
 * @param newMasterNs    when it became master
 * @param gratuitousArpNs when it sent its first gratuitous ARP after that (null without frame events, or none)
 * @param takeoverNs     {@code newMasterNs} minus the injection time
 */
public record Takeover(String group, String oldMaster, String newMaster, String cause, Long lastAdvertNs,
                       String lastAdvertFrom, Long masterDownNs, long newMasterNs, Long gratuitousArpNs, long takeoverNs) {
}
