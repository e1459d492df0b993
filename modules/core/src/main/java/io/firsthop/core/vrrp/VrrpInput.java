package io.firsthop.core.vrrp;

import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.Objects;

/** Everything that can happen to a {@link VrrpRouter}; the caller supplies the time alongside. */
public sealed interface VrrpInput {
    /** The Startup event of RFC 5798 §6.4.1: the virtual router is enabled on a working interface. */
    record Startup() implements VrrpInput {}

    /** The interface came back up: a Startup event whose transition names "interface-up" as its cause. */
    record InterfaceUp() implements VrrpInput {}

    /** The Shutdown event of RFC 5798 §6.4.2 / §6.4.3: a Master says goodbye with priority 0. */
    record Shutdown() implements VrrpInput {}

    /** The interface went down: back to Initialize like Shutdown, but nothing can be sent. */
    record InterfaceDown() implements VrrpInput {}

    /**
     * A tracked object that puts the router out of service went down (keepalived's FAULT, its
     * tracking with weight 0): a Master resigns exactly as on Shutdown (priority 0), a Backup
     * stops; the runtime holds the router in Initialize until {@link FaultCleared}.
     */
    record Fault() implements VrrpInput {}

    /** The fault is over and the interface is up: a Startup event with cause "fault-cleared". */
    record FaultCleared() implements VrrpInput {}

    /**
     * An advertisement for this VRID arrived and decoded.
     *
     * @param source the IPv4 source: the sender's primary address (RFC 5798 §7.2)
     * @param ttl    the IPv4 TTL it arrived with
     */
    record AdvertReceived(Ipv4Address source, int ttl, VrrpAdvertisement advert) implements VrrpInput {
        public AdvertReceived {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(advert, "advert");
        }
    }

    /**
     * A VRRP packet for this VRID arrived but could not be decoded into an advertisement; the
     * receiver says which §7.1 check it failed, so the core counts and discards it.
     */
    record MalformedAdvertReceived(VrrpError error) implements VrrpInput {
        public MalformedAdvertReceived {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The Adver_Timer fired. */
    record AdverTimerFired() implements VrrpInput {}

    /** The Master_Down_Timer fired. */
    record MasterDownTimerFired() implements VrrpInput {}

    /**
     * The router's priority changes (tracking, or an operator). An address owner's priority is
     * 255 by definition (RFC 5798 §5.2.4) and does not change.
     */
    record PriorityChanged(int priority) implements VrrpInput {
        public PriorityChanged {
            if (priority < 1 || priority > 254) {
                throw new IllegalArgumentException("a non-owner priority must be 1..254, was " + priority);
            }
        }
    }

    Startup STARTUP = new Startup();
    InterfaceUp INTERFACE_UP = new InterfaceUp();
    Shutdown SHUTDOWN = new Shutdown();
    InterfaceDown INTERFACE_DOWN = new InterfaceDown();
    Fault FAULT = new Fault();
    FaultCleared FAULT_CLEARED = new FaultCleared();
    AdverTimerFired ADVER_TIMER_FIRED = new AdverTimerFired();
    MasterDownTimerFired MASTER_DOWN_TIMER_FIRED = new MasterDownTimerFired();
}
