package io.firsthop.scenario;

import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A check on measured results, from the file's {@code expect:} list. Flows and groups are named
 * as in the scenario ({@link Flow#name()}, {@link FhrpGroup#name()}).
 */
public sealed interface Expectation {
    /** A one-line statement of the check, e.g. "flow h1-out: longest outage <= 400ms". */
    String describe();

    /** The flow's longest run of lost probes, measured from the last answered probe to the next answered one. */
    record MaxOutage(String flow, Duration limit) implements Expectation {
        public MaxOutage {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String describe() {
            return "flow " + flow + ": longest outage <= " + Units.formatDuration(limit);
        }
    }

    /** The fraction of the flow's probes lost over the run, 0..1. */
    record MaxLoss(String flow, double limit) implements Expectation {
        public MaxLoss {
            Objects.requireNonNull(flow, "flow");
            if (!(limit >= 0 && limit <= 1)) throw new IllegalArgumentException("loss limit must be 0..1");
        }

        @Override
        public String describe() {
            return "flow " + flow + ": loss <= " + (limit * 100) + "%";
        }
    }

    /** Who is Master (VRRP) or Active (HSRP; the AVG for GLBP) of a group at a given time. */
    record LeaderAt(Duration at, String group, String node) implements Expectation {
        public LeaderAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String describe() {
            return "at " + Units.formatDuration(at) + ": " + node + " leads " + group;
        }
    }

    /** The node (router, leaf...) that forwards the flow's probes at a given time. */
    record GatewayAt(Duration at, String flow, String node) implements Expectation {
        public GatewayAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String describe() {
            return "at " + Units.formatDuration(at) + ": flow " + flow + " goes through " + node;
        }
    }

    /** The gateway MAC the flow's host sends to at a given time (a virtual MAC, or a GLBP forwarder's). */
    record GatewayMacAt(Duration at, String flow, MacAddress mac) implements Expectation {
        public GatewayMacAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(mac, "mac");
        }

        @Override
        public String describe() {
            return "at " + Units.formatDuration(at) + ": flow " + flow + " sends to gateway MAC " + mac;
        }
    }

    /** The site of the gateway that forwards the flow at a given time. */
    record GatewaySiteAt(Duration at, String flow, String site) implements Expectation {
        public GatewaySiteAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(site, "site");
        }

        @Override
        public String describe() {
            return "at " + Units.formatDuration(at) + ": flow " + flow + " leaves through site " + site;
        }
    }

    /**
     * The largest tromboning cost: extra round-trip time a probe pays for a detour through a
     * remote or non-forwarding gateway, over one flow or (flow null) over all flows.
     */
    record MaxTromboning(String flow, Duration limit) implements Expectation {
        public MaxTromboning {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String describe() {
            return (flow == null ? "every flow" : "flow " + flow) + ": tromboning cost <= " + Units.formatDuration(limit);
        }
    }

    /** Never two Masters (Actives) of a group, or (group null) of any group, for longer than {@code limit}. */
    record MaxDualMaster(String group, Duration limit) implements Expectation {
        public MaxDualMaster {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public String describe() {
            return (group == null ? "every group" : group) + ": two Masters for at most " + Units.formatDuration(limit);
        }
    }
}
