package io.firsthop.core.vrrp;

/** Why the virtual router last became Master: the ietf-vrrp {@code new-master-reason-type} (RFC 8347). */
public enum NewMasterReason {
    /** It has never been Master. */
    NOT_MASTER("not-master"),
    /**
     * Its priority was the higher: the address owner starting up (RFC 5798 §6.4.1), or a
     * Backup taking over after the Master resigned with priority 0 (RFC 5798 §6.4.2).
     */
    PRIORITY("priority"),
    /** It preempted a lower-priority Master whose advertisements it had been discarding (RFC 5798 §6.4.2). */
    PREEMPTED("preempted"),
    /** The Master fell silent for Master_Down_Interval (RFC 5798 §6.4.2). */
    NO_RESPONSE("no-response");

    private final String yangName;

    NewMasterReason(String yangName) {
        this.yangName = yangName;
    }

    public String yangName() {
        return yangName;
    }
}
