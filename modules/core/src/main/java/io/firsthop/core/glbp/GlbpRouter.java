package io.firsthop.core.glbp;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One GLBP group on one interface of one router: the virtual gateway (VG) election and the
 * up to four virtual forwarders (VF), as Cisco's "Configuring GLBP" guide describes them, with
 * messages laid out as Wireshark's packet-glbp.c reads them. GLBP has no public specification;
 * where Cisco's documentation is silent the choice made here is stated at the line that makes it.
 *
 * <p>How to drive it: create one per (interface, group) with the interface's MAC and primary
 * address, then call {@link #handle} with {@link GlbpInput#STARTUP} and the time, and after that
 * with every GLBP message of the group that arrives, every timer that fires, and every weighting
 * or priority change. It never reads a clock and does no I/O: it answers with {@link GlbpOutput}s
 * (messages to send, timers to arm or cancel, state changes). The data plane asks it
 * {@link #arpReplyMac} (only the AVG answers ARP for the virtual IP), {@link #forwards} (the
 * virtual MACs this router routes for) and {@link #isAvg}.
 *
 * <p>What happens, in Cisco's words: members elect an active virtual gateway (AVG) by priority,
 * then by highest address, with a standby VG, through HSRP's states (Listen, Speak, Standby,
 * Active). The AVG assigns forwarder numbers 1..4 (virtual MACs 0007.b4xx.xx01..04) to members in
 * the order their Requests arrive, itself first. Each member is the primary AVF for its own
 * forwarder and a secondary (Listen) for the others; when an AVF's hellos stop for the hold time,
 * the best secondary (highest weighting, then address) takes its MAC over, and two timers start:
 * after the redirect time the AVG stops handing that MAC out, after the timeout it is deleted.
 */
public final class GlbpRouter {
    /** Cisco allows at most four virtual forwarders per group. */
    public static final int MAX_FORWARDERS = 4;
    /**
     * The VF priority a primary (owner) AVF advertises. Cisco derives VF priorities internally;
     * 167 is what its debug output shows for an owner (packet-glbp.c's comment) and 135 is what
     * the ANSA/INET GLBP model, checked against Cisco routers, uses for a secondary.
     */
    public static final int PRIMARY_VF_PRIORITY = 167;
    public static final int SECONDARY_VF_PRIORITY = 135;
    /**
     * firsthop's choice: a router whose weighting is below its lower threshold advertises VF
     * priority 0 ("cannot forward"), like VRRP's priority 0; Cisco's encoding is unknown.
     */
    public static final int INELIGIBLE_VF_PRIORITY = 0;
    /** A hello whose VG priority is 0 is a resignation (firsthop's choice; see {@link #handle} on Shutdown). */
    public static final int RESIGN_PRIORITY = 0;

    static final MacAddress MULTICAST_MAC = MacAddress.ofIpv4Multicast(GlbpMessage.MULTICAST);
    private static final long NEVER = Long.MIN_VALUE;

    private final GlbpConfig config;
    private final MacAddress interfaceMac;
    private final Ipv4Address address;
    private final long helloNanos;
    private final long holdNanos;
    private final long redirectNanos;
    private final long timeoutNanos;
    private final long forwarderPreemptNanos;
    private final long virtualMacBase;
    private final GlbpTlv.Auth auth;

    private int priority;
    private int weighting;
    /** The weighting fell below the lower threshold and has not reached the upper one since. */
    private boolean released;

    private GlbpVgState vgState = GlbpVgState.INITIAL;
    /** The AVG when it is another router; null when unknown or when it is this router. */
    private MacAddress activeMac;
    private Ipv4Address activeIp;
    private MacAddress standbyMac;
    private Ipv4Address standbyIp;
    /** When the ACTIVE timer is due (Long.MAX_VALUE when not armed). */
    private long activeDeadline = Long.MAX_VALUE;

    private final Forwarder[] forwarders = new Forwarder[MAX_FORWARDERS + 1];
    private final Map<MacAddress, Peer> peers = new HashMap<>();
    /** Members this AVG had no forwarder for (noted once each). */
    private final Set<MacAddress> refused = new HashSet<>();
    private long requestedAt = NEVER;
    private int helloSourceRotation;

    private int roundRobinLast;
    private final long[] smoothWeights = new long[MAX_FORWARDERS + 1];
    private final int[] candidates = new int[MAX_FORWARDERS];

    /** The outputs of the {@link #handle} call in progress. */
    private List<GlbpOutput> out;

    /**
     * @param config       the group's configuration
     * @param interfaceMac the interface's burned-in MAC: the Owner ID of every message sent
     * @param address      the interface's primary address: the source of every message and the AVG tie-breaker
     */
    public GlbpRouter(GlbpConfig config, MacAddress interfaceMac, Ipv4Address address) {
        this.config = Objects.requireNonNull(config, "config");
        this.interfaceMac = Objects.requireNonNull(interfaceMac, "interfaceMac");
        this.address = Objects.requireNonNull(address, "address");
        this.helloNanos = config.helloMillis() * 1_000_000L;
        this.holdNanos = config.holdMillis() * 1_000_000L;
        this.redirectNanos = config.redirectSeconds() * 1_000_000_000L;
        this.timeoutNanos = config.timeoutSeconds() * 1_000_000_000L;
        this.forwarderPreemptNanos = config.forwarderPreemptSeconds() * 1_000_000_000L;
        this.virtualMacBase = GlbpMessage.virtualMac(config.group(), 0).value();
        this.auth = config.authentication() == null ? null
                : new GlbpTlv.Auth(GlbpTlv.Auth.AUTH_PLAIN_TEXT, Bytes.of(config.authentication().getBytes(StandardCharsets.US_ASCII)));
        this.priority = config.priority();
        this.weighting = config.weighting();
        this.released = weighting < config.lowerThreshold();
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            forwarders[f] = new Forwarder(f, GlbpMessage.virtualMac(config.group(), f));
        }
    }

    // ------------------------------------------------------------------ driving

    /**
     * Handles one input at {@code now} (nanoseconds of the runtime's clock) and returns what to do.
     *
     * <p>Shutdown is graceful: the router sends one last hello with VG priority 0 and every
     * forwarder in Listen with VF priority 0, so the standby VG and the secondaries take over at
     * once instead of after the hold time. Cisco's resign encoding is not documented; this is
     * firsthop's, and a Cisco router would simply time the sender out.
     */
    public List<GlbpOutput> handle(GlbpInput in, long now) {
        out = new ArrayList<>(4);
        switch (in) {
            case GlbpInput.Startup s -> startup(now);
            case GlbpInput.Shutdown s -> shutdown(now);
            case GlbpInput.InterfaceDown d -> stop("interface-down");
            case GlbpInput.MessageReceived m -> received(m, now);
            case GlbpInput.TimerFired t -> timerFired(t.timer(), now);
            case GlbpInput.SetWeighting w -> setWeighting(w.weighting(), now);
            case GlbpInput.SetPriority p -> setPriority(p.priority(), now);
        }
        List<GlbpOutput> result = out;
        out = null;
        return result;
    }

    private void startup(long now) {
        if (vgState != GlbpVgState.INITIAL) return;
        // Cisco: Initial -> Listen once the virtual IP is known (firsthop requires it configured).
        setVg(GlbpVgState.LISTEN, "startup");
        arm(GlbpTimer.ACTIVE, now + holdNanos);
        arm(GlbpTimer.STANDBY, now + holdNanos);
        arm(GlbpTimer.HELLO, now + helloNanos);
        // Every member says hello, in any VG state: its hellos carry its forwarders.
        sendHello(null);
    }

    private void shutdown(long now) {
        if (vgState == GlbpVgState.INITIAL) return;
        List<GlbpTlv> tlvs = new ArrayList<>(2 + MAX_FORWARDERS);
        if (auth != null) tlvs.add(auth);
        tlvs.add(GlbpTlv.Hello.of(GlbpState.LISTEN, RESIGN_PRIORITY, (int) config.helloMillis(), (int) config.holdMillis(),
                config.redirectSeconds(), config.timeoutSeconds(), config.virtualIp()));
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            Forwarder fw = forwarders[f];
            if (fw.known) tlvs.add(GlbpTlv.RequestResponse.of(f, GlbpState.LISTEN, INELIGIBLE_VF_PRIORITY, 0, fw.vmac));
        }
        out.add(new GlbpOutput.Send(GlbpMessage.of(config.group(), interfaceMac, tlvs), GlbpMessage.MULTICAST, MULTICAST_MAC, interfaceMac));
        stop("shutdown");
    }

    /** Back to Initial: every timer cancelled, every forwarder Disabled, nothing remembered. */
    private void stop(String cause) {
        if (vgState == GlbpVgState.INITIAL) return;
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            Forwarder fw = forwarders[f];
            if (fw.known) {
                cancelForwarderTimers(fw);
                setVf(fw, GlbpVfState.DISABLED, cause);
            }
            fw.reset();
            fw.tombstoned = false;
        }
        cancel(GlbpTimer.HELLO);
        cancel(GlbpTimer.ACTIVE);
        cancel(GlbpTimer.STANDBY);
        setVg(GlbpVgState.INITIAL, cause);
        peers.clear();
        refused.clear();
        clearActive();
        clearStandby();
        requestedAt = NEVER;
        roundRobinLast = 0;
        Arrays.fill(smoothWeights, 0);
    }

    // ------------------------------------------------------------------ receiving

    private void received(GlbpInput.MessageReceived m, long now) {
        if (vgState == GlbpVgState.INITIAL) return;
        GlbpMessage msg = m.message();
        if (msg.group() != config.group()) {
            reject("group " + msg.group() + " is not " + config.group());
            return;
        }
        if (msg.ownerId().equals(interfaceMac)) return;
        String authProblem = checkAuthentication(msg);
        if (authProblem != null) {
            reject(authProblem);
            return;
        }
        GlbpTlv.Hello hello = msg.hello();
        if (hello == null) {
            requestOrResponse(m, now);
            return;
        }
        if (!hello.virtualIp().equals(config.virtualIp())) {
            reject("virtual IP " + hello.virtualIp() + " is not " + config.virtualIp());
            return;
        }
        MacAddress sender = msg.ownerId();
        updatePeer(sender, m.source(), msg, now);
        vgHello(sender, m.source(), hello, now);
        vfTlvs(sender, m.source(), msg, now);
        if (sender.equals(activeMac)) maybeRequest(now);
    }

    private String checkAuthentication(GlbpMessage msg) {
        GlbpTlv.Auth got = null;
        for (GlbpTlv tlv : msg.tlvs()) {
            if (tlv instanceof GlbpTlv.Auth a) got = a;
        }
        if (auth == null) {
            return got == null || got.authType() == GlbpTlv.Auth.AUTH_NONE ? null : "authentication present but not configured";
        }
        if (got == null) return "authentication missing";
        if (got.authType() != GlbpTlv.Auth.AUTH_PLAIN_TEXT) return "authentication type " + got.authType() + " not supported";
        return got.data().equals(auth.data()) ? null : "authentication mismatch";
    }

    private void updatePeer(MacAddress sender, Ipv4Address ip, GlbpMessage msg, long now) {
        Peer p = peers.get(sender);
        if (p == null) {
            p = new Peer();
            peers.put(sender, p);
        }
        p.ip = ip;
        p.lastHeard = now;
        GlbpTlv.Hello hello = msg.hello();
        p.vgPriority = hello == null ? 0 : hello.priority();
        Arrays.fill(p.vfState, null);
        for (GlbpTlv tlv : msg.tlvs()) {
            if (tlv instanceof GlbpTlv.RequestResponse r && r.forwarder() >= 1 && r.forwarder() <= MAX_FORWARDERS) {
                p.vfState[r.forwarder()] = r.vfState();
                p.vfPriority[r.forwarder()] = r.priority();
                p.vfWeight[r.forwarder()] = r.weight();
            }
        }
    }

    // ------------------------------------------------------------------ virtual gateway

    private void vgHello(MacAddress sender, Ipv4Address ip, GlbpTlv.Hello hello, long now) {
        int p = hello.priority();
        if (p == RESIGN_PRIORITY) {
            // HSRP's Resign: the standby takes over at once rather than after the hold time.
            boolean wasActive = sender.equals(activeMac);
            if (wasActive) clearActive();
            if (sender.equals(standbyMac)) clearStandby();
            if (wasActive && vgState == GlbpVgState.STANDBY) becomeAvg(now, "resigned");
            return;
        }
        switch (hello.vgState()) {
            case ACTIVE -> heardActive(sender, ip, p, now);
            case STANDBY -> heardStandby(sender, ip, p, now);
            case SPEAK -> heardSpeak(sender, ip, p, now);
            case LISTEN -> {
                if (sender.equals(activeMac)) clearActive();
                if (sender.equals(standbyMac)) clearStandby();
            }
        }
    }

    private void heardActive(MacAddress sender, Ipv4Address ip, int p, long now) {
        if (sender.equals(standbyMac)) clearStandby();
        if (vgState == GlbpVgState.ACTIVE) {
            // Two AVGs (a partition healed, or both timed out together): the lower one steps down.
            if (outranks(p, ip, priority, address)) {
                activeMac = sender;
                activeIp = ip;
                setVg(GlbpVgState.SPEAK, "higher-priority");
                arm(GlbpTimer.ACTIVE, now + holdNanos);
                arm(GlbpTimer.STANDBY, now + holdNanos);
            }
            // Either way the other side learns the outcome now rather than at the next hello.
            sendHello(null);
            return;
        }
        activeMac = sender;
        activeIp = ip;
        arm(GlbpTimer.ACTIVE, now + holdNanos);
        // Cisco: with "glbp preempt" a router with a higher priority takes the AVG role (off by default, as in HSRP).
        if (config.preempt() && outranks(priority, address, p, ip)) becomeAvg(now, "preempted");
    }

    private void heardStandby(MacAddress sender, Ipv4Address ip, int p, long now) {
        if (sender.equals(activeMac)) clearActive();
        switch (vgState) {
            case ACTIVE -> {
                standbyMac = sender;
                standbyIp = ip;
                arm(GlbpTimer.STANDBY, now + holdNanos);
            }
            case STANDBY -> {
                if (outranks(p, ip, priority, address)) {
                    standbyMac = sender;
                    standbyIp = ip;
                    setVg(GlbpVgState.LISTEN, "higher-priority");
                    arm(GlbpTimer.STANDBY, now + holdNanos);
                }
            }
            case SPEAK -> {
                // A lower standby does not stop this router's bid: its own standby timer makes it Standby.
                if (outranks(p, ip, priority, address)) {
                    standbyMac = sender;
                    standbyIp = ip;
                    setVg(GlbpVgState.LISTEN, "higher-priority");
                    arm(GlbpTimer.STANDBY, now + holdNanos);
                }
            }
            case LISTEN -> {
                standbyMac = sender;
                standbyIp = ip;
                arm(GlbpTimer.STANDBY, now + holdNanos);
                if (outranks(priority, address, p, ip)) {
                    setVg(GlbpVgState.SPEAK, "higher-priority");
                    sendHello(null);
                }
            }
            case INITIAL -> { }
        }
    }

    private void heardSpeak(MacAddress sender, Ipv4Address ip, int p, long now) {
        if (sender.equals(activeMac)) clearActive();
        if (sender.equals(standbyMac)) clearStandby();
        if (!outranks(p, ip, priority, address)) return;
        switch (vgState) {
            case SPEAK, STANDBY -> {
                setVg(GlbpVgState.LISTEN, "higher-priority");
                arm(GlbpTimer.STANDBY, now + holdNanos);
                if (activeMac == null) arm(GlbpTimer.ACTIVE, now + holdNanos);
            }
            // A better router is bidding for standby: no need to bid as well while it does.
            case LISTEN -> arm(GlbpTimer.STANDBY, now + holdNanos);
            case ACTIVE, INITIAL -> { }
        }
    }

    private void activeTimerExpired(long now) {
        clearActive();
        switch (vgState) {
            case LISTEN -> {
                setVg(GlbpVgState.SPEAK, "active-down");
                arm(GlbpTimer.ACTIVE, now + holdNanos);
                arm(GlbpTimer.STANDBY, now + holdNanos);
                sendHello(null);
            }
            case SPEAK -> {
                // A known standby that outranks this router takes over; wait another hold time for it.
                if (standbyMac != null && outranks(peerPriority(standbyMac), standbyIp, priority, address)) {
                    arm(GlbpTimer.ACTIVE, now + holdNanos);
                } else {
                    becomeAvg(now, "active-down");
                }
            }
            case STANDBY -> becomeAvg(now, "active-down");
            case ACTIVE, INITIAL -> { }
        }
    }

    private void standbyTimerExpired(long now) {
        clearStandby();
        switch (vgState) {
            case LISTEN -> {
                // With no AVG known either (the first election), the missing AVG is the reason to speak.
                setVg(GlbpVgState.SPEAK, activeMac == null ? "active-down" : "standby-down");
                arm(GlbpTimer.STANDBY, now + holdNanos);
                if (activeMac == null) arm(GlbpTimer.ACTIVE, now + holdNanos);
                sendHello(null);
            }
            case SPEAK -> {
                // Both timers due at once (a first election): the runtime may fire them in either
                // order, and the outcome must not depend on it.
                if (activeMac == null && activeDeadline <= now) {
                    becomeAvg(now, "active-down");
                } else {
                    setVg(GlbpVgState.STANDBY, "standby-elected");
                    sendHello(null);
                }
            }
            case STANDBY, ACTIVE, INITIAL -> { }
        }
    }

    private void becomeAvg(long now, String cause) {
        setVg(GlbpVgState.ACTIVE, cause);
        clearActive();
        cancel(GlbpTimer.ACTIVE);
        // The STANDBY timer keeps running: the AVG, too, notices when its standby goes quiet.
        roundRobinLast = 0;
        Arrays.fill(smoothWeights, 0);
        claimForwarderAsAvg(now);
        sendHello(null);
    }

    /** Cisco: the AVG assigns a virtual MAC to each member, itself included, whenever one is free. */
    private void claimForwarderAsAvg(long now) {
        if (vgState != GlbpVgState.ACTIVE || primaryForwarder() != 0) return;
        int f = lowestFreeForwarder();
        if (f != 0) becomePrimary(forwarders[f], now);
    }

    private int peerPriority(MacAddress mac) {
        Peer p = peers.get(mac);
        return p == null ? 0 : p.vgPriority;
    }

    private void clearActive() {
        activeMac = null;
        activeIp = null;
    }

    private void clearStandby() {
        standbyMac = null;
        standbyIp = null;
    }

    /** Cisco "GLBP Virtual Gateway Redundancy": highest priority, then highest IP address. */
    static boolean outranks(int priorityA, Ipv4Address addressA, int priorityB, Ipv4Address addressB) {
        if (priorityA != priorityB) return priorityA > priorityB;
        return addressA.compareTo(addressB) > 0;
    }

    private void setPriority(int newPriority, long now) {
        priority = newPriority;
        if (config.preempt() && activeMac != null && vgState != GlbpVgState.INITIAL && vgState != GlbpVgState.ACTIVE
                && outranks(priority, address, peerPriority(activeMac), activeIp)) {
            becomeAvg(now, "preempted");
        }
    }

    // ------------------------------------------------------------------ forwarders: assignment

    /** The forwarder this router is primary (owner) for, or 0. */
    public int primaryForwarder() {
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            if (forwarders[f].primary) return f;
        }
        return 0;
    }

    private int lowestFreeForwarder() {
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            if (!forwarders[f].known) return f;
        }
        return 0;
    }

    /**
     * A member without a forwarder asks the AVG for one. firsthop sends Request and Response
     * unicast between the two routers' interface addresses (as the ANSA/INET model does): a
     * multicast Response could not say which requester it answers, since the TLV has no field
     * for it. At most one Request per hello interval.
     */
    private void maybeRequest(long now) {
        if (vgState == GlbpVgState.ACTIVE || activeMac == null || primaryForwarder() != 0) return;
        if (requestedAt != NEVER && now - requestedAt < helloNanos) return;
        requestedAt = now;
        List<GlbpTlv> tlvs = new ArrayList<>(2);
        if (auth != null) tlvs.add(auth);
        tlvs.add(GlbpTlv.RequestResponse.of(0, GlbpState.LISTEN, 0, weighting, MacAddress.ZERO));
        out.add(new GlbpOutput.Send(GlbpMessage.of(config.group(), interfaceMac, tlvs), activeIp, activeMac, interfaceMac));
    }

    /** A message without a Hello TLV: a Request (forwarder 0) or the AVG's Response (forwarder 1..4). */
    private void requestOrResponse(GlbpInput.MessageReceived m, long now) {
        for (GlbpTlv tlv : m.message().tlvs()) {
            if (!(tlv instanceof GlbpTlv.RequestResponse r)) continue;
            if (r.forwarder() == 0) {
                if (vgState == GlbpVgState.ACTIVE) answerRequest(m.message().ownerId(), m.source());
            } else if (r.forwarder() <= MAX_FORWARDERS && !m.destination().isMulticast()) {
                acceptResponse(r.forwarder(), now);
            }
            return;
        }
    }

    /**
     * Cisco "GLBP Virtual MAC Address Assignment": the AVG hands out forwarder numbers in the
     * order members ask. A member that owned a forwarder before (it restarted while a secondary
     * held its MAC) gets the same one back, so its forwarder preemption can reclaim it.
     */
    private void answerRequest(MacAddress requester, Ipv4Address requesterIp) {
        int f = 0;
        for (int i = 1; i <= MAX_FORWARDERS && f == 0; i++) {
            if (forwarders[i].known && requester.equals(forwarders[i].ownerMac)) f = i;
        }
        if (f == 0) f = lowestFreeForwarder();
        if (f == 0) {
            // It will keep asking at every hello; say so once.
            if (refused.add(requester)) note("no free forwarder for " + requesterIp + ": it stays a secondary for all four");
            return;
        }
        Forwarder fw = forwarders[f];
        if (!fw.known) learnSecondary(fw, "assigned to " + requesterIp);
        fw.ownerMac = requester;
        List<GlbpTlv> tlvs = new ArrayList<>(2);
        if (auth != null) tlvs.add(auth);
        tlvs.add(GlbpTlv.RequestResponse.of(f, GlbpState.LISTEN, PRIMARY_VF_PRIORITY, 0, fw.vmac));
        out.add(new GlbpOutput.Send(GlbpMessage.of(config.group(), interfaceMac, tlvs), requesterIp, requester, interfaceMac));
    }

    private void acceptResponse(int f, long now) {
        if (primaryForwarder() != 0) return;
        becomePrimary(forwarders[f], now);
    }

    private void becomePrimary(Forwarder fw, long now) {
        fw.known = true;
        fw.tombstoned = false;
        fw.primary = true;
        fw.ownerMac = interfaceMac;
        switch (fw.state) {
            case ACTIVE -> {
                // It held this MAC as a secondary; as its owner the takeover timers no longer apply.
                clearTakeover(fw);
                sendHello(fw.vmac);
            }
            case LISTEN, DISABLED -> {
                if (fw.avfMac == null && !released) {
                    activateVf(fw, now, "assigned");
                } else {
                    if (fw.state == GlbpVfState.DISABLED) setVf(fw, GlbpVfState.LISTEN, "assigned");
                    maybeArmPreempt(fw, now);
                }
            }
        }
    }

    private void learnSecondary(Forwarder fw, String cause) {
        fw.known = true;
        fw.tombstoned = false;
        setVf(fw, GlbpVfState.LISTEN, cause);
    }

    // ------------------------------------------------------------------ forwarders: redundancy

    private void vfTlvs(MacAddress sender, Ipv4Address ip, GlbpMessage msg, long now) {
        for (GlbpTlv tlv : msg.tlvs()) {
            if (!(tlv instanceof GlbpTlv.RequestResponse r)) continue;
            int f = r.forwarder();
            if (f < 1 || f > MAX_FORWARDERS) continue;
            Forwarder fw = forwarders[f];
            boolean fromPrimary = r.priority() == PRIMARY_VF_PRIORITY;
            // A forwarder deleted at its timeout stays deleted until an owner appears again: a
            // router that saw the takeover later may still advertise it for a moment.
            if (fw.tombstoned && !fromPrimary) continue;
            if (!fw.known) {
                // A resigning router's farewell does not make a forwarder exist.
                if (r.priority() == INELIGIBLE_VF_PRIORITY && r.vfState() != GlbpState.ACTIVE) continue;
                learnSecondary(fw, "learned");
            }
            if (fromPrimary) primaryAdvertised(fw, sender, ip, now);
            if (r.vfState() == GlbpState.ACTIVE) {
                heardAvf(fw, sender, ip, r.priority(), r.weight(), now);
            } else if (sender.equals(fw.avfMac)) {
                // The AVF stepped back (shut down, or its weighting fell below its lower threshold).
                avfLost(fw, now, "resigned");
            }
        }
    }

    private void primaryAdvertised(Forwarder fw, MacAddress sender, Ipv4Address ip, long now) {
        if (!fw.primary) {
            // After a heal two members may both claim a number for a moment, and the order their
            // hellos arrive in is arbitrary. Were the last claim heard to win, the AVG could give
            // the number back (answerRequest) to the member that just lost it, which claims it
            // again, loses it again, and never gets a free number of its own. So a bystander
            // applies the owners' own rule: a live claim from a higher address stands.
            if (!sender.equals(fw.ownerMac) && ownerClaimStands(fw, ip, now)) return;
            fw.ownerMac = sender;
            return;
        }
        // Two owners for one number (two AVGs assigned it during a split): the higher address keeps it.
        if (ip.compareTo(address) > 0) {
            fw.primary = false;
            fw.ownerMac = sender;
            note("forwarder " + fw.number + " is also owned by " + ip + ", which keeps it");
            if (fw.state == GlbpVfState.ACTIVE) startTakeover(fw, now);
            claimForwarderAsAvg(now);
        }
    }

    /** The recorded owner of {@code fw} is another member, heard within the hold time still claiming it, with an address above {@code ip}. */
    private boolean ownerClaimStands(Forwarder fw, Ipv4Address ip, long now) {
        if (fw.ownerMac == null) return false;
        Peer owner = peers.get(fw.ownerMac);
        return owner != null && now - owner.lastHeard < holdNanos
                && owner.vfState[fw.number] != null && owner.vfPriority[fw.number] == PRIMARY_VF_PRIORITY
                && owner.ip.compareTo(ip) > 0;
    }

    private void heardAvf(Forwarder fw, MacAddress sender, Ipv4Address ip, int avfPriority, int avfWeight, long now) {
        if (fw.state == GlbpVfState.ACTIVE) {
            // Two owners active for one MAC (a healed split): primaryAdvertised has just decided
            // ownership by address, and this router kept it, so it stays; the other, no longer an
            // owner, steps back when it hears this hello. Ranking them by weighting instead would
            // let each defer to the other (the owner to the heavier claimant, the claimant to the
            // owner) and leave the MAC with no AVF. Cisco documents no rule for merging two AVGs'
            // assignments; firsthop's is one owner per number, the higher address, applied alike here.
            if (fw.primary && avfPriority == PRIMARY_VF_PRIORITY) {
                sendHello(fw.vmac);
                return;
            }
            // Two AVFs for one MAC: the lower-ranked one steps back.
            if (vfOutranks(avfPriority, avfWeight, ip, myVfPriority(fw), weighting, address)) {
                setVf(fw, GlbpVfState.LISTEN, "higher-priority");
            } else {
                sendHello(fw.vmac);
                return;
            }
        }
        fw.avfMac = sender;
        fw.avfIp = ip;
        fw.avfPriority = avfPriority;
        fw.avfWeight = avfWeight;
        arm(fw.vfActiveTimer, now + holdNanos);
        if (avfPriority == PRIMARY_VF_PRIORITY) clearTakeover(fw); else startTakeover(fw, now);
        maybeArmPreempt(fw, now);
    }

    /**
     * Cisco "GLBP Virtual Forwarder Redundancy": when the AVF fails, a secondary in Listen takes
     * over its MAC. Which one is not documented; firsthop ranks candidates by VF priority (the
     * owner first), then weighting, then address, using the Listen TLVs of the members heard in
     * the last hold time, so exactly one of them takes over.
     */
    private void avfLost(Forwarder fw, long now, String cause) {
        fw.avfMac = null;
        fw.avfIp = null;
        cancel(fw.vfActiveTimer);
        cancelPreempt(fw);
        if (!fw.known || fw.state != GlbpVfState.LISTEN || released) return;
        if (bestCandidateIsSelf(fw, now)) {
            activateVf(fw, now, cause);
        } else {
            // A better candidate should announce itself; if it never does (it failed too), look again.
            arm(fw.vfActiveTimer, now + holdNanos);
        }
    }

    private boolean bestCandidateIsSelf(Forwarder fw, long now) {
        int mine = myVfPriority(fw);
        for (Peer p : peers.values()) {
            if (now - p.lastHeard >= holdNanos) continue;
            if (p.vfState[fw.number] != GlbpState.LISTEN || p.vfPriority[fw.number] == INELIGIBLE_VF_PRIORITY) continue;
            if (vfOutranks(p.vfPriority[fw.number], p.vfWeight[fw.number], p.ip, mine, weighting, address)) return false;
        }
        return true;
    }

    static boolean vfOutranks(int priorityA, int weightA, Ipv4Address addressA, int priorityB, int weightB, Ipv4Address addressB) {
        if (priorityA != priorityB) return priorityA > priorityB;
        if (weightA != weightB) return weightA > weightB;
        return addressA.compareTo(addressB) > 0;
    }

    private int myVfPriority(Forwarder fw) {
        if (released) return INELIGIBLE_VF_PRIORITY;
        return fw.primary ? PRIMARY_VF_PRIORITY : SECONDARY_VF_PRIORITY;
    }

    /**
     * This router becomes the AVF. No gratuitous ARP is sent, unlike HSRP or VRRP: hosts keep
     * the virtual MAC they were given, only its location changes, and a broadcast ARP for the
     * virtual IP would move every host's cache onto this one MAC and undo the load balancing.
     * Switches learn the new location from the hello sent now, whose Ethernet source is the
     * virtual MAC (as captures of Cisco routers show: source 0007.b400.0101, Owner ID the BIA).
     */
    private void activateVf(Forwarder fw, long now, String cause) {
        fw.avfMac = null;
        fw.avfIp = null;
        cancel(fw.vfActiveTimer);
        cancelPreempt(fw);
        setVf(fw, GlbpVfState.ACTIVE, cause);
        if (fw.primary) clearTakeover(fw); else startTakeover(fw, now);
        sendHello(fw.vmac);
    }

    /**
     * Cisco: the redirect and timeout timers "start as soon as the gateway changes to the
     * active virtual forwarder state" for another member's forwarder. Every member starts them
     * when it sees that happen (a secondary's Active TLV), so each can act on them when it is AVG.
     */
    private void startTakeover(Forwarder fw, long now) {
        if (fw.takenOver) return;
        fw.takenOver = true;
        fw.redirecting = true;
        arm(fw.redirectTimer, now + redirectNanos);
        arm(fw.timeoutTimer, now + timeoutNanos);
    }

    private void clearTakeover(Forwarder fw) {
        if (!fw.takenOver) return;
        fw.takenOver = false;
        fw.redirecting = true;
        cancel(fw.redirectTimer);
        cancel(fw.timeoutTimer);
    }

    /** Cisco: forwarder preemption (on, 30 s) lets the owner take its MAC back from a secondary. */
    private void maybeArmPreempt(Forwarder fw, long now) {
        boolean wanted = fw.state == GlbpVfState.LISTEN && config.forwarderPreempt() && fw.avfMac != null
                && myVfPriority(fw) > fw.avfPriority;
        if (!wanted) {
            cancelPreempt(fw);
        } else if (!fw.preemptArmed) {
            fw.preemptArmed = true;
            arm(fw.preemptTimer, now + forwarderPreemptNanos);
        }
    }

    private void cancelPreempt(Forwarder fw) {
        if (!fw.preemptArmed) return;
        fw.preemptArmed = false;
        cancel(fw.preemptTimer);
    }

    private void deleteForwarder(Forwarder fw, String cause) {
        cancelForwarderTimers(fw);
        setVf(fw, GlbpVfState.DISABLED, cause);
        fw.reset();
        fw.tombstoned = true;
        for (Peer p : peers.values()) p.vfState[fw.number] = null;
    }

    private void cancelForwarderTimers(Forwarder fw) {
        cancel(fw.vfActiveTimer);
        cancelPreempt(fw);
        if (fw.takenOver) {
            cancel(fw.redirectTimer);
            cancel(fw.timeoutTimer);
        }
    }

    // ------------------------------------------------------------------ weighting

    /**
     * Cisco "GLBP Gateway Weighting and Tracking": below the lower threshold the router gives up
     * its AVF role for every forwarder; at or above the upper threshold it may take one again
     * (its own through forwarder preemption, after the delay).
     */
    private void setWeighting(int newWeighting, long now) {
        weighting = newWeighting;
        if (vgState == GlbpVgState.INITIAL) {
            released = weighting < config.lowerThreshold();
            return;
        }
        if (!released && weighting < config.lowerThreshold()) {
            released = true;
            for (int f = 1; f <= MAX_FORWARDERS; f++) {
                Forwarder fw = forwarders[f];
                cancelPreempt(fw);
                if (fw.state == GlbpVfState.ACTIVE) setVf(fw, GlbpVfState.LISTEN, "weighting-below-lower");
            }
            sendHello(null);
        } else if (released && weighting >= config.upperThreshold()) {
            released = false;
            for (int f = 1; f <= MAX_FORWARDERS; f++) {
                Forwarder fw = forwarders[f];
                if (!fw.known || fw.state != GlbpVfState.LISTEN) continue;
                if (fw.avfMac == null) {
                    if (bestCandidateIsSelf(fw, now)) activateVf(fw, now, "weighting-above-upper");
                } else {
                    maybeArmPreempt(fw, now);
                }
            }
            sendHello(null);
        }
    }

    // ------------------------------------------------------------------ timers

    private void timerFired(GlbpTimer t, long now) {
        if (vgState == GlbpVgState.INITIAL) return;
        switch (t.kind()) {
            case HELLO -> {
                sendHello(null);
                arm(GlbpTimer.HELLO, now + helloNanos);
            }
            case ACTIVE -> activeTimerExpired(now);
            case STANDBY -> standbyTimerExpired(now);
            case VF_ACTIVE -> {
                Forwarder fw = forwarders[t.forwarder()];
                if (fw.known) avfLost(fw, now, "active-down");
            }
            case VF_PREEMPT -> {
                Forwarder fw = forwarders[t.forwarder()];
                fw.preemptArmed = false;
                if (fw.known && fw.state == GlbpVfState.LISTEN && !released
                        && (fw.avfMac == null || myVfPriority(fw) > fw.avfPriority)) {
                    activateVf(fw, now, "preempted");
                }
            }
            case REDIRECT -> {
                Forwarder fw = forwarders[t.forwarder()];
                if (fw.known && fw.takenOver) {
                    fw.redirecting = false;
                    note("forwarder " + fw.number + " redirect time over: the AVG stops handing out " + fw.vmac);
                }
            }
            case TIMEOUT -> {
                Forwarder fw = forwarders[t.forwarder()];
                if (fw.known && fw.takenOver) {
                    deleteForwarder(fw, "timeout");
                    claimForwarderAsAvg(now);
                }
            }
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * A hello: the Hello TLV (VG state, priority, timers, virtual IP) then one Request/Response
     * TLV per forwarder this router knows (state, VF priority, weighting, virtual MAC), after the
     * Auth TLV when authentication is configured (the order Loki, which imitates Cisco, uses).
     * The Ethernet source is {@code source}, or else the virtual MAC of the next forwarder this
     * router is AVF for in turn, so that switches keep learning every virtual MAC where it lives;
     * the interface MAC when it forwards for none.
     */
    private void sendHello(MacAddress source) {
        if (vgState == GlbpVgState.INITIAL) return;
        List<GlbpTlv> tlvs = new ArrayList<>(2 + MAX_FORWARDERS);
        if (auth != null) tlvs.add(auth);
        tlvs.add(GlbpTlv.Hello.of(vgState.wire(), priority, (int) config.helloMillis(), (int) config.holdMillis(),
                config.redirectSeconds(), config.timeoutSeconds(), config.virtualIp()));
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            Forwarder fw = forwarders[f];
            if (fw.known) tlvs.add(GlbpTlv.RequestResponse.of(f, fw.state.wire(), myVfPriority(fw), weighting, fw.vmac));
        }
        MacAddress src = source != null ? source : nextHelloSource();
        out.add(new GlbpOutput.Send(GlbpMessage.of(config.group(), interfaceMac, tlvs), GlbpMessage.MULTICAST, MULTICAST_MAC, src));
    }

    private MacAddress nextHelloSource() {
        for (int i = 1; i <= MAX_FORWARDERS; i++) {
            int f = (helloSourceRotation + i - 1) % MAX_FORWARDERS + 1;
            if (forwarders[f].state == GlbpVfState.ACTIVE) {
                helloSourceRotation = f;
                return forwarders[f].vmac;
            }
        }
        return interfaceMac;
    }

    private void arm(GlbpTimer t, long at) {
        if (t == GlbpTimer.ACTIVE) activeDeadline = at;
        out.add(new GlbpOutput.ArmTimer(t, at));
    }

    private void cancel(GlbpTimer t) {
        if (t == GlbpTimer.ACTIVE) activeDeadline = Long.MAX_VALUE;
        out.add(new GlbpOutput.CancelTimer(t));
    }

    private void setVg(GlbpVgState to, String cause) {
        if (vgState == to) return;
        out.add(new GlbpOutput.VgStateChanged(vgState, to, cause));
        vgState = to;
    }

    private void setVf(Forwarder fw, GlbpVfState to, String cause) {
        if (fw.state == to) return;
        out.add(new GlbpOutput.VfStateChanged(fw.number, fw.state, to, cause));
        fw.state = to;
    }

    private void reject(String reason) {
        out.add(new GlbpOutput.Rejected(reason));
    }

    private void note(String text) {
        out.add(new GlbpOutput.Note(text));
    }

    // ------------------------------------------------------------------ data plane

    /**
     * The virtual MAC the AVG puts in its ARP reply to {@code requester}, or null when this
     * router is not the AVG or no forwarder is available. Available: an AVF is known for it and,
     * if a secondary took it over, its redirect time is not over. The choice advances the
     * round-robin or weighted state, so call it once per ARP reply.
     *
     * <ul>
     * <li>Round-robin: the next available forwarder after the last one handed out, by number.</li>
     * <li>Weighted (firsthop's deterministic scheme, Cisco only says "in proportion"): smooth
     * weighted round-robin (nginx's): each pick adds every forwarder's weighting to its credit,
     * takes the highest credit (lowest number on ties) and charges it the total. Weightings
     * 100/100/50/50 give the cycle 1,2,3,4,1,2, so 40 replies split 13/13/7/7.</li>
     * <li>Host-dependent: rendezvous hashing of the requester MAC with each forwarder number:
     * a host keeps its MAC while the set of forwarders is unchanged (Cisco's guarantee), and
     * only the hosts of a forwarder that disappears move.</li>
     * </ul>
     */
    public MacAddress arpReplyMac(MacAddress requester) {
        if (vgState != GlbpVgState.ACTIVE) return null;
        int n = 0;
        for (int f = 1; f <= MAX_FORWARDERS; f++) {
            if (available(forwarders[f])) {
                candidates[n++] = f;
            } else {
                smoothWeights[f] = 0;
            }
        }
        if (n == 0) return null;
        int chosen = switch (config.loadBalancing()) {
            case ROUND_ROBIN -> roundRobin(n);
            case WEIGHTED -> weighted(n);
            case HOST_DEPENDENT -> hostDependent(n, requester);
        };
        return forwarders[chosen].vmac;
    }

    private boolean available(Forwarder fw) {
        return fw.known && fw.redirecting && (fw.state == GlbpVfState.ACTIVE || fw.avfMac != null);
    }

    private int roundRobin(int n) {
        int chosen = candidates[0];
        for (int i = 0; i < n; i++) {
            if (candidates[i] > roundRobinLast) {
                chosen = candidates[i];
                break;
            }
        }
        roundRobinLast = chosen;
        return chosen;
    }

    private int weighted(int n) {
        long total = 0;
        int best = 0;
        for (int i = 0; i < n; i++) {
            int f = candidates[i];
            Forwarder fw = forwarders[f];
            int w = fw.state == GlbpVfState.ACTIVE ? weighting : fw.avfWeight;
            smoothWeights[f] += w;
            total += w;
            if (best == 0 || smoothWeights[f] > smoothWeights[best]) best = f;
        }
        smoothWeights[best] -= total;
        return best;
    }

    private int hostDependent(int n, MacAddress requester) {
        int best = candidates[0];
        long bestScore = 0;
        for (int i = 0; i < n; i++) {
            long score = mix((requester == null ? 0 : requester.value()) * 0x9E37_79B9_7F4A_7C15L + candidates[i]);
            if (i == 0 || Long.compareUnsigned(score, bestScore) > 0) {
                best = candidates[i];
                bestScore = score;
            }
        }
        return best;
    }

    /** SplitMix64's finaliser: a fixed, well-spread hash, the same on every JVM. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** Whether this router routes frames sent to {@code mac}: a virtual MAC of this group it is AVF for. */
    public boolean forwards(MacAddress mac) {
        long v = mac.value();
        if ((v & ~0xFFL) != virtualMacBase) return false;
        int f = (int) (v & 0xFF);
        return f >= 1 && f <= MAX_FORWARDERS && forwarders[f].state == GlbpVfState.ACTIVE;
    }

    // ------------------------------------------------------------------ state

    public GlbpConfig config() {
        return config;
    }

    public MacAddress interfaceMac() {
        return interfaceMac;
    }

    public Ipv4Address address() {
        return address;
    }

    public GlbpVgState vgState() {
        return vgState;
    }

    public boolean isAvg() {
        return vgState == GlbpVgState.ACTIVE;
    }

    /** The AVG's address: this router's when it is the AVG, null when none is known. */
    public Ipv4Address activeGateway() {
        return isAvg() ? address : activeIp;
    }

    /** The standby VG's address: this router's when it is Standby, null when none is known. */
    public Ipv4Address standbyGateway() {
        return vgState == GlbpVgState.STANDBY ? address : standbyIp;
    }

    public int priority() {
        return priority;
    }

    public int weighting() {
        return weighting;
    }

    /** Whether the weighting fell below the lower threshold and has not reached the upper one since. */
    public boolean belowThreshold() {
        return released;
    }

    public GlbpVfState vfState(int forwarder) {
        return forwarderAt(forwarder).state;
    }

    /** What this router knows about forwarder {@code forwarder} (1..4). */
    public ForwarderStatus forwarder(int forwarder) {
        Forwarder fw = forwarderAt(forwarder);
        Ipv4Address avf = fw.state == GlbpVfState.ACTIVE ? address : fw.avfIp;
        return new ForwarderStatus(fw.number, fw.vmac, fw.state, fw.primary, fw.ownerMac, avf, fw.takenOver,
                available(fw));
    }

    private Forwarder forwarderAt(int forwarder) {
        if (forwarder < 1 || forwarder > MAX_FORWARDERS) {
            throw new IllegalArgumentException("GLBP forwarder must be 1.." + MAX_FORWARDERS + ", was " + forwarder);
        }
        return forwarders[forwarder];
    }

    /**
     * One forwarder as this router sees it.
     *
     * @param owner           the primary's interface MAC (Owner ID), null if unknown
     * @param activeForwarder the AVF's address (this router's when it is the AVF), null if none is known
     * @param takenOver       a secondary holds it: the redirect and timeout timers run
     * @param inArpReplies    the AVG would hand its MAC out (an AVF exists and the redirect time is not over)
     */
    public record ForwarderStatus(int forwarder, MacAddress virtualMac, GlbpVfState state, boolean primary,
                                  MacAddress owner, Ipv4Address activeForwarder, boolean takenOver, boolean inArpReplies) {}

    private static final class Forwarder {
        final int number;
        final MacAddress vmac;
        final GlbpTimer vfActiveTimer;
        final GlbpTimer preemptTimer;
        final GlbpTimer redirectTimer;
        final GlbpTimer timeoutTimer;
        boolean known;
        boolean tombstoned;
        GlbpVfState state = GlbpVfState.DISABLED;
        boolean primary;
        MacAddress ownerMac;
        /** The AVF when it is another router; null when none is known or when it is this router. */
        MacAddress avfMac;
        Ipv4Address avfIp;
        int avfPriority;
        int avfWeight;
        boolean preemptArmed;
        boolean takenOver;
        boolean redirecting = true;

        Forwarder(int number, MacAddress vmac) {
            this.number = number;
            this.vmac = vmac;
            this.vfActiveTimer = GlbpTimer.of(GlbpTimer.Kind.VF_ACTIVE, number);
            this.preemptTimer = GlbpTimer.of(GlbpTimer.Kind.VF_PREEMPT, number);
            this.redirectTimer = GlbpTimer.of(GlbpTimer.Kind.REDIRECT, number);
            this.timeoutTimer = GlbpTimer.of(GlbpTimer.Kind.TIMEOUT, number);
        }

        void reset() {
            known = false;
            state = GlbpVfState.DISABLED;
            primary = false;
            ownerMac = null;
            avfMac = null;
            avfIp = null;
            avfPriority = 0;
            avfWeight = 0;
            preemptArmed = false;
            takenOver = false;
            redirecting = true;
        }
    }

    /** What the last hello of another member said. */
    private static final class Peer {
        Ipv4Address ip;
        long lastHeard;
        int vgPriority;
        final GlbpState[] vfState = new GlbpState[MAX_FORWARDERS + 1];
        final int[] vfPriority = new int[MAX_FORWARDERS + 1];
        final int[] vfWeight = new int[MAX_FORWARDERS + 1];
    }
}
