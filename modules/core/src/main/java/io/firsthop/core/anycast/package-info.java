/**
 * Gateways without election: one address and one MAC answered by every router that carries
 * them (Arista VARP on an MLAG pair, the EVPN distributed anycast gateway across sites).
 */
package io.firsthop.core.anycast;
