package io.firsthop.core.hsrp;

/**
 * The events of the HSRP state machine (RFC 2281 §5.5, letters a to l), plus the end of the
 * preempt delay, which RFC 2281 does not have.
 */
public enum HsrpEvent {
    /** a: HSRP is configured on an enabled interface. */
    CONFIGURED('a', "startup"),
    /** b: HSRP is disabled on an interface or the interface is disabled. */
    DISABLED('b', "shutdown"),
    /** c: the Active timer expired. */
    ACTIVE_TIMER_EXPIRY('c', "active-timer-expiry"),
    /** d: the Standby timer expired. */
    STANDBY_TIMER_EXPIRY('d', "standby-timer-expiry"),
    /** e: the Hello timer expired. */
    HELLO_TIMER_EXPIRY('e', "hello-timer-expiry"),
    /** f: a Hello of higher priority from a router in Speak state. */
    HIGHER_PRIORITY_SPEAK_HELLO('f', "higher-priority-speaker"),
    /** g: a Hello of higher priority from the Active router. */
    HIGHER_PRIORITY_ACTIVE_HELLO('g', "higher-priority-active"),
    /** h: a Hello of lower priority from the Active router. */
    LOWER_PRIORITY_ACTIVE_HELLO('h', "lower-priority-active"),
    /** i: a Resign from the Active router. */
    RESIGN_FROM_ACTIVE('i', "resign-received"),
    /** j: a Coup from a higher priority router. */
    COUP_FROM_HIGHER_PRIORITY('j', "coup-received"),
    /** k: a Hello of higher priority from the Standby router. */
    HIGHER_PRIORITY_STANDBY_HELLO('k', "higher-priority-standby"),
    /** l: a Hello of lower priority from the Standby router. */
    LOWER_PRIORITY_STANDBY_HELLO('l', "lower-priority-standby"),
    /** The preempt delay ended while a lower-priority router was Active (Cisco; not in RFC 2281). */
    PREEMPT_DELAY_EXPIRY('-', "preempt-delay-expiry");

    private final char letter;
    private final String cause;

    HsrpEvent(char letter, String cause) {
        this.letter = letter;
        this.cause = cause;
    }

    /** The event's letter in RFC 2281 §5.5, or '-' for the preempt delay. */
    public char letter() {
        return letter;
    }

    /** A short machine-friendly name for trace events. */
    public String cause() {
        return cause;
    }
}
