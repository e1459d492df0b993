package io.firsthop.core.hsrp;

/**
 * An HSRP Hellotime and Holdtime pair in milliseconds (RFC 2281 §4, §5.1). Cisco's
 * {@code standby timers [msec] hello [msec] hold} sets both together, which also keeps the
 * RFC 2281 §5.1 rule that an Active router never mixes one configured and one learned time.
 *
 * @param helloTimeMs milliseconds between hellos, at least 1
 * @param holdTimeMs  milliseconds a hello stays valid; RFC 2281 §5.1: MUST be greater than the
 *                    Hellotime (SHOULD be at least three times it)
 */
public record HsrpTimers(int helloTimeMs, int holdTimeMs) {
    /** RFC 2281 §5.1's recommended defaults: 3 s and 10 s. */
    public static final HsrpTimers DEFAULT = new HsrpTimers(3_000, 10_000);

    public HsrpTimers {
        if (helloTimeMs < 1) throw new IllegalArgumentException("HSRP hello time must be at least 1 ms, was " + helloTimeMs);
        if (holdTimeMs <= helloTimeMs) {
            // RFC 2281 §5.1 Holdtime: "MUST be greater than the Hellotime"
            throw new IllegalArgumentException("HSRP hold time (" + holdTimeMs + " ms) must be greater than the hello time ("
                    + helloTimeMs + " ms)");
        }
    }

    /** Whole-second timers, as {@code standby timers 3 10} configures them. */
    public static HsrpTimers seconds(int helloSeconds, int holdSeconds) {
        return new HsrpTimers(Math.multiplyExact(helloSeconds, 1000), Math.multiplyExact(holdSeconds, 1000));
    }

    /** Millisecond timers, as {@code standby timers msec 300 msec 1000} configures them. */
    public static HsrpTimers millis(int helloMs, int holdMs) {
        return new HsrpTimers(helloMs, holdMs);
    }
}
