package io.firsthop.core.vrrp;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The configuration of one virtual router: the parameters of RFC 5798 §6.1 (RFC 3768 §6.1)
 * plus two documented extensions. Build one with {@link #v3} or {@link #v2} and adjust it with
 * the {@code with...} methods.
 *
 * @param version                 2 (RFC 3768) or 3 (RFC 5798 / RFC 9568)
 * @param vrid                    VRID, 1..255
 * @param priority                1..254, or 255 for the address owner (RFC 5798 §5.2.4)
 * @param virtualAddresses        IPv4_Addresses: the virtual addresses, 1..255 of them, no duplicates
 * @param advertisementInterval   Advertisement_Interval: v3 in centiseconds, 1..4095 (10 ms to
 *                                40.95 s); v2 in whole seconds, 1..255
 * @param preempt                 Preempt_Mode (default true); the owner always preempts
 * @param preemptDelay            a Backup that would preempt a lower-priority Master keeps
 *                                accepting its advertisements for this long after it first
 *                                hears one, and only then lets §6.4.2 discard them. Not in any
 *                                VRRP RFC: keepalived's {@code preempt_delay}, the YANG model's
 *                                {@code preempt/hold-time}. Default zero, which is RFC behaviour.
 * @param acceptMode              Accept_Mode (v3 only, default false)
 * @param rfc9568                 v3 only: behave as RFC 9568 §6.4.3 where it differs from RFC 5798,
 *                                that is, a Master answers a losing advertisement at once with
 *                                its own. Default false: RFC 5798.
 * @param v3ChecksumPseudoHeader  v3 only: whether the checksum covers the IPv4 pseudo-header
 *                                (default true: RFC 5798 §5.2.8, keepalived, FRR; false: RFC
 *                                9568). Frames are records inside firsthop, so this matters only
 *                                where they are encoded; see {@link #wireOptions()}.
 */
public record VrrpConfig(int version, int vrid, int priority, List<Ipv4Address> virtualAddresses,
                         int advertisementInterval, boolean preempt, Duration preemptDelay, boolean acceptMode,
                         boolean rfc9568, boolean v3ChecksumPseudoHeader) {
    /** The usual non-owner priority (RFC 5798 §6.1, Priority default 100). */
    public static final int DEFAULT_PRIORITY = 100;
    /** One second, in the v3 unit (RFC 5798 §6.1 default Advertisement_Interval). */
    public static final int DEFAULT_V3_INTERVAL_CENTISECONDS = 100;

    public VrrpConfig {
        Objects.requireNonNull(virtualAddresses, "virtualAddresses");
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        virtualAddresses = List.copyOf(virtualAddresses);
        if (version != 2 && version != 3) throw new IllegalArgumentException("VRRP version must be 2 or 3, was " + version);
        if (vrid < 1 || vrid > 255) throw new IllegalArgumentException("VRID must be 1..255, was " + vrid);
        if (priority < 1 || priority > VrrpAdvertisement.PRIORITY_OWNER) {
            throw new IllegalArgumentException("priority must be 1..254, or 255 for the address owner; was " + priority);
        }
        if (virtualAddresses.isEmpty() || virtualAddresses.size() > 255) {
            throw new IllegalArgumentException("a virtual router has 1..255 virtual addresses, was " + virtualAddresses.size());
        }
        if (new HashSet<>(virtualAddresses).size() != virtualAddresses.size()) {
            throw new IllegalArgumentException("duplicate virtual address in " + virtualAddresses);
        }
        int maxInterval = version == 3 ? 4095 : 255;
        if (advertisementInterval < 1 || advertisementInterval > maxInterval) {
            throw new IllegalArgumentException("advertisement interval must be 1.." + maxInterval
                    + (version == 3 ? " centiseconds" : " seconds") + " for VRRPv" + version + ", was " + advertisementInterval);
        }
        if (preemptDelay.isNegative()) throw new IllegalArgumentException("preempt delay must not be negative: " + preemptDelay);
        if (version == 2 && acceptMode) {
            throw new IllegalArgumentException("Accept_Mode exists only in VRRPv3 (RFC 5798 §6.1); VRRPv2 never accepts");
        }
        if (version == 2 && rfc9568) throw new IllegalArgumentException("RFC 9568 behaviour applies to VRRPv3 only");
    }

    /** VRRPv3 with the RFC 5798 defaults: preempt on, no preempt delay, Accept_Mode off, pseudo-header checksum. */
    public static VrrpConfig v3(int vrid, int priority, int advertisementIntervalCentiseconds, List<Ipv4Address> virtualAddresses) {
        return new VrrpConfig(3, vrid, priority, virtualAddresses, advertisementIntervalCentiseconds,
                true, Duration.ZERO, false, false, true);
    }

    /** VRRPv2 with the RFC 3768 defaults: preempt on, no preempt delay. */
    public static VrrpConfig v2(int vrid, int priority, int advertisementIntervalSeconds, List<Ipv4Address> virtualAddresses) {
        return new VrrpConfig(2, vrid, priority, virtualAddresses, advertisementIntervalSeconds,
                true, Duration.ZERO, false, false, true);
    }

    public VrrpConfig withPriority(int newPriority) {
        return new VrrpConfig(version, vrid, newPriority, virtualAddresses, advertisementInterval, preempt,
                preemptDelay, acceptMode, rfc9568, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withAdvertisementInterval(int interval) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, interval, preempt,
                preemptDelay, acceptMode, rfc9568, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withPreempt(boolean on) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, advertisementInterval, on,
                preemptDelay, acceptMode, rfc9568, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withPreemptDelay(Duration delay) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, advertisementInterval, preempt,
                delay, acceptMode, rfc9568, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withAcceptMode(boolean on) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, advertisementInterval, preempt,
                preemptDelay, on, rfc9568, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withRfc9568(boolean on) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, advertisementInterval, preempt,
                preemptDelay, acceptMode, on, v3ChecksumPseudoHeader);
    }

    public VrrpConfig withV3ChecksumPseudoHeader(boolean on) {
        return new VrrpConfig(version, vrid, priority, virtualAddresses, advertisementInterval, preempt,
                preemptDelay, acceptMode, rfc9568, on);
    }

    /** Whether this router owns the virtual addresses (RFC 5798 §5.2.4: priority 255). */
    public boolean owner() {
        return priority == VrrpAdvertisement.PRIORITY_OWNER;
    }

    /** Advertisement_Interval in nanoseconds. */
    public long advertisementIntervalNanos() {
        return intervalNanos(version, advertisementInterval);
    }

    /** The encoding choices this router's advertisements need: only the v3 checksum coverage differs. */
    public WireOptions wireOptions() {
        return new WireOptions(v3ChecksumPseudoHeader, false);
    }

    /** An advertisement interval field converted to nanoseconds: centiseconds in v3, seconds in v2. */
    static long intervalNanos(int version, int interval) {
        return version == 3 ? interval * 10_000_000L : interval * 1_000_000_000L;
    }
}
