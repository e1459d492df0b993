package io.firsthop.wire;

/** What an IPv4 packet carries; each kind knows its protocol number. */
public sealed interface Ipv4Payload permits IcmpMessage, UdpDatagram, VrrpAdvertisement, RawIpPayload {
    int protocol();
}
