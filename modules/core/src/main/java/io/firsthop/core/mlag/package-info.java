/**
 * MLAG-pair gateway behaviour on the router side: {@link io.firsthop.core.mlag.PeerGateway}
 * (active-active forwarding of an FHRP group's virtual MAC). The switch side (peer link,
 * member ports, MAC synchronisation) is in {@link io.firsthop.core.l2.EthernetSwitch}.
 */
package io.firsthop.core.mlag;
