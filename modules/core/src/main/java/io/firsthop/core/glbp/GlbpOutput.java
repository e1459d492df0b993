package io.firsthop.core.glbp;

import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;

/** What a {@link GlbpRouter} asks its runtime to do. */
public sealed interface GlbpOutput {
    /**
     * Send {@code message} in UDP 3222 -> 3222 from the interface's primary address.
     *
     * @param destination    224.0.0.102 for hellos, the peer's address for a Request or Response
     * @param destinationMac 01:00:5e:00:00:66 for hellos, the peer's interface MAC otherwise
     * @param sourceMac      the Ethernet source: the virtual MAC of a forwarder this router is AVF
     *                       for, or the interface MAC (see {@link GlbpRouter})
     */
    record Send(GlbpMessage message, Ipv4Address destination, MacAddress destinationMac, MacAddress sourceMac)
            implements GlbpOutput {}

    record ArmTimer(GlbpTimer timer, long at) implements GlbpOutput {}

    record CancelTimer(GlbpTimer timer) implements GlbpOutput {}

    /** The virtual gateway state changed. */
    record VgStateChanged(GlbpVgState from, GlbpVgState to, String cause) implements GlbpOutput {}

    /** This router's state for forwarder {@code forwarder} changed. */
    record VfStateChanged(int forwarder, GlbpVfState from, GlbpVfState to, String cause) implements GlbpOutput {}

    /** A received message was ignored, for {@code reason} (authentication, virtual IP mismatch...). */
    record Rejected(String reason) implements GlbpOutput {}

    /** Something worth a line in the trace that is not a state change (a redirect timer ran out). */
    record Note(String text) implements GlbpOutput {}
}
