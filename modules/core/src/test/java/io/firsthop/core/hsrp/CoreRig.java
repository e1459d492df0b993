package io.firsthop.core.hsrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one {@link HsrpRouter} with explicit times, and puts it straight into a state through
 * its public inputs (no back doors), so each factory is itself a short RFC 2281 scenario.
 */
final class CoreRig {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;
    /** When every factory's router starts. */
    static final long T0 = 5 * SECOND;

    static final Ipv4Address OWN = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address LOWER_IP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address HIGHER_IP = Ipv4Address.parse("10.0.0.3");
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.254");
    static final Bytes CISCO = HsrpConfig.of(1, 1, VIP).authData();

    final HsrpRouter router;
    long now;
    List<HsrpOutput> out = List.of();
    /** Every output since the rig was made, in order. */
    final List<HsrpOutput> all = new ArrayList<>();

    CoreRig(HsrpConfig config) {
        router = new HsrpRouter(config);
    }

    static HsrpConfig v1() {
        return HsrpConfig.of(1, 1, VIP);
    }

    static HsrpConfig v2() {
        return HsrpConfig.of(2, 1, VIP);
    }

    // ------------------------------------------------------------ factories, one per state

    static CoreRig initial(HsrpConfig config) {
        return new CoreRig(config);
    }

    /** RFC 2281 §5.7 (a, Initial) note +: no virtual IP configured. */
    static CoreRig learn(HsrpConfig config) {
        CoreRig r = new CoreRig(config.withVirtualIp(null));
        r.at(T0, new HsrpInput.Startup(OWN));
        r.expectState(HsrpState.LEARN);
        return r;
    }

    /** RFC 2281 §5.7 (a, Initial): AB/3. */
    static CoreRig listen(HsrpConfig config) {
        CoreRig r = new CoreRig(config);
        r.at(T0, new HsrpInput.Startup(OWN));
        r.expectState(HsrpState.LISTEN);
        return r;
    }

    /** Listen, then (c, Listen): AB/4, nobody Active. */
    static CoreRig speak(HsrpConfig config) {
        CoreRig r = listen(config);
        r.fire(HsrpTimer.ACTIVE);
        r.expectState(HsrpState.SPEAK);
        return r;
    }

    /**
     * Speak while a higher-priority router (10.0.0.3, priority 150) is Active and keeps its
     * Active timer running, then (d, Speak): D/5.
     */
    static CoreRig standby(HsrpConfig config) {
        CoreRig r = speak(config);
        r.at(r.router.timerDeadline(HsrpTimer.STANDBY).orElseThrow() - MS, r.helloFrom(HIGHER_IP, HsrpState.ACTIVE, 150));
        r.fire(HsrpTimer.STANDBY);
        r.expectState(HsrpState.STANDBY);
        r.out = List.of();
        return r;
    }

    /** A lone router: Listen, Speak, then Standby and Active when its timers run out together. */
    static CoreRig active(HsrpConfig config) {
        CoreRig r = speak(config);
        r.fire(HsrpTimer.ACTIVE);
        r.fire(HsrpTimer.STANDBY);
        r.expectState(HsrpState.ACTIVE);
        r.out = List.of();
        return r;
    }

    // ------------------------------------------------------------ driving

    List<HsrpOutput> at(long time, HsrpInput in) {
        now = time;
        out = router.handle(in, time);
        all.addAll(out);
        return out;
    }

    /**
     * Fires {@code timer} at its deadline, or now if the deadline has passed unfired (factories
     * skip Hello timers), so time never runs backwards.
     */
    List<HsrpOutput> fire(HsrpTimer timer) {
        return at(Math.max(now, deadline(timer)), HsrpInput.expired(timer));
    }

    long deadline(HsrpTimer timer) {
        return router.timerDeadline(timer).orElseThrow(() -> new AssertionError(timer + " is not running"));
    }

    boolean running(HsrpTimer timer) {
        return router.timerDeadline(timer).isPresent();
    }

    HsrpInput.HelloReceived helloFrom(Ipv4Address source, HsrpState state, int priority) {
        return new HsrpInput.HelloReceived(source, pdu(state, priority));
    }

    static HsrpPdu pdu(HsrpState state, int priority) {
        return new HsrpPdu(state, 3_000, 10_000, priority, CISCO, VIP);
    }

    static HsrpPdu pdu(HsrpState state, int priority, int helloMs, int holdMs) {
        return new HsrpPdu(state, helloMs, holdMs, priority, CISCO, VIP);
    }

    void expectState(HsrpState expected) {
        assertEquals(expected, router.state(), "state");
    }

    // ------------------------------------------------------------ reading outputs

    <T extends HsrpOutput> List<T> of(Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HsrpOutput> T only(Class<T> type) {
        List<T> found = of(type);
        assertEquals(1, found.size(), () -> "expected exactly one " + type.getSimpleName() + " in " + out);
        return found.get(0);
    }

    boolean sent(Class<? extends HsrpOutput.Send> type) {
        return !of(type).isEmpty();
    }

    /** The letters of RFC 2281 §5.6 this input's outputs performed, in a fixed order (A..I). */
    String actions() {
        StringBuilder sb = new StringBuilder();
        if (armed(HsrpTimer.ACTIVE)) sb.append('A');
        if (armed(HsrpTimer.STANDBY)) sb.append('B');
        if (cancelled(HsrpTimer.ACTIVE)) sb.append('C');
        if (cancelled(HsrpTimer.STANDBY)) sb.append('D');
        if (sent(HsrpOutput.SendHello.class)) sb.append('F');
        if (sent(HsrpOutput.SendCoup.class)) sb.append('G');
        if (sent(HsrpOutput.SendResign.class)) sb.append('H');
        if (!of(HsrpOutput.SendGratuitousArp.class).isEmpty()) sb.append('I');
        return sb.toString();
    }

    private boolean armed(HsrpTimer t) {
        return of(HsrpOutput.ArmTimer.class).stream().anyMatch(a -> a.timer() == t);
    }

    private boolean cancelled(HsrpTimer t) {
        return of(HsrpOutput.CancelTimer.class).stream().anyMatch(c -> c.timer() == t);
    }

    /** The states entered by this input, in order. */
    List<HsrpState> transitions() {
        return of(HsrpOutput.StateChanged.class).stream().map(HsrpOutput.StateChanged::to).toList();
    }
}
