package io.firsthop.run;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured that expectations are checked against, gathered from its trace events
 * alone (so both engines give the same): every probe of every flow (when it left, its round
 * trip or its loss, the gateway MAC it went to), and for every gateway group who led it
 * (VRRP Master, HSRP Active, GLBP AVG) and which router forwarded for each GLBP virtual MAC,
 * over time.
 *
 * <p>How to use it: build it from the plan, give it every event ({@link #accept}), then
 * {@link #finish} with the time the run reached.
 *
 * <p>Leadership comes from {@link TraceEvent.StateChanged} events ("vrrp 1 on ge0" to
 * "master"; "hsrp 1 on ge0" to "active"; "glbp 1 on ge0" to "Active", and "glbp 1 on ge0
 * forwarder 2" to "Active" for a forwarder) and ends silently when the router crashes or
 * shuts down (a crash tells no one), which {@link TraceEvent.DeviceEvent}s show.
 */
public final class Observations implements SiteTraceSink {
    /** Every probe of one flow, indexed by its sequence (its ordinal in the flow). */
    public static final class FlowProbes {
        /** Marks a probe still waiting for its answer when the run ended. */
        public static final long PENDING = -1;
        /** Marks a lost probe. */
        public static final long LOST = -2;

        private final Flow flow;
        private long[] sentAt = new long[64];
        private long[] rtt = new long[64];
        private MacAddress[] via = new MacAddress[64];
        private int count;

        FlowProbes(Flow flow) {
            this.flow = flow;
        }

        public Flow flow() {
            return flow;
        }

        /** Probes sent. */
        public int count() {
            return count;
        }

        public long sentAt(int seq) {
            return sentAt[seq];
        }

        /** The round trip in nanoseconds, {@link #LOST} or {@link #PENDING}. */
        public long rtt(int seq) {
            return rtt[seq];
        }

        /** The MAC the probe was sent to (the gateway used), or null if unknown (lost or pending). */
        public MacAddress via(int seq) {
            return via[seq];
        }

        public int answered() {
            int n = 0;
            for (int i = 0; i < count; i++) if (rtt[i] >= 0) n++;
            return n;
        }

        public int lost() {
            int n = 0;
            for (int i = 0; i < count; i++) if (rtt[i] == LOST) n++;
            return n;
        }

        void sent(int seq, long at) {
            ensure(seq);
            sentAt[seq] = at;
            rtt[seq] = PENDING;
            count = Math.max(count, seq + 1);
        }

        void answered(int seq, long roundTrip, MacAddress mac) {
            if (seq >= count) return;
            rtt[seq] = roundTrip;
            via[seq] = mac;
        }

        void lost(int seq) {
            if (seq < count) rtt[seq] = LOST;
        }

        private void ensure(int seq) {
            if (seq < sentAt.length) return;
            int n = Math.max(seq + 1, sentAt.length * 2);
            sentAt = Arrays.copyOf(sentAt, n);
            rtt = Arrays.copyOf(rtt, n);
            via = Arrays.copyOf(via, n);
            for (int i = count; i < n; i++) rtt[i] = PENDING;
        }
    }

    /** A change of one member's role: leading the group, or (forwarder > 0) forwarding for a GLBP virtual MAC. */
    public record RoleChange(long at, String node, int forwarder, boolean on) {}

    /** The role history of one group. */
    public static final class GroupRoles {
        private final FhrpGroup group;
        private final List<RoleChange> changes = new ArrayList<>();
        private final Map<String, Boolean> current = new HashMap<>();

        GroupRoles(FhrpGroup group) {
            this.group = group;
        }

        public FhrpGroup group() {
            return group;
        }

        /** Every change, in time order. */
        public List<RoleChange> changes() {
            return List.copyOf(changes);
        }

        void set(long at, String node, int forwarder, boolean on) {
            String key = node + "#" + forwarder;
            if (current.getOrDefault(key, false) == on) return;
            current.put(key, on);
            changes.add(new RoleChange(at, node, forwarder, on));
        }

        void clear(long at, String node) {
            for (Map.Entry<String, Boolean> e : new ArrayList<>(current.entrySet())) {
                if (e.getValue() && e.getKey().startsWith(node + "#")) {
                    set(at, node, Integer.parseInt(e.getKey().substring(node.length() + 1)), false);
                }
            }
        }

        /** The members holding {@code forwarder}'s role (0: leading the group) at {@code at}, in member order. */
        public List<String> holdersAt(long at, int forwarder) {
            Map<String, Boolean> state = new LinkedHashMap<>();
            for (RoleChange c : changes) {
                if (c.at() > at) break;
                if (c.forwarder() == forwarder) state.put(c.node(), c.on());
            }
            List<String> holders = new ArrayList<>();
            for (FhrpGroup.Member m : group.members()) {
                if (state.getOrDefault(m.node(), false) && !holders.contains(m.node())) holders.add(m.node());
            }
            return holders;
        }

        /** The leaders at {@code at}. */
        public List<String> leadersAt(long at) {
            return holdersAt(at, 0);
        }

        /**
         * The longest time two or more members led the group at once, up to {@code end}, and when
         * that began (-1 if never).
         */
        public long[] longestMultipleLeaders(long end) {
            Map<String, Boolean> state = new HashMap<>();
            long longest = 0;
            long longestStart = -1;
            long since = -1;
            int i = 0;
            while (i < changes.size()) {
                long t = changes.get(i).at();
                // apply every change at this instant before judging it: a handover at one instant is not two leaders
                while (i < changes.size() && changes.get(i).at() == t) {
                    RoleChange c = changes.get(i++);
                    if (c.forwarder() == 0) state.put(c.node(), c.on());
                }
                int leaders = 0;
                for (boolean on : state.values()) if (on) leaders++;
                if (leaders >= 2 && since < 0) {
                    since = t;
                } else if (leaders < 2 && since >= 0) {
                    if (t - since > longest) {
                        longest = t - since;
                        longestStart = since;
                    }
                    since = -1;
                }
            }
            if (since >= 0 && end - since > longest) {
                longest = end - since;
                longestStart = since;
            }
            return new long[] {longest, longestStart};
        }
    }

    private record MemberKey(String node, String protocol, String id, String port) {}

    private record Membership(GroupRoles roles, String node) {}

    private final NetworkPlan plan;
    private final Map<String, FlowProbes> flows = new LinkedHashMap<>();
    private final Map<String, GroupRoles> groups = new LinkedHashMap<>();
    private final Map<MemberKey, Membership> members = new HashMap<>();
    private final Map<String, List<Membership>> membershipsByNode = new HashMap<>();
    private long end;

    public Observations(NetworkPlan plan) {
        this.plan = plan;
        for (Flow f : plan.scenario().traffic()) flows.put(f.name(), new FlowProbes(f));
        for (FhrpGroup g : plan.topology().groups()) {
            GroupRoles roles = new GroupRoles(g);
            groups.put(g.name(), roles);
            for (FhrpGroup.Member m : g.members()) {
                Membership ms = new Membership(roles, m.node());
                members.put(new MemberKey(m.node(), g.key().protocol().yamlName(), g.key().id(), m.iface()), ms);
                membershipsByNode.computeIfAbsent(m.node(), k -> new ArrayList<>()).add(ms);
            }
        }
    }

    @Override
    public void accept(String site, TraceEvent event) {
        switch (event) {
            case TraceEvent.ProbeSent p -> {
                FlowProbes f = flows.get(p.flow());
                if (f != null) f.sent(p.sequence(), p.at());
            }
            case TraceEvent.ProbeAnswered p -> {
                FlowProbes f = flows.get(p.flow());
                if (f != null) f.answered(p.sequence(), p.rttNanos(), p.via());
            }
            case TraceEvent.ProbeLost p -> {
                FlowProbes f = flows.get(p.flow());
                if (f != null) f.lost(p.sequence());
            }
            case TraceEvent.StateChanged c -> stateChanged(c);
            case TraceEvent.DeviceEvent d -> {
                if (d.what().startsWith("crash") || d.what().equals("shutdown")) {
                    String node = plan.nodeOf(d.device());
                    for (Membership m : membershipsByNode.getOrDefault(node == null ? d.device() : node, List.of())) {
                        m.roles().clear(d.at(), m.node());
                    }
                }
            }
            default -> {
            }
        }
    }

    private void stateChanged(TraceEvent.StateChanged c) {
        // "vrrp 1 on ge0", "hsrp 10 on ge0", "glbp 1 on ge0", "glbp 1 on ge0 forwarder 2"
        String[] words = c.group().split(" ");
        if (words.length < 4 || !words[2].equals("on")) return;
        String node = plan.nodeOf(c.device());
        Membership m = members.get(new MemberKey(node == null ? c.device() : node, words[0], words[1], words[3]));
        if (m == null) return;
        int forwarder = 0;
        if (words.length == 6 && words[4].equals("forwarder")) {
            try {
                forwarder = Integer.parseInt(words[5]);
            } catch (NumberFormatException e) {
                return;
            }
        }
        boolean on = c.to().equalsIgnoreCase("master") || c.to().equalsIgnoreCase("active");
        m.roles().set(c.at(), m.node(), forwarder, on);
    }

    /** The run ended at {@code reachedNanos}. */
    public void finish(long reachedNanos) {
        this.end = reachedNanos;
        // a cluster's sites hand events over slightly out of order: put each history in time order (stable)
        for (GroupRoles g : groups.values()) g.changes.sort(Comparator.comparingLong(RoleChange::at));
    }

    /** Where the run ended. */
    public long end() {
        return end;
    }

    public NetworkPlan plan() {
        return plan;
    }

    /** The probes of flow {@code name}, or null. */
    public FlowProbes flow(String name) {
        return flows.get(name);
    }

    public Map<String, FlowProbes> flows() {
        return flows;
    }

    /** The roles of group {@code name} (as {@link FhrpGroup#name()}), or null. */
    public GroupRoles group(String name) {
        return groups.get(name);
    }

    public Map<String, GroupRoles> groups() {
        return groups;
    }
}
