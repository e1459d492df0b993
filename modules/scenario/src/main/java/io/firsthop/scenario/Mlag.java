package io.firsthop.scenario;

import java.util.Objects;

/**
 * One switch's half of an MLAG pair (Arista MLAG, Cisco vPC): the domain both peers name, the
 * port cabled to the peer's peer-link port, and whether the switch routes its VRRP and HSRP
 * virtual MACs itself whatever the group's state (vPC {@code peer-gateway}). The ports
 * dual-homed devices attach to carry an MLAG id ({@link SwitchPort#mlag()}), the same on both peers.
 *
 * @param domain      the MLAG domain (Arista {@code domain-id}, Cisco {@code vpc domain}); the same on both peers
 * @param peerLink    the name of the port facing the peer switch
 * @param peerGateway route frames to the virtual MAC of this switch's VRRP and HSRP groups locally, also as Backup
 */
public record Mlag(String domain, String peerLink, boolean peerGateway) {
    public Mlag {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(peerLink, "peerLink");
    }
}
