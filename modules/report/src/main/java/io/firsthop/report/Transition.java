package io.firsthop.report;

/**
 * One state change of one group member (a StateChanged trace event).
 *
 * @param atNs     when
 * @param device   the member
 * @param instance null for the group itself; for GLBP virtual forwarders "forwarder N"
 * @param from     previous state, as the core spells it ("backup", "active", "Listen", ...)
 * @param to       new state
 * @param cause    why, in the VRRP YANG model's words where they exist ("no-response", "priority", "preempted")
 */
public record Transition(long atNs, String device, String instance, String from, String to, String cause) {
    /** Whether {@code to} is the forwarding role: VRRP Master, HSRP Active, GLBP AVG / AVF. */
    public boolean toForwarding() {
        return GroupReport.isForwardingState(to);
    }

    public boolean fromForwarding() {
        return GroupReport.isForwardingState(from);
    }
}
