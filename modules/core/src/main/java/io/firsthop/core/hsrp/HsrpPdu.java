package io.firsthop.core.hsrp;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import java.util.Objects;

/**
 * The fields of an HSRP message the state machine reads or writes, the same for both versions:
 * the op code travels as the kind of input or output that carries this, the group is fixed by
 * the configuration, and version 1's whole-second timers are converted at the wire.
 *
 * @param state       the sender's state (RFC 2281 §5.1 State)
 * @param helloTimeMs the sender's Hellotime in milliseconds
 * @param holdTimeMs  the sender's Holdtime in milliseconds
 * @param priority    0..255
 * @param authData    the authentication data as received ({@link Bytes#EMPTY} when the message had none)
 * @param virtualIp   the virtual IP address the sender uses ({@link Ipv4Address#ANY} when it has none)
 */
public record HsrpPdu(HsrpState state, int helloTimeMs, int holdTimeMs, int priority, Bytes authData, Ipv4Address virtualIp) {
    public HsrpPdu {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(authData, "authData");
        Objects.requireNonNull(virtualIp, "virtualIp");
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255, was " + priority);
        if (helloTimeMs < 0 || holdTimeMs < 0) {
            throw new IllegalArgumentException("HSRP timers must not be negative: " + helloTimeMs + "/" + holdTimeMs + " ms");
        }
    }
}
