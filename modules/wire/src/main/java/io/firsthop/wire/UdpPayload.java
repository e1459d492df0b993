package io.firsthop.wire;

/** What a UDP datagram carries: HSRP, GLBP, or bytes firsthop does not interpret. */
public sealed interface UdpPayload permits HsrpV1Message, HsrpV2Message, GlbpMessage, RawUdpPayload {
}
