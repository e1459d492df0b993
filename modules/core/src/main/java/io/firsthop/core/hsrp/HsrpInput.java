package io.firsthop.core.hsrp;

import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.Ipv4Address;
import java.util.Objects;

/** Everything that can happen to an {@link HsrpRouter}; the runtime supplies the time alongside. */
public sealed interface HsrpInput {
    /**
     * RFC 2281 §5.5 event a: the group is configured and its interface is up.
     *
     * @param ownAddress the interface's primary address: the source of this router's messages and
     *                   its tie-breaker in elections (RFC 2281 §5.1)
     */
    record Startup(Ipv4Address ownAddress) implements HsrpInput {
        public Startup {
            Objects.requireNonNull(ownAddress, "ownAddress");
        }
    }

    /** RFC 2281 §5.5 event b: the group is disabled or its interface went down (the Active resigns). */
    record Shutdown() implements HsrpInput {}

    /** A message of this group and version arrived from {@code source}, already matched by group. */
    sealed interface Received extends HsrpInput {
        Ipv4Address source();

        HsrpPdu pdu();
    }

    record HelloReceived(Ipv4Address source, HsrpPdu pdu) implements Received {
        public HelloReceived {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pdu, "pdu");
        }
    }

    record CoupReceived(Ipv4Address source, HsrpPdu pdu) implements Received {
        public CoupReceived {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pdu, "pdu");
        }
    }

    record ResignReceived(Ipv4Address source, HsrpPdu pdu) implements Received {
        public ResignReceived {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pdu, "pdu");
        }
    }

    /** The timer {@link HsrpTimer#ACTIVE} the router armed is due. */
    record ActiveTimerExpired() implements HsrpInput {}

    /** The timer {@link HsrpTimer#STANDBY} the router armed is due. */
    record StandbyTimerExpired() implements HsrpInput {}

    /** The timer {@link HsrpTimer#HELLO} the router armed is due. */
    record HelloTimerExpired() implements HsrpInput {}

    /** The timer {@link HsrpTimer#PREEMPT_DELAY} the router armed is due. */
    record PreemptDelayExpired() implements HsrpInput {}

    /** The router's priority changed (a tracked object went down or came back). */
    record PriorityChanged(int priority) implements HsrpInput {
        public PriorityChanged {
            if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255, was " + priority);
        }
    }

    Shutdown SHUTDOWN = new Shutdown();
    ActiveTimerExpired ACTIVE_TIMER_EXPIRED = new ActiveTimerExpired();
    StandbyTimerExpired STANDBY_TIMER_EXPIRED = new StandbyTimerExpired();
    HelloTimerExpired HELLO_TIMER_EXPIRED = new HelloTimerExpired();
    PreemptDelayExpired PREEMPT_DELAY_EXPIRED = new PreemptDelayExpired();

    /** The input for a received message with op code {@code opCode}. */
    static Received received(HsrpOpCode opCode, Ipv4Address source, HsrpPdu pdu) {
        return switch (opCode) {
            case HELLO -> new HelloReceived(source, pdu);
            case COUP -> new CoupReceived(source, pdu);
            case RESIGN -> new ResignReceived(source, pdu);
        };
    }

    /** The input announcing that {@code timer} is due. */
    static HsrpInput expired(HsrpTimer timer) {
        return switch (timer) {
            case ACTIVE -> ACTIVE_TIMER_EXPIRED;
            case STANDBY -> STANDBY_TIMER_EXPIRED;
            case HELLO -> HELLO_TIMER_EXPIRED;
            case PREEMPT_DELAY -> PREEMPT_DELAY_EXPIRED;
        };
    }
}
