/**
 * Measuring what a gateway design costs: {@link io.firsthop.sim.designs.ProbePaths} follows
 * probes over the links (hops, peer-link and WAN crossings, RTT),
 * {@link io.firsthop.sim.designs.PathStats} sums them up,
 * {@link io.firsthop.sim.designs.Tromboning} states a remote gateway's cost, and
 * {@link io.firsthop.sim.designs.PathLatency} gives the figure the configured latencies predict.
 */
package io.firsthop.sim.designs;
