package io.firsthop.core.vrrp;

import io.firsthop.core.vrrp.VrrpInput.AdverTimerFired;
import io.firsthop.core.vrrp.VrrpInput.AdvertReceived;
import io.firsthop.core.vrrp.VrrpInput.Fault;
import io.firsthop.core.vrrp.VrrpInput.FaultCleared;
import io.firsthop.core.vrrp.VrrpInput.InterfaceDown;
import io.firsthop.core.vrrp.VrrpInput.InterfaceUp;
import io.firsthop.core.vrrp.VrrpInput.MalformedAdvertReceived;
import io.firsthop.core.vrrp.VrrpInput.MasterDownTimerFired;
import io.firsthop.core.vrrp.VrrpInput.PriorityChanged;
import io.firsthop.core.vrrp.VrrpInput.Shutdown;
import io.firsthop.core.vrrp.VrrpInput.Startup;
import io.firsthop.core.vrrp.VrrpOutput.AdvertDiscarded;
import io.firsthop.core.vrrp.VrrpOutput.ArmTimer;
import io.firsthop.core.vrrp.VrrpOutput.CancelTimer;
import io.firsthop.core.vrrp.VrrpOutput.SendAdvert;
import io.firsthop.core.vrrp.VrrpOutput.SendGratuitousArp;
import io.firsthop.core.vrrp.VrrpOutput.StateChanged;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One VRRP virtual router on one interface (RFC 5798 §6 for version 3, RFC 3768 §6 for
 * version 2): the state machine of §6.4, the receive checks of §7.1 and the counters of the
 * VRRP YANG model, with no I/O and no clock.
 *
 * <p>How to drive it: create it with its configuration and the interface's primary address,
 * then call {@link #handle} with each {@link VrrpInput} and the current time in nanoseconds.
 * The first input is {@link VrrpInput.Startup}. Apply the returned {@link VrrpOutput}s in
 * order: send the advertisements and gratuitous ARPs, arm or cancel the two timers (keys
 * {@link VrrpTimer}), and feed {@link VrrpInput.AdverTimerFired} / {@link
 * VrrpInput.MasterDownTimerFired} back when they are due. A crash is not an input: drop the
 * instance and its timers.
 *
 * <p>Times are exact. Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256 (v3; v2
 * uses (256 - Priority) / 256 seconds, RFC 3768 §6.1) is kept in whole nanoseconds; the only
 * case it is not a whole number is a v3 interval of an odd number of centiseconds times an odd
 * (256 - Priority), where it ends in half a nanosecond and timers are set half a nanosecond
 * later than the formula, never earlier.
 */
public final class VrrpRouter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long UNARMED = Long.MIN_VALUE;

    /** What a Backup last heard from the Master, which decides the new-master reason. */
    private enum LastHeard { NOTHING, ACCEPTED, PRIORITY_ZERO, DISCARDED_LOWER }

    private final VrrpConfig config;
    private final Ipv4Address primaryAddress;
    private final boolean owner;
    private final long advertisementIntervalNanos;
    private final long preemptDelayNanos;
    private final Set<Ipv4Address> virtualAddressSet;
    private final SendGratuitousArp gratuitousArps;

    private VrrpState state = VrrpState.INITIALIZE;
    private int priority;
    private long masterAdverIntervalNanos;
    private long skewTimeNanos;
    private long masterDownIntervalNanos;
    private long adverTimerAt = UNARMED;
    private long masterDownTimerAt = UNARMED;
    private LastHeard lastHeard = LastHeard.NOTHING;
    private long preemptHoldSince = UNARMED;
    private NewMasterReason newMasterReason = NewMasterReason.NOT_MASTER;
    private Ipv4Address lastAdvertSource;
    private SendAdvert advert;

    private long masterTransitions;
    private long advertisementRcvd;
    private long advertisementSent;
    private long intervalErrors;
    private long priorityZeroPktsRcvd;
    private long priorityZeroPktsSent;
    private long invalidTypePktsRcvd;
    private long addressListErrors;
    private long packetLengthErrors;
    private long checksumErrors;
    private long versionErrors;
    private long ipTtlErrors;
    private long authTypeMismatch;

    /** Outputs of the input being handled; allocated only when there is something to say. */
    private ArrayList<VrrpOutput> out;

    /**
     * @param primaryAddress the interface's primary IPv4 address: the advertisements' source
     *                       and the Masters' tie-breaker (RFC 5798 §6.4.3)
     */
    public VrrpRouter(VrrpConfig config, Ipv4Address primaryAddress) {
        this.config = Objects.requireNonNull(config, "config");
        this.primaryAddress = Objects.requireNonNull(primaryAddress, "primaryAddress");
        this.owner = config.owner();
        this.advertisementIntervalNanos = config.advertisementIntervalNanos();
        this.preemptDelayNanos = config.preemptDelay().toNanos();
        this.virtualAddressSet = Set.copyOf(config.virtualAddresses());
        this.gratuitousArps = new SendGratuitousArp(config.virtualAddresses());
        this.priority = config.priority();
        this.masterAdverIntervalNanos = advertisementIntervalNanos;
        recomputeTimes();
    }

    /**
     * Handles one input at {@code nowNanos} and returns what to do, in order. The list belongs
     * to the caller.
     */
    public List<VrrpOutput> handle(VrrpInput input, long nowNanos) {
        out = null;
        switch (input) {
            case Startup s -> startup(nowNanos, VrrpCause.STARTUP);
            case InterfaceUp u -> startup(nowNanos, VrrpCause.INTERFACE_UP);
            case Shutdown s -> stop(true, VrrpCause.SHUTDOWN);
            case InterfaceDown d -> stop(false, VrrpCause.INTERFACE_DOWN);
            case Fault f -> stop(true, VrrpCause.FAULT);
            case FaultCleared c -> startup(nowNanos, VrrpCause.FAULT_CLEARED);
            case AdvertReceived a -> receive(a, nowNanos);
            case MalformedAdvertReceived m -> malformed(m.error());
            case AdverTimerFired f -> adverTimerFired(nowNanos);
            case MasterDownTimerFired f -> masterDownTimerFired(nowNanos);
            case PriorityChanged p -> priorityChanged(p.priority());
        }
        List<VrrpOutput> result = out == null ? List.of() : out;
        out = null;
        return result;
    }

    // ---- §6.4.1 Initialize ----

    private void startup(long now, VrrpCause cause) {
        if (state != VrrpState.INITIALIZE) return;
        if (owner) {
            // RFC 5798 §6.4.1: the address owner sends an ADVERTISEMENT, a gratuitous ARP per
            // address, sets the Adver_Timer and becomes Master at once.
            masterAdverIntervalNanos = advertisementIntervalNanos;
            recomputeTimes();
            sendAdvert();
            emit(gratuitousArps);
            armAdverTimer(now + advertisementIntervalNanos);
            becomeMaster(VrrpCause.PRIORITY);
        } else {
            // RFC 5798 §6.4.1: Master_Adver_Interval := Advertisement_Interval; Master_Down_Timer
            // := Master_Down_Interval; Backup.
            masterAdverIntervalNanos = advertisementIntervalNanos;
            recomputeTimes();
            lastHeard = LastHeard.NOTHING;
            preemptHoldSince = UNARMED;
            armMasterDownTimer(now + masterDownIntervalNanos);
            transition(VrrpState.BACKUP, cause);
        }
    }

    // ---- Shutdown, interface down ----

    private void stop(boolean graceful, VrrpCause cause) {
        switch (state) {
            case INITIALIZE -> { }
            case BACKUP -> {
                // RFC 5798 §6.4.2: cancel the Master_Down_Timer; Initialize.
                cancelMasterDownTimer();
                transition(VrrpState.INITIALIZE, cause);
            }
            case MASTER -> {
                // RFC 5798 §6.4.3: cancel the Adver_Timer, send an ADVERTISEMENT with Priority = 0,
                // Initialize. A dead interface cannot send, so interface-down skips the goodbye.
                cancelAdverTimer();
                if (graceful) sendPriorityZero();
                transition(VrrpState.INITIALIZE, cause);
            }
        }
    }

    // ---- §7.1 receiving ----

    private void receive(AdvertReceived received, long now) {
        if (state == VrrpState.INITIALIZE) return; // the protocol is not running
        VrrpAdvertisement adv = received.advert();
        if (adv.vrid() != config.vrid()) return; // another virtual router's: never ours to judge
        if (received.source().equals(primaryAddress)) return; // our own, reflected back by the segment
        // RFC 5798 §7.1 / RFC 3768 §7.1: the TTL MUST be 255.
        if (received.ttl() != 255) {
            ipTtlErrors++;
            discard(VrrpError.IP_TTL_ERROR, "TTL " + received.ttl() + " from " + received.source() + ", must be 255");
            return;
        }
        // RFC 5798 §7.1: the version MUST be the configured one (3; RFC 3768: 2).
        if (adv.version() != config.version()) {
            versionErrors++;
            discard(VrrpError.VERSION_ERROR, "version " + adv.version() + " from " + received.source()
                    + ", configured " + config.version());
            return;
        }
        // Past the global checks the packet has reached this virtual router (RFC 8347's split
        // between vrrp-error-global and vrrp-error-virtual-router).
        advertisementRcvd++;
        if (adv.priority() == VrrpAdvertisement.PRIORITY_STOP) priorityZeroPktsRcvd++;
        // RFC 3768 §7.1: the Auth Type MUST match the local method, which is always 0 since
        // RFC 3768 §5.3.6 reserved types 1 and 2.
        if (config.version() == 2 && adv.authType() != 0) {
            authTypeMismatch++;
            discard(VrrpError.AUTH_TYPE_MISMATCH, "auth type " + adv.authType() + " from " + received.source() + ", local 0");
            return;
        }
        // RFC 5798 §7.1: the local router MUST NOT be the address owner.
        if (owner) {
            discard(VrrpError.LOCAL_ADDRESS_OWNER, "advertisement from " + received.source()
                    + " (priority " + adv.priority() + ") for addresses this router owns");
            return;
        }
        // RFC 9568 §7.1 (erratum 8301): Max Advertise Interval MUST be non-zero; a zero would
        // make Master_Down_Interval no more than Skew_Time.
        if (config.version() == 3 && adv.maxAdverInterval() == 0) {
            intervalErrors++;
            discard(VrrpError.INTERVAL_ERROR, "zero Max Advertise Interval from " + received.source());
            return;
        }
        // RFC 5798 §7.1 MAY-check of the address list; RFC 3768 §7.1 then drops a mismatch
        // unless the owner (255) sent it, RFC 5798 only reports it.
        if (!sameAddresses(adv.addresses())) {
            addressListErrors++;
            if (config.version() == 2 && adv.priority() != VrrpAdvertisement.PRIORITY_OWNER) {
                discard(VrrpError.ADDRESS_LIST_ERROR, "addresses " + adv.addresses() + " from " + received.source()
                        + ", configured " + config.virtualAddresses());
                return;
            }
        }
        if (adv.maxAdverInterval() != config.advertisementInterval()) {
            intervalErrors++;
            // RFC 3768 §7.1: a v2 receiver MUST discard an interval other than its own. A v3
            // receiver only reports it: the Backup learns the Master's interval (RFC 5798 §6.4.2).
            if (config.version() == 2) {
                discard(VrrpError.INTERVAL_ERROR, "interval " + adv.maxAdverInterval() + " s from " + received.source()
                        + ", configured " + config.advertisementInterval() + " s");
                return;
            }
        }
        lastAdvertSource = received.source();
        if (state == VrrpState.BACKUP) {
            backupReceives(adv, now);
        } else {
            masterReceives(adv, received.source(), now);
        }
    }

    private void malformed(VrrpError error) {
        if (state == VrrpState.INITIALIZE) return;
        switch (error) {
            case IP_TTL_ERROR -> ipTtlErrors++;
            case VERSION_ERROR -> versionErrors++;
            case CHECKSUM_ERROR -> checksumErrors++;
            case PACKET_LENGTH_ERROR -> packetLengthErrors++;
            case INVALID_TYPE -> invalidTypePktsRcvd++;
            case INTERVAL_ERROR -> intervalErrors++;
            case ADDRESS_LIST_ERROR -> addressListErrors++;
            case AUTH_TYPE_MISMATCH -> authTypeMismatch++;
            case LOCAL_ADDRESS_OWNER -> { }
        }
        discard(error, "undecodable VRRP packet");
    }

    // ---- §6.4.2 Backup ----

    private void backupReceives(VrrpAdvertisement adv, long now) {
        if (adv.priority() == VrrpAdvertisement.PRIORITY_STOP) {
            // RFC 5798 §6.4.2: the Master resigned; Master_Down_Timer := Skew_Time.
            armMasterDownTimer(now + skewTimeNanos);
            lastHeard = LastHeard.PRIORITY_ZERO;
        } else if (!config.preempt() || adv.priority() >= priority || inPreemptHold(adv, now)) {
            // RFC 5798 §6.4.2: Preempt_Mode False, or priority >= ours: Master_Adver_Interval :=
            // the advertised interval (v3 only; RFC 3768 has no such step and §7.1 already
            // rejected any other interval), recompute Skew_Time and Master_Down_Interval, and
            // reset the Master_Down_Timer.
            if (config.version() == 3) {
                masterAdverIntervalNanos = VrrpConfig.intervalNanos(3, adv.maxAdverInterval());
                recomputeTimes();
            }
            armMasterDownTimer(now + masterDownIntervalNanos);
            lastHeard = LastHeard.ACCEPTED;
        } else {
            // RFC 5798 §6.4.2: Preempt_Mode True and a lower priority: discard, and let the
            // Master_Down_Timer run out so this router preempts.
            lastHeard = LastHeard.DISCARDED_LOWER;
        }
    }

    /**
     * The preempt-delay extension: a lower-priority Master's advertisements are accepted for
     * preemptDelay after the first of them, and discarded as §6.4.2 says from then on.
     */
    private boolean inPreemptHold(VrrpAdvertisement adv, long now) {
        if (preemptDelayNanos == 0 || adv.priority() >= priority) return false;
        if (preemptHoldSince == UNARMED) preemptHoldSince = now;
        return now - preemptHoldSince < preemptDelayNanos;
    }

    private void masterDownTimerFired(long now) {
        if (state != VrrpState.BACKUP || masterDownTimerAt == UNARMED) return; // stale
        masterDownTimerAt = UNARMED;
        // RFC 5798 §6.4.2: send an ADVERTISEMENT, a gratuitous ARP per address, set the
        // Adver_Timer to Advertisement_Interval, become Master.
        sendAdvert();
        emit(gratuitousArps);
        armAdverTimer(now + advertisementIntervalNanos);
        becomeMaster(switch (lastHeard) {
            case PRIORITY_ZERO -> VrrpCause.PRIORITY;
            case DISCARDED_LOWER -> VrrpCause.PREEMPTED;
            case NOTHING, ACCEPTED -> VrrpCause.NO_RESPONSE;
        });
    }

    // ---- §6.4.3 Master ----

    private void adverTimerFired(long now) {
        if (state != VrrpState.MASTER || adverTimerAt == UNARMED) return; // stale
        // RFC 5798 §6.4.3: send an ADVERTISEMENT; reset the Adver_Timer.
        sendAdvert();
        armAdverTimer(now + advertisementIntervalNanos);
    }

    private void masterReceives(VrrpAdvertisement adv, Ipv4Address source, long now) {
        if (adv.priority() == VrrpAdvertisement.PRIORITY_STOP) {
            // RFC 5798 §6.4.3: another router resigned; assert ourselves at once and reset the Adver_Timer.
            sendAdvert();
            armAdverTimer(now + advertisementIntervalNanos);
        } else if (adv.priority() > priority
                || (adv.priority() == priority && source.compareTo(primaryAddress) > 0)) {
            // RFC 5798 §6.4.3: a higher priority, or the same priority from a greater primary
            // address (unsigned comparison, RFC 9568 §6.4.3): cancel the Adver_Timer, adopt the
            // advertised interval (v3), recompute Skew_Time and Master_Down_Interval, set the
            // Master_Down_Timer and become Backup.
            cancelAdverTimer();
            if (config.version() == 3) {
                masterAdverIntervalNanos = VrrpConfig.intervalNanos(3, adv.maxAdverInterval());
            }
            recomputeTimes();
            lastHeard = LastHeard.ACCEPTED;
            preemptHoldSince = UNARMED;
            armMasterDownTimer(now + masterDownIntervalNanos);
            transition(VrrpState.BACKUP, VrrpCause.HIGHER_PRIORITY_BACKUP);
        } else if (config.rfc9568()) {
            // RFC 9568 §6.4.3: discard it, but send an ADVERTISEMENT at once to assert the
            // Master role to the sender and to learning bridges; the Adver_Timer is not reset.
            sendAdvert();
        }
        // RFC 5798 §6.4.3: otherwise discard the ADVERTISEMENT.
    }

    // ---- priority changes ----

    private void priorityChanged(int newPriority) {
        if (owner || newPriority == priority) return; // an owner is 255 by definition (RFC 5798 §5.2.4)
        priority = newPriority;
        advert = null;
        // Skew_Time depends on the priority. A running Master_Down_Timer keeps its deadline:
        // the new Master_Down_Interval applies from the next advertisement accepted.
        recomputeTimes();
        preemptHoldSince = UNARMED;
    }

    // ---- helpers ----

    private void becomeMaster(VrrpCause cause) {
        newMasterReason = cause.newMasterReason();
        masterTransitions++;
        transition(VrrpState.MASTER, cause);
    }

    private void transition(VrrpState to, VrrpCause cause) {
        VrrpState from = state;
        state = to;
        emit(new StateChanged(from, to, cause));
    }

    private void sendAdvert() {
        if (advert == null) {
            advert = new SendAdvert(advertisement(priority));
        }
        advertisementSent++;
        emit(advert);
    }

    private void sendPriorityZero() {
        advertisementSent++;
        priorityZeroPktsSent++;
        emit(new SendAdvert(advertisement(VrrpAdvertisement.PRIORITY_STOP)));
    }

    private VrrpAdvertisement advertisement(int advertisedPriority) {
        return config.version() == 3
                ? VrrpAdvertisement.v3(config.vrid(), advertisedPriority, config.advertisementInterval(), config.virtualAddresses())
                : VrrpAdvertisement.v2(config.vrid(), advertisedPriority, config.advertisementInterval(), config.virtualAddresses());
    }

    private boolean sameAddresses(List<Ipv4Address> advertised) {
        if (advertised.equals(config.virtualAddresses())) return true;
        return advertised.size() == virtualAddressSet.size() && Set.copyOf(advertised).equals(virtualAddressSet);
    }

    private void recomputeTimes() {
        // RFC 5798 §6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
        // RFC 3768 §6.1: Skew_Time = (256 - Priority) / 256 seconds, whatever the interval.
        long scale = config.version() == 3 ? masterAdverIntervalNanos : NANOS_PER_SECOND;
        skewTimeNanos = Math.ceilDiv((256L - priority) * scale, 256L);
        // RFC 5798 §6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time.
        masterDownIntervalNanos = 3 * masterAdverIntervalNanos + skewTimeNanos;
    }

    private void armAdverTimer(long at) {
        adverTimerAt = at;
        emit(new ArmTimer(VrrpTimer.ADVER_TIMER, at));
    }

    private void cancelAdverTimer() {
        adverTimerAt = UNARMED;
        emit(new CancelTimer(VrrpTimer.ADVER_TIMER));
    }

    private void armMasterDownTimer(long at) {
        masterDownTimerAt = at;
        emit(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, at));
    }

    private void cancelMasterDownTimer() {
        masterDownTimerAt = UNARMED;
        emit(new CancelTimer(VrrpTimer.MASTER_DOWN_TIMER));
    }

    private void discard(VrrpError error, String detail) {
        emit(new AdvertDiscarded(error, detail));
    }

    private void emit(VrrpOutput output) {
        if (out == null) out = new ArrayList<>(4);
        out.add(output);
    }

    // ---- what management can read ----

    public VrrpConfig config() {
        return config;
    }

    public Ipv4Address primaryAddress() {
        return primaryAddress;
    }

    public VrrpState state() {
        return state;
    }

    /** The running priority: the configured one unless changed by {@link VrrpInput.PriorityChanged}. */
    public int priority() {
        return priority;
    }

    /** Whether this router owns the virtual addresses (priority 255): YANG is-owner. */
    public boolean isOwner() {
        return owner;
    }

    /** Master_Adver_Interval in nanoseconds: the Master's interval as last learned (v3), or our own. */
    public long masterAdverIntervalNanos() {
        return masterAdverIntervalNanos;
    }

    /** Skew_Time in nanoseconds (RFC 5798 §6.1; RFC 3768 §6.1 for v2). */
    public long skewTimeNanos() {
        return skewTimeNanos;
    }

    /** Master_Down_Interval in nanoseconds (RFC 5798 §6.1). */
    public long masterDownIntervalNanos() {
        return masterDownIntervalNanos;
    }

    /** When the Master_Down_Timer is due, or empty if it is not armed. */
    public OptionalLong masterDownTimerAt() {
        return masterDownTimerAt == UNARMED ? OptionalLong.empty() : OptionalLong.of(masterDownTimerAt);
    }

    /** When the Adver_Timer is due, or empty if it is not armed. */
    public OptionalLong adverTimerAt() {
        return adverTimerAt == UNARMED ? OptionalLong.empty() : OptionalLong.of(adverTimerAt);
    }

    /** Why this router last became Master (YANG new-master-reason); NOT_MASTER if it never was. */
    public NewMasterReason newMasterReason() {
        return newMasterReason;
    }

    /** The source of the last advertisement that passed the receive checks (YANG last-adv-source), or null. */
    public Ipv4Address lastAdvertSource() {
        return lastAdvertSource;
    }

    /** A snapshot of the counters. */
    public VrrpStatistics statistics() {
        return new VrrpStatistics(masterTransitions, advertisementRcvd, advertisementSent, intervalErrors,
                priorityZeroPktsRcvd, priorityZeroPktsSent, invalidTypePktsRcvd, addressListErrors,
                packetLengthErrors, checksumErrors, versionErrors, ipTtlErrors, authTypeMismatch);
    }

    @Override
    public String toString() {
        return "VrrpRouter[vrid " + config.vrid() + " v" + config.version() + " " + primaryAddress + " priority "
                + priority + " " + state.yangName() + "]";
    }
}
