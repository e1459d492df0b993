package io.firsthop.core.glbp;

import io.firsthop.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One GLBP group's configuration on one interface, with Cisco's defaults (Cisco "Configuring
 * GLBP", Default GLBP settings): priority 100, AVG preemption off, hello 3 s, hold 10 s,
 * redirect 600 s, timeout 14,400 s, round-robin, weighting 100 with lower threshold 1 and
 * upper threshold 100, forwarder preemption on with a 30 s delay, no authentication.
 *
 * @param group                   GLBP group, 0..1023
 * @param virtualIp               the group's virtual IP (firsthop needs it configured on every member;
 *                                Cisco can also learn it from the AVG)
 * @param priority                AVG election priority, 1..255, higher wins; ties go to the higher interface address
 * @param preempt                 whether a higher-priority router takes the AVG role from a lower one ({@code glbp preempt})
 * @param helloMillis             hello interval
 * @param holdMillis              how long without hellos before a VG or VF peer is declared down
 * @param redirectSeconds         how long the AVG keeps handing out a taken-over forwarder's MAC
 * @param timeoutSeconds          how long a taken-over forwarder lives before it is deleted (must exceed redirect)
 * @param loadBalancing           how the AVG answers ARP for the virtual IP
 * @param weighting               this router's current weighting, 1..254 ({@code glbp weighting})
 * @param lowerThreshold          below this weighting the router stops being an AVF
 * @param upperThreshold          at or above this weighting a router that stopped may forward again
 * @param forwarderPreempt        whether this router takes a forwarder back from a lower-priority AVF
 * @param forwarderPreemptSeconds how long it waits before doing so ({@code glbp forwarder preempt delay minimum})
 * @param authentication          plain-text authentication string, or null for none
 */
public record GlbpConfig(int group, Ipv4Address virtualIp, int priority, boolean preempt, long helloMillis,
                         long holdMillis, int redirectSeconds, int timeoutSeconds, LoadBalancing loadBalancing,
                         int weighting, int lowerThreshold, int upperThreshold, boolean forwarderPreempt,
                         int forwarderPreemptSeconds, String authentication) {
    public static final int DEFAULT_PRIORITY = 100;
    public static final long DEFAULT_HELLO_MILLIS = 3_000;
    public static final long DEFAULT_HOLD_MILLIS = 10_000;
    public static final int DEFAULT_REDIRECT_SECONDS = 600;
    public static final int DEFAULT_TIMEOUT_SECONDS = 14_400;
    public static final int DEFAULT_WEIGHTING = 100;
    public static final int DEFAULT_LOWER_THRESHOLD = 1;
    public static final int DEFAULT_FORWARDER_PREEMPT_SECONDS = 30;
    /** Cisco's {@code glbp weighting maximum} range. */
    public static final int MAX_WEIGHTING = 254;

    public GlbpConfig {
        Objects.requireNonNull(virtualIp, "virtualIp");
        Objects.requireNonNull(loadBalancing, "loadBalancing");
        if (group < 0 || group > 1023) throw new IllegalArgumentException("GLBP group must be 0..1023, was " + group);
        if (priority < 1 || priority > 255) throw new IllegalArgumentException("GLBP priority must be 1..255, was " + priority);
        if (helloMillis <= 0 || helloMillis > Integer.MAX_VALUE) throw new IllegalArgumentException("hello must be positive, was " + helloMillis);
        if (holdMillis <= helloMillis || holdMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hold (" + holdMillis + " ms) must exceed hello (" + helloMillis + " ms)");
        }
        if (redirectSeconds < 0 || redirectSeconds > 0xFFFF) throw new IllegalArgumentException("redirect must be 0..65535 s, was " + redirectSeconds);
        if (timeoutSeconds <= redirectSeconds || timeoutSeconds > 0xFFFF) {
            throw new IllegalArgumentException("timeout (" + timeoutSeconds + " s) must exceed redirect (" + redirectSeconds + " s) and fit 16 bits");
        }
        requireWeighting("weighting", weighting);
        requireWeighting("lower threshold", lowerThreshold);
        requireWeighting("upper threshold", upperThreshold);
        if (lowerThreshold > upperThreshold) {
            throw new IllegalArgumentException("lower threshold " + lowerThreshold + " above upper threshold " + upperThreshold);
        }
        if (forwarderPreemptSeconds < 0 || forwarderPreemptSeconds > 3600) {
            throw new IllegalArgumentException("forwarder preempt delay must be 0..3600 s, was " + forwarderPreemptSeconds);
        }
        if (authentication != null && (authentication.isEmpty()
                || authentication.getBytes(StandardCharsets.US_ASCII).length > 251)) {
            throw new IllegalArgumentException("authentication string must be 1..251 ASCII characters");
        }
    }

    /** Cisco's defaults for {@code glbp <group> ip <virtualIp>}. */
    public static GlbpConfig defaults(int group, Ipv4Address virtualIp) {
        return new GlbpConfig(group, virtualIp, DEFAULT_PRIORITY, false, DEFAULT_HELLO_MILLIS, DEFAULT_HOLD_MILLIS,
                DEFAULT_REDIRECT_SECONDS, DEFAULT_TIMEOUT_SECONDS, LoadBalancing.ROUND_ROBIN, DEFAULT_WEIGHTING,
                DEFAULT_LOWER_THRESHOLD, DEFAULT_WEIGHTING, true, DEFAULT_FORWARDER_PREEMPT_SECONDS, null);
    }

    public GlbpConfig withPriority(int newPriority) {
        return new GlbpConfig(group, virtualIp, newPriority, preempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    public GlbpConfig withPreempt(boolean newPreempt) {
        return new GlbpConfig(group, virtualIp, priority, newPreempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    public GlbpConfig withTimers(long newHelloMillis, long newHoldMillis) {
        return new GlbpConfig(group, virtualIp, priority, preempt, newHelloMillis, newHoldMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    public GlbpConfig withRedirect(int newRedirectSeconds, int newTimeoutSeconds) {
        return new GlbpConfig(group, virtualIp, priority, preempt, helloMillis, holdMillis, newRedirectSeconds,
                newTimeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    public GlbpConfig withLoadBalancing(LoadBalancing newLoadBalancing) {
        return new GlbpConfig(group, virtualIp, priority, preempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, newLoadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    /** {@code glbp weighting <weighting> lower <lower> upper <upper>}. */
    public GlbpConfig withWeighting(int newWeighting, int newLower, int newUpper) {
        return new GlbpConfig(group, virtualIp, priority, preempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, newWeighting, newLower, newUpper, forwarderPreempt,
                forwarderPreemptSeconds, authentication);
    }

    public GlbpConfig withForwarderPreempt(boolean enabled, int delaySeconds) {
        return new GlbpConfig(group, virtualIp, priority, preempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, enabled, delaySeconds,
                authentication);
    }

    public GlbpConfig withAuthentication(String text) {
        return new GlbpConfig(group, virtualIp, priority, preempt, helloMillis, holdMillis, redirectSeconds,
                timeoutSeconds, loadBalancing, weighting, lowerThreshold, upperThreshold, forwarderPreempt,
                forwarderPreemptSeconds, text);
    }

    static void requireWeighting(String what, int value) {
        if (value < 1 || value > MAX_WEIGHTING) {
            throw new IllegalArgumentException("GLBP " + what + " must be 1.." + MAX_WEIGHTING + ", was " + value);
        }
    }
}
