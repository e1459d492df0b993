package io.firsthop.core.hsrp;

import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.Objects;

/** What an {@link HsrpRouter} asks its runtime to do, in the order given. */
public sealed interface HsrpOutput {
    /** Send an HSRP message of this group (RFC 2281 §5.6 actions F, G, H). */
    sealed interface Send extends HsrpOutput {
        HsrpOpCode opCode();

        /** The fields to send; {@link HsrpPdu#state()} decides the Ethernet source (virtual MAC only when Active). */
        HsrpPdu pdu();
    }

    /** RFC 2281 §5.6 action F. */
    record SendHello(HsrpPdu pdu) implements Send {
        public SendHello {
            Objects.requireNonNull(pdu, "pdu");
        }

        @Override
        public HsrpOpCode opCode() {
            return HsrpOpCode.HELLO;
        }
    }

    /** RFC 2281 §5.6 action G. */
    record SendCoup(HsrpPdu pdu) implements Send {
        public SendCoup {
            Objects.requireNonNull(pdu, "pdu");
        }

        @Override
        public HsrpOpCode opCode() {
            return HsrpOpCode.COUP;
        }
    }

    /** RFC 2281 §5.6 action H. */
    record SendResign(HsrpPdu pdu) implements Send {
        public SendResign {
            Objects.requireNonNull(pdu, "pdu");
        }

        @Override
        public HsrpOpCode opCode() {
            return HsrpOpCode.RESIGN;
        }
    }

    /** RFC 2281 §5.6 action I: broadcast an ARP reply for the virtual IP from the virtual MAC. */
    record SendGratuitousArp(Ipv4Address virtualIp) implements HsrpOutput {
        public SendGratuitousArp {
            Objects.requireNonNull(virtualIp, "virtualIp");
        }
    }

    /** Arm (or move) {@code timer} to fire at {@code at} nanoseconds. */
    record ArmTimer(HsrpTimer timer, long at) implements HsrpOutput {
        public ArmTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Cancel {@code timer}. */
    record CancelTimer(HsrpTimer timer) implements HsrpOutput {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The router moved from {@code from} to {@code to} on {@code event}. */
    record StateChanged(HsrpState from, HsrpState to, HsrpEvent event) implements HsrpOutput {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(event, "event");
        }

        /**
         * The cause for a trace event: "preempted" for a takeover by preemption (RFC 2281 §5.7
         * note *), otherwise the event's own name.
         */
        public String cause() {
            boolean preemption = to == HsrpState.ACTIVE
                    && (event == HsrpEvent.LOWER_PRIORITY_ACTIVE_HELLO || event == HsrpEvent.PREEMPT_DELAY_EXPIRY);
            return preemption ? "preempted" : event.cause();
        }
    }

    /** A message from {@code source} was ignored because its authentication data did not match. */
    record AuthenticationFailed(Ipv4Address source, HsrpOpCode opCode) implements HsrpOutput {
        public AuthenticationFailed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(opCode, "opCode");
        }
    }
}
