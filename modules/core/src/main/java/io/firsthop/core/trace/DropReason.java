package io.firsthop.core.trace;

/** Why a frame or packet was dropped. Every drop in firsthop names one. */
public enum DropReason {
    /** The link's random loss model dropped it. */
    LINK_LOSS,
    /** The link (cable) was cut or down. */
    LINK_DOWN,
    /** The link's transmit queue was full (tail drop). */
    QUEUE_FULL,
    /** The device was crashed or shut down. */
    DEVICE_DOWN,
    /** The port was administratively or operationally down. */
    PORT_DOWN,
    /** A switch port does not carry the frame's VLAN. */
    VLAN_NOT_ALLOWED,
    /** Not addressed to this device (unicast to another MAC or IP). */
    NOT_FOR_US,
    /** TTL reached zero while forwarding. */
    TTL_EXPIRED,
    /** No route to the destination. */
    NO_ROUTE,
    /** ARP resolution of the next hop failed after all retries. */
    ARP_FAILED,
    /** Too many packets waiting for ARP resolution of one address. */
    ARP_QUEUE_FULL,
    /** A protocol check rejected it (e.g. VRRP TTL other than 255). */
    PROTOCOL_CHECK,
    /** The device has no handler for this protocol. */
    UNSUPPORTED,
    /** A switch would send it back out of the port it came in on. */
    SAME_PORT
}
