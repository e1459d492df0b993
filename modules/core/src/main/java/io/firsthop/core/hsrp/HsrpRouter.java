package io.firsthop.core.hsrp;

import io.firsthop.core.hsrp.HsrpInput.ActiveTimerExpired;
import io.firsthop.core.hsrp.HsrpInput.CoupReceived;
import io.firsthop.core.hsrp.HsrpInput.HelloReceived;
import io.firsthop.core.hsrp.HsrpInput.HelloTimerExpired;
import io.firsthop.core.hsrp.HsrpInput.PreemptDelayExpired;
import io.firsthop.core.hsrp.HsrpInput.PriorityChanged;
import io.firsthop.core.hsrp.HsrpInput.ResignReceived;
import io.firsthop.core.hsrp.HsrpInput.Shutdown;
import io.firsthop.core.hsrp.HsrpInput.StandbyTimerExpired;
import io.firsthop.core.hsrp.HsrpInput.Startup;
import io.firsthop.core.hsrp.HsrpOutput.ArmTimer;
import io.firsthop.core.hsrp.HsrpOutput.AuthenticationFailed;
import io.firsthop.core.hsrp.HsrpOutput.CancelTimer;
import io.firsthop.core.hsrp.HsrpOutput.SendCoup;
import io.firsthop.core.hsrp.HsrpOutput.SendGratuitousArp;
import io.firsthop.core.hsrp.HsrpOutput.SendHello;
import io.firsthop.core.hsrp.HsrpOutput.SendResign;
import io.firsthop.core.hsrp.HsrpOutput.StateChanged;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One HSRP group on one interface: the state machine of RFC 2281 §5.3-§5.7, for version 1 and
 * Cisco's version 2 alike (they differ only on the wire), with Cisco's preemption switch and
 * preempt delay.
 *
 * <p>How to drive it: {@link #handle} one {@link HsrpInput} at a time with the current time in
 * nanoseconds; it answers with the {@link HsrpOutput}s to carry out in order (messages to send,
 * timers to arm or cancel, state changes to report). It reads no clock and does no I/O: the
 * first input is {@link Startup}, a due timer comes back as its {@code ...Expired} input, and a
 * received message of this group as {@link HelloReceived}, {@link CoupReceived} or
 * {@link ResignReceived}. A timer input that is not due (cancelled, moved, early) is ignored,
 * so a runtime may deliver stale expiries.
 *
 * <p>The transitions are RFC 2281 §5.7's table, cell by cell; each branch below names its cell
 * as (event, state): actions/next state. Which router a hello comes from ("the active router",
 * "the standby router", "a router in Speak state") is read from the State field of the hello,
 * and "higher priority" is the priority with the IP address as tie-breaker (§5.1 Priority).
 *
 * <p>Three points the RFC leaves open, decided here:
 * <ul>
 *   <li>Messages sent during a transition: Coup and Resign carry the state the router leaves
 *       (a Resign always says Active), a Hello the state it enters, so the first hello of a new
 *       Active already says Active and goes out from the virtual MAC (§6.1).</li>
 *   <li>Cell (c, Speak) is empty, yet a lone router's Active and Standby timers start together
 *       (AB/4 from Listen) and expire at the same instant in Speak. If the Active timer lapses
 *       in Speak it stays lapsed, and on entering Standby the expiry is taken as event c there
 *       (CDFI/6), so a lone router becomes Active at two Holdtimes whichever timer the runtime
 *       fires first, as Cisco routers do (Listen, Speak, Standby, Active).</li>
 *   <li>The Hello timer is not jittered (§5.4 asks for jitter): runs must be reproducible, and
 *       routers started at different instants already send at different phases.</li>
 * </ul>
 */
public final class HsrpRouter {
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final int TIMERS = HsrpTimer.values().length;

    private final HsrpConfig config;
    private final Bytes authData;

    private HsrpState state = HsrpState.INITIAL;
    private Ipv4Address ownAddress;
    private int priority;
    private Ipv4Address virtualIp;
    private int helloTimeMs;
    private int holdTimeMs;
    private long startedAt;
    private final boolean[] running = new boolean[TIMERS];
    private final long[] deadline = new long[TIMERS];
    /** The router last heard as Active, for recognising its Resign and for a delayed preemption. */
    private Ipv4Address activeRouter;
    private int activeRouterPriority;

    /** Outputs of the input being handled, and its time. */
    private List<HsrpOutput> out;
    private long now;

    public HsrpRouter(HsrpConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.authData = config.authData();
        this.priority = config.priority();
        this.virtualIp = config.virtualIp();
        HsrpTimers t = config.timers() != null ? config.timers() : HsrpTimers.DEFAULT;
        this.helloTimeMs = t.helloTimeMs();
        this.holdTimeMs = t.holdTimeMs();
    }

    /** Handles one input at {@code nowNanos}; returns a fresh list of outputs the caller owns. */
    public List<HsrpOutput> handle(HsrpInput in, long nowNanos) {
        Objects.requireNonNull(in, "in");
        out = new ArrayList<>(4);
        now = nowNanos;
        switch (in) {
            case Startup s -> configured(s.ownAddress());
            case Shutdown s -> disabled();
            case HelloReceived h -> helloReceived(h.source(), h.pdu());
            case CoupReceived c -> coupReceived(c.source(), c.pdu());
            case ResignReceived r -> resignReceived(r.source(), r.pdu());
            case ActiveTimerExpired e -> {
                if (due(HsrpTimer.ACTIVE)) activeTimerExpiry();
            }
            case StandbyTimerExpired e -> {
                if (due(HsrpTimer.STANDBY)) standbyTimerExpiry();
            }
            case HelloTimerExpired e -> {
                if (due(HsrpTimer.HELLO)) helloTimerExpiry();
            }
            case PreemptDelayExpired e -> {
                if (due(HsrpTimer.PREEMPT_DELAY)) preemptDelayExpiry();
            }
            case PriorityChanged p -> priority = p.priority();
        }
        List<HsrpOutput> result = out;
        out = null;
        return result;
    }

    public HsrpState state() {
        return state;
    }

    public HsrpConfig config() {
        return config;
    }

    public int priority() {
        return priority;
    }

    /** The virtual IP address in use: configured, learned, or {@code null} while still unknown. */
    public Ipv4Address virtualIp() {
        return virtualIp;
    }

    /** The Hellotime in use: configured, learned from the Active router, or the default. */
    public int helloTimeMs() {
        return helloTimeMs;
    }

    /** The Holdtime in use: configured, learned from the Active router, or the default. */
    public int holdTimeMs() {
        return holdTimeMs;
    }

    /** When {@code timer} is due, if it is running. */
    public OptionalLong timerDeadline(HsrpTimer timer) {
        return running[timer.ordinal()] ? OptionalLong.of(deadline[timer.ordinal()]) : OptionalLong.empty();
    }

    // ---------------------------------------------------------------- events (RFC 2281 §5.5)

    /** Event a. */
    private void configured(Ipv4Address address) {
        if (state != HsrpState.INITIAL) return;
        ownAddress = address;
        startedAt = now;
        virtualIp = config.virtualIp();
        HsrpTimers t = config.timers() != null ? config.timers() : HsrpTimers.DEFAULT;
        helloTimeMs = t.helloTimeMs();
        holdTimeMs = t.holdTimeMs();
        activeRouter = null;
        // RFC 2281 §5.4: the Hello timer expires once per Hellotime period while HSRP runs
        arm(HsrpTimer.HELLO, now + ms(helloTimeMs));
        // RFC 2281 §5.7 (a, Initial): AB/2|3, note +: Listen if the virtual IP is configured, else Learn
        startActiveTimer(null);
        startStandbyTimer(null);
        enter(virtualIp != null ? HsrpState.LISTEN : HsrpState.LEARN, HsrpEvent.CONFIGURED);
    }

    /** Event b. */
    private void disabled() {
        switch (state) {
            case INITIAL, DISABLED -> {
                return;
            }
            // RFC 2281 §5.7 (b, Learn|Listen|Speak|Standby): CD/1
            case LEARN, LISTEN, SPEAK, STANDBY -> {
                stopActiveTimer();
                stopStandbyTimer();
            }
            // RFC 2281 §5.7 (b, Active): CDH/1
            case ACTIVE -> {
                stopActiveTimer();
                stopStandbyTimer();
                sendResign();
            }
        }
        // HSRP no longer runs: its other timers go too
        cancel(HsrpTimer.HELLO);
        cancel(HsrpTimer.PREEMPT_DELAY);
        activeRouter = null;
        enter(HsrpState.INITIAL, HsrpEvent.DISABLED);
    }

    /** Event c. */
    private void activeTimerExpiry() {
        activeRouter = null;
        switch (state) {
            // RFC 2281 §5.7 (c, Listen): AB/4
            case LISTEN -> {
                startActiveTimer(null);
                startStandbyTimer(null);
                enter(HsrpState.SPEAK, HsrpEvent.ACTIVE_TIMER_EXPIRY);
            }
            // RFC 2281 §5.7 (c, Standby): CDFI/6
            case STANDBY -> becomeActive(HsrpEvent.ACTIVE_TIMER_EXPIRY);
            // (c, Speak) is empty: the lapse is kept and acted on when entering Standby (see class javadoc);
            // (c, Learn|Active) are empty
            default -> {
            }
        }
    }

    /** Event d. */
    private void standbyTimerExpiry() {
        switch (state) {
            // RFC 2281 §5.7 (d, Listen): B/4
            case LISTEN -> {
                startStandbyTimer(null);
                enter(HsrpState.SPEAK, HsrpEvent.STANDBY_TIMER_EXPIRY);
            }
            // RFC 2281 §5.7 (d, Speak): D/5
            case SPEAK -> {
                stopStandbyTimer();
                enterStandby(HsrpEvent.STANDBY_TIMER_EXPIRY);
            }
            default -> {
            }
        }
    }

    /** Event e. */
    private void helloTimerExpiry() {
        arm(HsrpTimer.HELLO, now + ms(helloTimeMs));
        // RFC 2281 §5.7 (e, Speak|Standby|Active): F; §5.4: only these states send hellos
        if (state == HsrpState.SPEAK || state == HsrpState.STANDBY || state == HsrpState.ACTIVE) sendHello();
    }

    private void helloReceived(Ipv4Address source, HsrpPdu pdu) {
        if (!acceptable(source, pdu, HsrpOpCode.HELLO)) return;
        boolean higher = outranksUs(pdu.priority(), source);
        switch (pdu.state()) {
            case ACTIVE -> {
                activeRouter = source;
                activeRouterPriority = pdu.priority();
                if (higher) higherPriorityActiveHello(pdu);
                else lowerPriorityActiveHello(pdu);
            }
            case STANDBY -> {
                if (higher) higherPriorityStandbyHello(pdu);
                else lowerPriorityStandbyHello(pdu);
            }
            case SPEAK -> {
                if (higher) higherPrioritySpeakHello();
            }
            // RFC 2281 §5.4: routers in other states send no hellos; no event is defined for them
            default -> {
            }
        }
    }

    /** Event f. */
    private void higherPrioritySpeakHello() {
        // RFC 2281 §5.7 (f, Speak|Standby): B/3
        if (state == HsrpState.SPEAK || state == HsrpState.STANDBY) {
            startStandbyTimer(null);
            enter(HsrpState.LISTEN, HsrpEvent.HIGHER_PRIORITY_SPEAK_HELLO);
        }
    }

    /** Event g. */
    private void higherPriorityActiveHello(HsrpPdu pdu) {
        switch (state) {
            // RFC 2281 §5.7 (g, Learn): EAB/3
            case LEARN -> learnFromActive(pdu, HsrpEvent.HIGHER_PRIORITY_ACTIVE_HELLO);
            // RFC 2281 §5.7 (g, Listen|Speak|Standby): EA
            case LISTEN, SPEAK, STANDBY -> {
                learnParameters(pdu);
                startActiveTimer(pdu);
            }
            // RFC 2281 §5.7 (g, Active): AB/4
            case ACTIVE -> {
                startActiveTimer(pdu);
                startStandbyTimer(null);
                enter(HsrpState.SPEAK, HsrpEvent.HIGHER_PRIORITY_ACTIVE_HELLO);
            }
            default -> {
            }
        }
    }

    /** Event h. */
    private void lowerPriorityActiveHello(HsrpPdu pdu) {
        switch (state) {
            // RFC 2281 §5.7 (h, Learn): EAB/3
            case LEARN -> learnFromActive(pdu, HsrpEvent.LOWER_PRIORITY_ACTIVE_HELLO);
            // RFC 2281 §5.7 (h, Listen|Speak|Standby): A|BGFI/6, note *
            case LISTEN, SPEAK, STANDBY -> {
                if (config.preempt() && now >= preemptAllowedAt()) {
                    preempt(HsrpEvent.LOWER_PRIORITY_ACTIVE_HELLO);
                } else {
                    startActiveTimer(pdu);
                    // Cisco's preempt delay: no takeover before it ends; then take over if still the better router
                    if (config.preempt() && !running[HsrpTimer.PREEMPT_DELAY.ordinal()]) {
                        arm(HsrpTimer.PREEMPT_DELAY, preemptAllowedAt());
                    }
                }
            }
            // RFC 2281 §5.7 (h, Active): G
            case ACTIVE -> sendCoup();
            default -> {
            }
        }
    }

    private void resignReceived(Ipv4Address source, HsrpPdu pdu) {
        if (!acceptable(source, pdu, HsrpOpCode.RESIGN)) return;
        // event i is a Resign "from the active router": it says Active, or comes from the router last heard as Active
        if (pdu.state() != HsrpState.ACTIVE && !source.equals(activeRouter)) return;
        activeRouter = null;
        switch (state) {
            // RFC 2281 §5.7 (i, Listen): AB/4
            case LISTEN -> {
                startActiveTimer(null);
                startStandbyTimer(null);
                enter(HsrpState.SPEAK, HsrpEvent.RESIGN_FROM_ACTIVE);
            }
            // RFC 2281 §5.7 (i, Speak): A
            case SPEAK -> startActiveTimer(null);
            // RFC 2281 §5.7 (i, Standby): CFI/6
            case STANDBY -> {
                stopActiveTimer();
                enter(HsrpState.ACTIVE, HsrpEvent.RESIGN_FROM_ACTIVE);
                sendHello();
                sendGratuitousArp();
            }
            default -> {
            }
        }
    }

    private void coupReceived(Ipv4Address source, HsrpPdu pdu) {
        if (!acceptable(source, pdu, HsrpOpCode.COUP)) return;
        // RFC 2281 §5.7 (j, Active): ABH/4 — only a Coup from a higher priority router (event j) counts
        if (state == HsrpState.ACTIVE && outranksUs(pdu.priority(), source)) {
            startActiveTimer(null);
            startStandbyTimer(null);
            sendResign();
            enter(HsrpState.SPEAK, HsrpEvent.COUP_FROM_HIGHER_PRIORITY);
        }
    }

    /** Event k. */
    private void higherPriorityStandbyHello(HsrpPdu pdu) {
        switch (state) {
            // RFC 2281 §5.7 (k, Listen|Active): B
            case LISTEN, ACTIVE -> startStandbyTimer(pdu);
            // RFC 2281 §5.7 (k, Speak|Standby): B/3
            case SPEAK, STANDBY -> {
                startStandbyTimer(pdu);
                enter(HsrpState.LISTEN, HsrpEvent.HIGHER_PRIORITY_STANDBY_HELLO);
            }
            default -> {
            }
        }
    }

    /** Event l. */
    private void lowerPriorityStandbyHello(HsrpPdu pdu) {
        switch (state) {
            // RFC 2281 §5.7 (l, Listen): B/4
            case LISTEN -> {
                startStandbyTimer(pdu);
                enter(HsrpState.SPEAK, HsrpEvent.LOWER_PRIORITY_STANDBY_HELLO);
            }
            // RFC 2281 §5.7 (l, Speak): D/5
            case SPEAK -> {
                stopStandbyTimer();
                enterStandby(HsrpEvent.LOWER_PRIORITY_STANDBY_HELLO);
            }
            // RFC 2281 §5.7 (l, Active): B
            case ACTIVE -> startStandbyTimer(pdu);
            default -> {
            }
        }
    }

    /** Cisco's preempt delay ended: preempt now if the router last heard as Active is still alive and lower. */
    private void preemptDelayExpiry() {
        boolean contender = state == HsrpState.LISTEN || state == HsrpState.SPEAK || state == HsrpState.STANDBY;
        if (contender && config.preempt() && activeRouter != null && running[HsrpTimer.ACTIVE.ordinal()]
                && !outranksUs(activeRouterPriority, activeRouter)) {
            preempt(HsrpEvent.PREEMPT_DELAY_EXPIRY);
        }
    }

    // ---------------------------------------------------------------- composite transitions

    /** RFC 2281 §5.7 (g|h, Learn): EAB/3. */
    private void learnFromActive(HsrpPdu pdu, HsrpEvent event) {
        learnParameters(pdu);
        startActiveTimer(pdu);
        startStandbyTimer(null);
        // §5.3: Listen means the virtual IP is known; a hello without one leaves the router learning
        if (virtualIp != null) enter(HsrpState.LISTEN, event);
    }

    /** RFC 2281 §5.7 note *: with preemption, BGFI/6. */
    private void preempt(HsrpEvent event) {
        startStandbyTimer(null);
        sendCoup();
        enter(HsrpState.ACTIVE, event);
        sendHello();
        sendGratuitousArp();
    }

    /** RFC 2281 §5.7 (c, Standby): CDFI/6. */
    private void becomeActive(HsrpEvent event) {
        stopActiveTimer();
        stopStandbyTimer();
        enter(HsrpState.ACTIVE, event);
        sendHello();
        sendGratuitousArp();
    }

    /** Enters Standby; an Active timer that lapsed in Speak is event c there (see class javadoc). */
    private void enterStandby(HsrpEvent event) {
        enter(HsrpState.STANDBY, event);
        if (!running[HsrpTimer.ACTIVE.ordinal()]) becomeActive(HsrpEvent.ACTIVE_TIMER_EXPIRY);
    }

    private void enter(HsrpState to, HsrpEvent event) {
        HsrpState from = state;
        state = to;
        if (to == HsrpState.ACTIVE) {
            activeRouter = null;
            cancel(HsrpTimer.PREEMPT_DELAY);
        }
        out.add(new StateChanged(from, to, event));
    }

    // ---------------------------------------------------------------- actions (RFC 2281 §5.6)

    /** A: from an Active router's hello, its Holdtime; otherwise ours. */
    private void startActiveTimer(HsrpPdu fromActive) {
        arm(HsrpTimer.ACTIVE, now + ms(fromActive != null ? fromActive.holdTimeMs() : holdTimeMs));
    }

    /** B: from a Standby router's hello, its Holdtime; otherwise ours. */
    private void startStandbyTimer(HsrpPdu fromStandby) {
        arm(HsrpTimer.STANDBY, now + ms(fromStandby != null ? fromStandby.holdTimeMs() : holdTimeMs));
    }

    /** C. */
    private void stopActiveTimer() {
        cancel(HsrpTimer.ACTIVE);
    }

    /** D. */
    private void stopStandbyTimer() {
        cancel(HsrpTimer.STANDBY);
    }

    /**
     * E: RFC 2281 §5.1: learn the virtual IP only if none is configured, the timers only if none
     * are configured, both only from an authenticated hello (checked on receipt). The table never
     * does E in Active, which §5.1 forbids.
     */
    private void learnParameters(HsrpPdu pdu) {
        if (config.virtualIp() == null && !pdu.virtualIp().equals(Ipv4Address.ANY)) virtualIp = pdu.virtualIp();
        if (config.timers() == null && pdu.helloTimeMs() > 0 && pdu.holdTimeMs() > pdu.helloTimeMs()) {
            helloTimeMs = pdu.helloTimeMs();
            holdTimeMs = pdu.holdTimeMs();
        }
    }

    /** F: with the state being entered (see class javadoc). */
    private void sendHello() {
        out.add(new SendHello(pdu(state)));
    }

    /** G. */
    private void sendCoup() {
        out.add(new SendCoup(pdu(state)));
    }

    /** H: only ever sent by the Active router, so it says Active. */
    private void sendResign() {
        out.add(new SendResign(pdu(HsrpState.ACTIVE)));
    }

    /** I. */
    private void sendGratuitousArp() {
        out.add(new SendGratuitousArp(virtualIp));
    }

    // ---------------------------------------------------------------- helpers

    private HsrpPdu pdu(HsrpState stateField) {
        return new HsrpPdu(stateField, helloTimeMs, holdTimeMs, priority, authData, virtualIp);
    }

    /** Whether a received message takes part in the state machine at all. */
    private boolean acceptable(Ipv4Address source, HsrpPdu pdu, HsrpOpCode opCode) {
        if (state == HsrpState.INITIAL || state == HsrpState.DISABLED || source.equals(ownAddress)) return false;
        // RFC 2281 §5.1 Authentication Data / §7: a router ignores messages whose password differs
        if (!pdu.authData().equals(authData)) {
            out.add(new AuthenticationFailed(source, opCode));
            return false;
        }
        return true;
    }

    /**
     * RFC 2281 §5.1 Priority: whether a router with {@code otherPriority} at {@code otherAddress}
     * wins against this one: the higher priority, then the higher IP address.
     */
    private boolean outranksUs(int otherPriority, Ipv4Address otherAddress) {
        if (otherPriority != priority) return otherPriority > priority;
        return otherAddress.compareTo(ownAddress) > 0;
    }

    private long preemptAllowedAt() {
        return startedAt + config.preemptDelayMinimumMs() * NANOS_PER_MS;
    }

    private boolean due(HsrpTimer timer) {
        int i = timer.ordinal();
        if (!running[i] || now < deadline[i]) return false;
        running[i] = false;
        return true;
    }

    private void arm(HsrpTimer timer, long at) {
        running[timer.ordinal()] = true;
        deadline[timer.ordinal()] = at;
        out.add(new ArmTimer(timer, at));
    }

    private void cancel(HsrpTimer timer) {
        if (!running[timer.ordinal()]) return;
        running[timer.ordinal()] = false;
        out.add(new CancelTimer(timer));
    }

    private static long ms(int millis) {
        return millis * NANOS_PER_MS;
    }
}
