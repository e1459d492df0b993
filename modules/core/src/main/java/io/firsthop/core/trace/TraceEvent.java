package io.firsthop.core.trace;

import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;

/**
 * Everything observable that happens in a run. Cores emit these; reports consume only these,
 * so both engines produce the same reports. {@code at} is the runtime's time in nanoseconds,
 * {@code device} the name of the device (or link) that saw it.
 */
public sealed interface TraceEvent {
    long at();

    String device();

    /** A frame left {@code device} on {@code port}. */
    record FrameSent(long at, String device, String port, EthernetFrame frame) implements TraceEvent {}

    /** A frame reached {@code device} on {@code port}. */
    record FrameReceived(long at, String device, String port, EthernetFrame frame) implements TraceEvent {}

    /** A frame was dropped by {@code device} (a device or a link) for {@code reason}. */
    record FrameDropped(long at, String device, String port, EthernetFrame frame, DropReason reason,
                        String detail) implements TraceEvent {}

    /** An ARP cache entry was created ({@code previous} null) or changed. */
    record ArpLearned(long at, String device, Ipv4Address ip, MacAddress mac, MacAddress previous) implements TraceEvent {}

    /** An ARP cache entry expired. */
    record ArpExpired(long at, String device, Ipv4Address ip, MacAddress mac) implements TraceEvent {}

    /** ARP resolution of {@code ip} failed after all retries. */
    record ArpFailed(long at, String device, Ipv4Address ip, int attempts) implements TraceEvent {}

    /** A switch learned {@code mac} on {@code port} in {@code vlan}. */
    record MacLearned(long at, String device, int vlan, MacAddress mac, String port) implements TraceEvent {}

    /** A switch saw {@code mac} move from {@code oldPort} to {@code newPort} (point 8 of the notes). */
    record MacMoved(long at, String device, int vlan, MacAddress mac, String oldPort, String newPort) implements TraceEvent {}

    /** A switch removed {@code mac}: aged out, its port went down, or the table was lost. */
    record MacRemoved(long at, String device, int vlan, MacAddress mac, String port, String why) implements TraceEvent {}

    /**
     * A protocol instance changed state.
     *
     * @param group  e.g. "vrrp 51 on ge0"
     * @param cause  why, in the VRRP YANG model's words where they exist (priority, preempted, no-response)
     */
    record StateChanged(long at, String device, String group, String from, String to, String cause) implements TraceEvent {}

    /** A device was powered on, crashed, shut down; a port changed state. */
    record DeviceEvent(long at, String device, String what) implements TraceEvent {}

    /** A link was cut, restored or re-impaired. */
    record LinkEvent(long at, String device, String what) implements TraceEvent {}

    /** A probe (ICMP echo request) left a host. */
    record ProbeSent(long at, String device, String flow, int sequence, Ipv4Address destination) implements TraceEvent {}

    /** A probe's reply came back after {@code rttNanos}; {@code via} is the MAC it was sent to (the gateway used). */
    record ProbeAnswered(long at, String device, String flow, int sequence, long rttNanos, MacAddress via) implements TraceEvent {}

    /** A probe got no reply within its timeout. */
    record ProbeLost(long at, String device, String flow, int sequence, long sentAt) implements TraceEvent {}

    /** A free-form note from a core (a configuration applied, a command rejected). */
    record Note(long at, String device, String text) implements TraceEvent {}
}
