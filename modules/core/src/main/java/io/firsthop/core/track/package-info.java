/**
 * Tracked objects: what a router watches (an interface's line state, an address's
 * reachability by periodic probe) and what a down object does to the first-hop groups that
 * follow it (lower their priority or weight, or put them out of service).
 *
 * <p>{@link io.firsthop.core.track.ObjectTracker} is the pure core a
 * {@link io.firsthop.core.l3.Router} hosts: the router owns the ports and sends the probes, the
 * tracker keeps the objects' states and tells the router when a group's combined verdict
 * changes; the router hands that to the group through
 * {@link io.firsthop.core.l3.PriorityTracking}.
 */
package io.firsthop.core.track;
