package io.firsthop.wire;

/** What an Ethernet frame carries; each kind knows its EtherType. */
public sealed interface EthernetPayload permits ArpPacket, Ipv4Packet, RawEthernetPayload {
    int etherType();
}
