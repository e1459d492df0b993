package io.firsthop.report;

import io.firsthop.wire.MacAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the caller knows that the trace does not say. Everything but {@code run} is optional:
 * without it the report leaves the corresponding figure out (null in report.json), never guesses.
 *
 * @param run                 the run's header
 * @param topology            nodes, sites and links (drawing; WAN ports when {@code wanPorts} is not given)
 * @param deviceSites         device -> site; defaults to the topology's
 * @param macOwners           MAC -> owner label (a device name for a physical MAC, anything for others);
 *                            the gateway a flow used is shown by this label
 * @param segments            "device:interface" -> L2 segment name: separates groups that share a protocol
 *                            and ID on different segments, and picks the right group for a host's virtual MAC
 * @param nearestGatewayRttMs flow name -> RTT (ms) the flow would see through its nearest gateway: the
 *                            baseline of the tromboning cost
 * @param wanPorts            "device:port" endpoints whose transmissions cross the WAN; defaults to the
 *                            ends of the topology's cross-site links
 * @param durationNs          the planned run length (0 if unknown): scales charts before the run ends
 */
public record ReportContext(RunInfo run, Topology topology, Map<String, String> deviceSites,
                            Map<MacAddress, String> macOwners, Map<String, String> segments,
                            Map<String, Double> nearestGatewayRttMs, Set<String> wanPorts, long durationNs) {
    public ReportContext {
        Objects.requireNonNull(run, "run");
        topology = topology == null ? Topology.EMPTY : topology;
        Map<String, String> sites = new HashMap<>(topology.sites());
        if (deviceSites != null) sites.putAll(deviceSites);
        deviceSites = Map.copyOf(sites);
        macOwners = macOwners == null ? Map.of() : Map.copyOf(macOwners);
        segments = segments == null ? Map.of() : Map.copyOf(segments);
        nearestGatewayRttMs = nearestGatewayRttMs == null ? Map.of() : Map.copyOf(nearestGatewayRttMs);
        wanPorts = Set.copyOf(wanPorts == null ? topology.crossSitePorts() : wanPorts);
    }

    /** Only the header; add the rest with the {@code with...} methods. */
    public static ReportContext of(RunInfo run) {
        return new ReportContext(run, null, null, null, null, null, null, 0);
    }

    /** Sets the topology; device sites and WAN ports not given explicitly follow from it. */
    public ReportContext withTopology(Topology t) {
        return new ReportContext(run, t, deviceSites, macOwners, segments, nearestGatewayRttMs,
                wanPorts.equals(topology.crossSitePorts()) ? null : wanPorts, durationNs);
    }

    public ReportContext withDeviceSites(Map<String, String> sites) {
        return new ReportContext(run, topology, sites, macOwners, segments, nearestGatewayRttMs, wanPorts, durationNs);
    }

    public ReportContext withMacOwners(Map<MacAddress, String> owners) {
        return new ReportContext(run, topology, deviceSites, owners, segments, nearestGatewayRttMs, wanPorts, durationNs);
    }

    public ReportContext withSegments(Map<String, String> interfaceSegments) {
        return new ReportContext(run, topology, deviceSites, macOwners, interfaceSegments, nearestGatewayRttMs, wanPorts, durationNs);
    }

    public ReportContext withNearestGatewayRtt(Map<String, Double> flowBaselinesMs) {
        return new ReportContext(run, topology, deviceSites, macOwners, segments, flowBaselinesMs, wanPorts, durationNs);
    }

    public ReportContext withWanPorts(Set<String> ports) {
        return new ReportContext(run, topology, deviceSites, macOwners, segments, nearestGatewayRttMs, ports, durationNs);
    }

    public ReportContext withDuration(long plannedNs) {
        return new ReportContext(run, topology, deviceSites, macOwners, segments, nearestGatewayRttMs, wanPorts, plannedNs);
    }

    /** The site of {@code device}, or null. */
    public String siteOf(String device) {
        return device == null ? null : deviceSites.get(device);
    }
}
