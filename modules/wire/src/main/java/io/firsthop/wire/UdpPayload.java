package io.firsthop.wire;

/** What a UDP datagram carries: HSRP, GLBP, or bytes firsthop does not interpret. */
public interface UdpPayload {
}
