package io.firsthop.core.hsrp;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The configuration of one HSRP group on one interface ({@code standby <group> ...}).
 * Start from {@link #of} and change what differs from Cisco's defaults with the {@code with}
 * methods.
 *
 * @param version               1 (RFC 2281) or 2 (Cisco's TLV format, millisecond timers, groups 0..4095)
 * @param group                 0..255 for version 1, 0..4095 for version 2
 * @param virtualIp             the virtual IP address, or {@code null} to learn it from the Active
 *                              router's hello (RFC 2281 §5.1 Virtual IP Address, §5.6 action E)
 * @param priority              0..255, default 100; higher wins, ties go to the higher interface address
 * @param timers                configured Hellotime/Holdtime, or {@code null} to use 3 s / 10 s until
 *                              learned from the Active router (RFC 2281 §5.1, §5.6 action E)
 * @param preempt               {@code standby preempt}; off by default, as in Cisco IOS
 * @param preemptDelayMinimumMs {@code standby preempt delay minimum}: no preemption until this long
 *                              after the group started (Cisco: "since that router was last restarted"); default 0
 * @param authentication        the clear-text password, at most 8 ASCII characters, default "cisco"
 */
public record HsrpConfig(int version, int group, Ipv4Address virtualIp, int priority, HsrpTimers timers,
                         boolean preempt, long preemptDelayMinimumMs, String authentication) {
    public static final int DEFAULT_PRIORITY = 100;
    public static final String DEFAULT_AUTHENTICATION = "cisco";
    /** RFC 2281 §5.1 Authentication Data: 8 octets. */
    public static final int AUTHENTICATION_LENGTH = 8;

    public HsrpConfig {
        if (version != 1 && version != 2) throw new IllegalArgumentException("HSRP version must be 1 or 2, was " + version);
        int maxGroup = version == 1 ? 255 : 4095;
        if (group < 0 || group > maxGroup) {
            throw new IllegalArgumentException("HSRP version " + version + " group must be 0.." + maxGroup + ", was " + group);
        }
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255, was " + priority);
        if (preemptDelayMinimumMs < 0) {
            throw new IllegalArgumentException("HSRP preempt delay must not be negative, was " + preemptDelayMinimumMs + " ms");
        }
        Objects.requireNonNull(authentication, "authentication");
        if (authentication.length() > AUTHENTICATION_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(authentication)) {
            throw new IllegalArgumentException("HSRP authentication is at most 8 ASCII characters, was '" + authentication + "'");
        }
        if (virtualIp != null && (virtualIp.equals(Ipv4Address.ANY) || virtualIp.isMulticast() || virtualIp.isBroadcast())) {
            throw new IllegalArgumentException("not a usable HSRP virtual IP address: " + virtualIp);
        }
    }

    /** A group with Cisco's defaults: priority 100, timers learned (3 s / 10 s until then), no preemption, "cisco". */
    public static HsrpConfig of(int version, int group, Ipv4Address virtualIp) {
        return new HsrpConfig(version, group, virtualIp, DEFAULT_PRIORITY, null, false, 0, DEFAULT_AUTHENTICATION);
    }

    public HsrpConfig withVirtualIp(Ipv4Address ip) {
        return new HsrpConfig(version, group, ip, priority, timers, preempt, preemptDelayMinimumMs, authentication);
    }

    public HsrpConfig withPriority(int p) {
        return new HsrpConfig(version, group, virtualIp, p, timers, preempt, preemptDelayMinimumMs, authentication);
    }

    /** Configured timers ({@code null}: learn them from the Active router). */
    public HsrpConfig withTimers(HsrpTimers t) {
        return new HsrpConfig(version, group, virtualIp, priority, t, preempt, preemptDelayMinimumMs, authentication);
    }

    public HsrpConfig withPreempt(boolean on) {
        return new HsrpConfig(version, group, virtualIp, priority, timers, on, preemptDelayMinimumMs, authentication);
    }

    /** {@code standby preempt delay minimum}; also turns preemption on, as the Cisco command does. */
    public HsrpConfig withPreemptDelayMinimum(long delayMs) {
        return new HsrpConfig(version, group, virtualIp, priority, timers, true, delayMs, authentication);
    }

    public HsrpConfig withAuthentication(String text) {
        return new HsrpConfig(version, group, virtualIp, priority, timers, preempt, preemptDelayMinimumMs, text);
    }

    /** The authentication string as the 8 octets the wire carries, NUL-padded (RFC 2281 §5.1). */
    public Bytes authData() {
        byte[] b = new byte[AUTHENTICATION_LENGTH];
        byte[] text = authentication.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, b, 0, text.length);
        return Bytes.of(b);
    }

    /** The group's virtual MAC: 0000.0C07.ACxx (version 1) or 0000.0C9F.Fxxx (version 2). */
    public MacAddress virtualMac() {
        return version == 1 ? HsrpV1Message.virtualMac(group) : HsrpV2Message.virtualMac(group);
    }
}
