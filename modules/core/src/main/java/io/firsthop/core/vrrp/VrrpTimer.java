package io.firsthop.core.vrrp;

/** The two timers of RFC 5798 §6.2, used as timer keys by the runtime. */
public enum VrrpTimer {
    /** Adver_Timer: the Master's next advertisement. */
    ADVER_TIMER,
    /** Master_Down_Timer: a Backup's deadline for hearing from the Master. */
    MASTER_DOWN_TIMER
}
