package io.firsthop.core.l3;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.MacAddress;

/** What a {@link FirstHopGroup} may do, given to it by its router for one input. */
public interface GroupIo {
    /** Sends a frame out of the group's port. */
    void send(EthernetFrame frame);

    /** Arms a timer of this group; keys only need to be unique within the group. */
    void armTimer(Object key, long at);

    void cancelTimer(Object key);

    void trace(TraceEvent event);

    String routerName();

    String portName();

    /** The burned-in MAC of the group's interface. */
    MacAddress interfaceMac();

    /** The primary address of the group's interface (RFC 5798's "primary IP address"). */
    InterfaceAddress primaryAddress();

    /** Whether the given router port is up (line protocol), for interface tracking. */
    boolean portUp(int port);
}
