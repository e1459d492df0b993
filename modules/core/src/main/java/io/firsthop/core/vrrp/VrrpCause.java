package io.firsthop.core.vrrp;

/**
 * Why a state transition happened, in the VRRP YANG model's words (RFC 8347): the
 * {@code new-master-reason-type} values for transitions to Master, and the
 * {@code vrrp-event-type} identity names (without their "vrrp-event-" prefix) otherwise.
 */
public enum VrrpCause {
    /** Startup event (RFC 5798 §6.4.1): vrrp-event-startup. */
    STARTUP("startup", null),
    /** The interface came up, which is a Startup event for the virtual router: vrrp-event-interface-up. */
    INTERFACE_UP("interface-up", null),
    /** Shutdown event (RFC 5798 §6.4.2, §6.4.3): vrrp-event-shutdown. */
    SHUTDOWN("shutdown", null),
    /** The interface went down: the virtual router stops without advertising: vrrp-event-interface-down. */
    INTERFACE_DOWN("interface-down", null),
    /**
     * A tracked object that forces a fault went down: the router stops as on Shutdown. Not in
     * RFC 8347; keepalived's FAULT state.
     */
    FAULT("fault", null),
    /** The forcing tracked object came back up: a Startup event. Not in RFC 8347. */
    FAULT_CLEARED("fault-cleared", null),
    /** A Master heard a better Master (RFC 5798 §6.4.3): vrrp-event-higher-priority-backup. */
    HIGHER_PRIORITY_BACKUP("higher-priority-backup", null),
    /** Became Master with the higher priority (owner at startup, or after a priority-0 advertisement). */
    PRIORITY("priority", NewMasterReason.PRIORITY),
    /** Became Master by preempting a lower-priority Master. */
    PREEMPTED("preempted", NewMasterReason.PREEMPTED),
    /** Became Master because the Master fell silent. */
    NO_RESPONSE("no-response", NewMasterReason.NO_RESPONSE);

    private final String yangName;
    private final NewMasterReason newMasterReason;

    VrrpCause(String yangName, NewMasterReason newMasterReason) {
        this.yangName = yangName;
        this.newMasterReason = newMasterReason;
    }

    public String yangName() {
        return yangName;
    }

    /** The new-master reason this cause stands for, or null for a transition that does not make a Master. */
    public NewMasterReason newMasterReason() {
        return newMasterReason;
    }
}
