package io.firsthop.core.glbp;

/**
 * How the AVG picks the virtual MAC it puts in an ARP reply for the virtual IP (Cisco
 * "Configuring GLBP", GLBP Load Balancing and Tracking; {@code glbp load-balancing}).
 */
public enum LoadBalancing {
    /** Each reply carries the next active forwarder in forwarder-number order. Cisco's default. */
    ROUND_ROBIN,
    /** Replies are spread in proportion to the forwarders' advertised weightings. */
    WEIGHTED,
    /** A host always gets the same forwarder while the set of forwarders is unchanged. */
    HOST_DEPENDENT
}
