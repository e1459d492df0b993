/**
 * VRRP version 2 (RFC 3768) and version 3 (RFC 5798, RFC 9568) for IPv4.
 *
 * <p>{@link io.firsthop.core.vrrp.VrrpRouter} is the pure protocol core: one per (interface,
 * VRID), driven by {@link io.firsthop.core.vrrp.VrrpInput}s and the current time, answering
 * with {@link io.firsthop.core.vrrp.VrrpOutput}s. {@link io.firsthop.core.vrrp.VrrpGroup}
 * plugs a core into a router as a {@link io.firsthop.core.l3.FirstHopGroup}: it builds the
 * frames, maps timers and trace events, and answers the router's data-plane questions.
 * Names follow the RFCs ({@code Master_Down_Interval} is {@code masterDownInterval}) and the
 * VRRP YANG model, RFC 8347 (states, new-master reasons, counters).
 */
package io.firsthop.core.vrrp;
