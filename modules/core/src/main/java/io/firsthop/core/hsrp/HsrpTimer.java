package io.firsthop.core.hsrp;

/**
 * The timers of one HSRP group: RFC 2281 §5.4's three, plus the preempt delay (Cisco's
 * {@code standby preempt delay minimum}). Each is armed at most once at a time; the values
 * double as timer keys for the runtime.
 */
public enum HsrpTimer {
    /** RFC 2281 §5.4: monitors the Active router. */
    ACTIVE,
    /** RFC 2281 §5.4: monitors the Standby router. */
    STANDBY,
    /** RFC 2281 §5.4: expires once per Hellotime period. */
    HELLO,
    /** Ends the preempt delay; not in RFC 2281. */
    PREEMPT_DELAY
}
